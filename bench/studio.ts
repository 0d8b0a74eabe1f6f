// The studio part of the bench: how long the staff page takes from pasting a seed-sized text to showing its
// preview, once the server is warm. `briefings studio` runs in its own process (as staff run it), its page in real
// Chromium; each seed is pasted under a new name (nothing cached), timed in the page from the click to the preview
// showing the article with its fonts loaded. Target of issue 11: every seed-sized paste under 1 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../pipeline/build.ts';
import { CHROMIUM_ARGS, findChromium } from '../pipeline/render/browser.ts';
import type { Row } from './results.ts';

export interface StudioBenchOptions {
  /** Times each seed is pasted (each time under a new name). */
  rounds: number;
  /** Progress lines (stderr in the bench). */
  step?: (what: string) => void;
}

/** Where the milliseconds of one paste went, each counted from the click on Preview. */
export interface PasteTiming {
  seed: string;
  chars: number;
  /** The preview shows the article with its fonts loaded. */
  total: number;
  /** The paste answered: text saved, text stages run, the page's data back. */
  answered: number;
  /** The browser asked for the preview's page. */
  asked: number;
  /** The preview's page arrived (made from the templates). */
  served: number;
  /** Server-Timing: the text stages and the templates. */
  text: number;
  render: number;
}

/** A type, not an interface: the bench keeps figures as a plain record. */
export type StudioFigures = {
  rounds: number;
  pastes: number;
  coldFirstPasteMs: number;
  medianMs: number;
  worstMs: number;
  underOneSecond: number;
  /** Medians over all pastes of each step, from the click. */
  steps: { answered: number; asked: number; served: number; text: number; render: number };
  perSeed: { seed: string; chars: number; medianMs: number; worstMs: number; totalsMs: number[] }[];
  rows: PasteTiming[];
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (n: number) => Math.round(n);

function seeds(): { name: string; text: string }[] {
  return readdirSync(path.join(PROJECT_ROOT, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(path.join(PROJECT_ROOT, 'seeds', f), 'utf8') }));
}

/** Starts `briefings studio` on a free port in `cwd`; resolves with its address. */
async function startStudioProcess(cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin', 'briefings.mjs'), 'studio', 'in', '--port', '0'],
    {
      cwd,
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
  return { child, url };
}

/**
 * Pastes `text` as `name` and waits, in the page, until the preview frame holds the article's page (its colophon
 * names the article), laid out, with every font it uses loaded and one frame painted. How the studio gets the page
 * there (a new document or new content) does not matter to the measure.
 */
async function paste(page: Page, name: string, text: string): Promise<Omit<PasteTiming, 'seed' | 'chars'>> {
  await page.click('#paste-open');
  await page.$eval('#paste-text', (el, t) => ((el as HTMLTextAreaElement).value = t), text);
  await page.$eval('#paste-name', (el, n) => ((el as HTMLInputElement).value = n), name);
  const id = `${name.replace(/\.txt$/u, '')}-1`;
  return page.evaluate(
    (articleId) =>
      new Promise<Omit<PasteTiming, 'seed' | 'chars'>>((resolve) => {
        performance.clearResourceTimings(); // the buffer holds 250 entries: this paste's must be in it
        const started = performance.now();
        (document.getElementById('paste-submit') as HTMLButtonElement).click();
        const shows = (doc: Document | null) =>
          !!doc?.querySelector('h1') && (doc.querySelector('.colophon')?.textContent ?? '').includes(` ${articleId} `);
        const done = (doc: Document) => {
          const total = performance.now() - started;
          const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const answer = entries.findLast((e) => e.name.endsWith('/api/paste'));
          const pageEntry = entries.findLast((e) => e.name.includes(`/preview/${encodeURIComponent(articleId)}.html`));
          const timing = (e: PerformanceResourceTiming | undefined, key: string) =>
            Number(e?.serverTiming?.find((t) => t.name === key)?.duration ?? NaN);
          // An iframe navigation may be reported in the frame rather than here: take it from there then.
          const nav = doc.defaultView?.performance.getEntriesByType('navigation')[0] as
            PerformanceNavigationTiming | undefined;
          const navOffset = (doc.defaultView?.performance.timeOrigin ?? 0) - performance.timeOrigin;
          const fromNav = !pageEntry && nav?.name.includes(articleId);
          resolve({
            total,
            answered: (answer?.responseEnd ?? NaN) - started,
            asked: (fromNav ? navOffset + nav!.startTime : (pageEntry?.startTime ?? NaN)) - started,
            served: (fromNav ? navOffset + nav!.responseEnd : (pageEntry?.responseEnd ?? NaN)) - started,
            text: timing(answer, 'text'),
            render: fromNav ? timing(nav, 'render') : timing(pageEntry, 'render'),
          });
        };
        const check = () => {
          const doc = (document.getElementById('preview') as HTMLIFrameElement).contentDocument;
          if (!shows(doc) || doc!.readyState === 'loading') {
            setTimeout(check, 2);
            return;
          }
          void doc!.body.offsetHeight; // layout: the faces this text needs start loading now
          void doc!.fonts.ready.then(() =>
            doc!.defaultView!.requestAnimationFrame(() => (shows(doc) ? done(doc!) : check())),
          );
        };
        check();
      }),
    id,
  );
}

/** Waits until the file's PDFs are printed, so each paste is timed on a quiet server (the PDFs follow each paste). */
async function quiet(url: string, file: string): Promise<void> {
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

/** Runs the measure; figures for bench/results.json and rows for the table. */
export async function benchStudio(options: StudioBenchOptions): Promise<{ figures: StudioFigures; rows: Row[] }> {
  const step = options.step ?? (() => undefined);
  const list = seeds();
  const work = mkdtempSync(path.join(os.tmpdir(), 'briefings-studio-bench-'));
  mkdirSync(path.join(work, 'in'));
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const started = await startStudioProcess(work);
    child = started.child;
    const chromium = findChromium();
    if (!chromium) throw new Error('bench studio: Chromium not found (apt-get install -y chromium)');
    browser = await puppeteer.launch({ executablePath: chromium, args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage();
    // tsx keeps function names with a helper the page does not have: give it one.
    await page.evaluateOnNewDocument('globalThis.__name = (f) => f');
    await page.setViewport({ width: 1500, height: 1000 });
    await page.goto(started.url, { waitUntil: 'load' });
    step('studio: first paste (cold)');
    const cold = await paste(page, 'warm-up.txt', list[Math.min(2, list.length - 1)].text);
    await quiet(started.url, 'warm-up.txt');
    const rows: PasteTiming[] = [];
    for (let r = 0; r < options.rounds; r += 1)
      for (const seed of list) {
        const name = `r${r}-${seed.name}`;
        step(`studio: round ${r + 1}, ${seed.name}`);
        const t = await paste(page, name, seed.text);
        rows.push({ seed: seed.name, chars: [...seed.text].length, ...t });
        await quiet(started.url, name);
      }
    const totals = rows.map((r) => r.total);
    const perSeed = list.map((s) => {
      const mine = rows.filter((r) => r.seed === s.name).map((r) => round(r.total));
      return {
        seed: s.name,
        chars: [...s.text].length,
        medianMs: median(mine),
        worstMs: Math.max(...mine),
        totalsMs: mine,
      };
    });
    const figures: StudioFigures = {
      rounds: options.rounds,
      pastes: rows.length,
      coldFirstPasteMs: round(cold.total),
      medianMs: round(median(totals)),
      worstMs: round(Math.max(...totals)),
      underOneSecond: totals.filter((t) => t < 1000).length,
      steps: {
        answered: round(median(rows.map((r) => r.answered))),
        asked: round(median(rows.map((r) => r.asked))),
        served: round(median(rows.map((r) => r.served))),
        text: round(median(rows.map((r) => r.text))),
        render: round(median(rows.map((r) => r.render))),
      },
      perSeed,
      rows: rows.map((r) => ({
        ...r,
        total: round(r.total),
        answered: round(r.answered),
        asked: round(r.asked),
        served: round(r.served),
        text: round(r.text),
        render: round(r.render),
      })),
    };
    const table: Row[] = [
      ...perSeed.map((s) => ({
        measure: `paste → preview, ${s.seed} (${s.chars} chars)`,
        value: `median ${s.medianMs} ms, worst ${s.worstMs} ms (${s.totalsMs.join(', ')})`,
        target: '< 1000 ms',
        met: s.worstMs < 1000,
      })),
      {
        measure: `paste → preview, all ${rows.length} pastes`,
        value: `median ${figures.medianMs} ms, worst ${figures.worstMs} ms, ${figures.underOneSecond} under 1 s`,
        target: 'every one < 1000 ms',
        met: figures.underOneSecond === rows.length,
      },
      {
        measure: 'where it goes (medians, from the click)',
        value:
          `answered ${figures.steps.answered} (text stages ${figures.steps.text}), page asked ${figures.steps.asked}, ` +
          `served ${figures.steps.served} (templates ${figures.steps.render}), shown ${figures.medianMs}`,
      },
      { measure: 'first paste after start (cold)', value: `${figures.coldFirstPasteMs} ms` },
    ];
    return { figures, rows: table };
  } finally {
    await browser?.close();
    if (child && child.exitCode === null) {
      child.kill('SIGINT');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    rmSync(work, { recursive: true, force: true });
  }
}
