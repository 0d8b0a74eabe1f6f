// Peak memory and time of the text stages on hostile pages: 600,000 characters on one line, and a 5 MB page.
// Each page runs in a child process of its own, so one page's heap does not count against the next.
// Run: node bin/run-ts.mjs bench/longPages.ts [--only line|page] [--stage clean|text]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clean } from '../pipeline/clean/index.ts';
import { cleanContextFor } from '../pipeline/clean/repairReview.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { loadTextResources, processSource } from '../pipeline/textPipeline.ts';
import { generatedPage } from '../tests/generatedPages.ts';

const PAGES = {
  line: () => generatedPage(600_000, { oneLine: true }),
  page: () => generatedPage(1_750_000),
};

const { values } = parseArgs({
  options: { only: { type: 'string' }, stage: { type: 'string' }, child: { type: 'string' } },
});

if (values.child) {
  const [name, stage] = values.child.split(':') as [keyof typeof PAGES, string];
  const text = PAGES[name]();
  const bytes = new TextEncoder().encode(text);
  const resources = loadTextResources();
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 25);
  const started = performance.now();
  // Synchronous stages block the timer: rss is also read between them.
  let messages: number;
  if (stage === 'clean') {
    const source = ingest({ file: `${name}.txt`, bytes });
    sample();
    messages = source.messages.length + clean(source.value!, cleanContextFor(resources.terms)).messages.length;
  } else {
    messages = processSource(`${name}.txt`, bytes, {}, resources).messages.length;
  }
  sample();
  clearInterval(timer);
  const mb = (n: number) => Math.round(n / 2 ** 20);
  console.log(
    JSON.stringify({
      page: name,
      stage,
      characters: text.length,
      bytes: bytes.length,
      seconds: Math.round(performance.now() - started) / 1000,
      rssBeforeMB: mb(before),
      rssPeakMB: mb(peak),
      rssAfterMB: mb(process.memoryUsage().rss),
      messages,
    }),
  );
} else {
  const runner = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const names = (values.only?.split(',') ?? Object.keys(PAGES)) as (keyof typeof PAGES)[];
  for (const name of names) {
    for (const stage of (values.stage ?? 'clean,text').split(',')) {
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', runner, fileURLToPath(import.meta.url), '--child', `${name}:${stage}`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      process.stdout.write(child.stdout || `${name}:${stage} failed with status ${child.status}\n`);
    }
  }
}
