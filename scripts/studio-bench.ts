// How long the staff page takes from pasting a seed-sized text to showing its preview, once the server is warm:
// `briefings studio` in its own process (as staff run it), its page in real Chromium, each seed pasted under a new
// name (so nothing is cached), timed in the page from the click to the preview's document with its fonts loaded.
// Prints the figures; asserts nothing.
//   node bin/run-ts.mjs scripts/studio-bench.ts [--rounds N]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer, { type Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../pipeline/build.ts';
import { CHROMIUM_ARGS, findChromium } from '../pipeline/render/browser.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' } } });
const rounds = Math.max(1, Number(values.rounds));
const seeds = readdirSync(path.join(PROJECT_ROOT, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(path.join(PROJECT_ROOT, 'seeds', f), 'utf8') }));

const work = mkdtempSync(path.join(os.tmpdir(), 'briefings-studio-bench-'));
mkdirSync(path.join(work, 'in'));
const child = spawn(
  process.execPath,
  [path.join(PROJECT_ROOT, 'bin', 'briefings.mjs'), 'studio', 'in', '--port', '0'],
  {
    cwd: work,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    const found = /(http:\/\/127\.0\.0\.1:\d+\/)/u.exec(out);
    if (found) resolve(found[1]);
  });
  child.once('exit', (code) => reject(new Error(`studio exited with ${code}: ${out}`)));
});
const browser = await puppeteer.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS, headless: true });

interface Timed {
  /** Click → preview shown (its document loaded, fonts ready). */
  total: number;
  /** Click → the paste answered (text saved, text stages run, the page's data back). */
  answered: number;
  /** Click → the preview's HTML answered (its page made from the templates). */
  pageServed: number;
  text: number;
  render: number;
  /** The same preview shown again with everything made and cached: what the browser alone takes. */
  again: number;
}

/** Pastes `text` as `name`; returns the milliseconds from the click to the preview shown, and where they went. */
async function paste(page: Page, name: string, text: string): Promise<Timed> {
  await page.click('#paste-open');
  await page.$eval('#paste-text', (el, t) => ((el as HTMLTextAreaElement).value = t), text);
  await page.$eval('#paste-name', (el, n) => ((el as HTMLInputElement).value = n), name);
  const stem = name.replace(/\.txt$/u, '');
  const timed = await page.evaluate(
    (file) =>
      new Promise<{ total: number; answered: number; pageServed: number }>((resolve) => {
        performance.clearResourceTimings(); // the buffer holds 250 entries: this paste's must be in it
        const started = performance.now();
        (document.getElementById('paste-submit') as HTMLButtonElement).click();
        const check = () => {
          const frame = document.getElementById('preview') as HTMLIFrameElement;
          const doc = frame.contentDocument;
          const src = frame.getAttribute('src') ?? '';
          if (src.includes(file) && doc?.readyState === 'complete' && doc.URL.includes(file) && doc.querySelector('h1'))
            void doc.fonts.ready.then(() => {
              const total = performance.now() - started;
              const answer = performance.getEntriesByType('resource').findLast((e) => e.name.endsWith('/api/paste'));
              const nav = frame.contentWindow!.performance.getEntriesByType(
                'navigation',
              )[0] as PerformanceNavigationTiming;
              const pageServed = frame.contentWindow!.performance.timeOrigin + nav.responseEnd - performance.timeOrigin;
              resolve({
                total,
                answered: (answer as PerformanceResourceTiming).responseEnd - started,
                pageServed: pageServed - started,
              });
            });
          else setTimeout(check, 5);
        };
        check();
      }),
    stem,
  );
  const timing = await page.evaluate(() => {
    const last = performance.getEntriesByType('resource').findLast((e) => e.name.endsWith('/api/paste'));
    return ((last as PerformanceResourceTiming).serverTiming ?? []).map((t) => [t.name, t.duration]);
  });
  const pageTiming = await page.evaluate(() => {
    const frame = document.getElementById('preview') as HTMLIFrameElement;
    const nav = frame.contentWindow!.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return (nav.serverTiming ?? []).map((t) => [t.name, t.duration]);
  });
  // The floor: the same preview shown again (page already made, every file cached): the browser's own share.
  const again = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const frame = document.getElementById('preview') as HTMLIFrameElement;
        const started = performance.now();
        frame.addEventListener(
          'load',
          () => void frame.contentDocument!.fonts.ready.then(() => resolve(performance.now() - started)),
          { once: true },
        );
        frame.setAttribute('src', `${frame.getAttribute('src')}&again`);
      }),
  );
  const dur = (t: (string | number)[][], key: string) => Number(t.find((x) => x[0] === key)?.[1] ?? NaN);
  return {
    again: Math.round(again),
    total: Math.round(timed.total),
    answered: Math.round(timed.answered),
    pageServed: Math.round(timed.pageServed),
    text: dur(timing, 'text'),
    render: dur(pageTiming, 'render'),
  };
}

/** Waits until the file's PDFs are printed, so each paste is timed on a quiet server (the PDFs follow each paste). */
async function quiet(file: string): Promise<void> {
  for (;;) {
    const s = (await (await fetch(`${url}api/sources/${encodeURIComponent(file)}/pdf`)).json()) as {
      version: number;
      printed: number;
      state: string;
    };
    if (s.printed >= s.version || s.state === 'failed') return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

process.stdout.write(
  `load average before: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores\n`,
);
try {
  const page = await browser.newPage();
  // tsx keeps function names with a helper the page does not have: give it one.
  await page.evaluateOnNewDocument('globalThis.__name = (f) => f');
  await page.setViewport({ width: 1500, height: 1000 });
  await page.goto(url, { waitUntil: 'load' });
  const warm = await paste(page, 'warm-up.txt', seeds[2].text);
  process.stdout.write(`warm-up paste (first, cold): ${Math.round(warm.total)} ms\n`);
  await quiet('warm-up.txt');
  const rows: ({ seed: string; chars: number } & Timed)[] = [];
  for (let round = 0; round < rounds; round += 1)
    for (const seed of seeds) {
      const name = `r${round}-${seed.name}`;
      const t = await paste(page, name, seed.text);
      rows.push({ seed: seed.name, chars: [...seed.text].length, ...t });
      await quiet(name);
    }
  for (const r of rows)
    process.stdout.write(
      `${r.seed}  ${String(r.chars).padStart(6)} chars  paste → preview ${String(Math.round(r.total)).padStart(5)} ms` +
        `  (answered ${r.answered} ms, of which text stages ${Math.round(r.text)} ms; page served ${r.pageServed} ms,` +
        ` of which templates ${Math.round(r.render)} ms; shown again from cache ${r.again} ms)\n`,
    );
  const sorted = rows.map((r) => r.total).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  process.stdout.write(
    `median ${Math.round(median)} ms, worst ${Math.round(sorted.at(-1)!)} ms over ${rows.length} pastes ` +
      `(${rows.filter((r) => r.total < 1000).length} under 1 s)\n`,
  );
} finally {
  await browser.close();
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(work, { recursive: true, force: true });
}
