// npm run bench: the text stages on the seeds, each as a ratio to a baseline measured in the same process
// (decoding the same bytes), and one full build (text, HTML, PDF) split by phase. Ratios, not timings, are compared.
import { mkdtempSync, readdirSync, readFileSync, rmSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bilingual } from '../pipeline/bilingual/index.ts';
import { TranslationMemory } from '../pipeline/bilingual/translationMemory.ts';
import { build, PROJECT_ROOT } from '../pipeline/build.ts';
import { clean } from '../pipeline/clean/index.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { split } from '../pipeline/split/index.ts';
import { issueDateOf, structure } from '../pipeline/structure/index.ts';
import { loadTermBase } from '../pipeline/domain/termBase.ts';
import { loadGazetteer } from '../pipeline/domain/gazetteer.ts';

const seeds = readdirSync(path.join(PROJECT_ROOT, 'seeds')).map((f) => ({
  file: f,
  bytes: readFileSync(path.join(PROJECT_ROOT, 'seeds', f)),
}));
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const terms = loadTermBase();
const memory = TranslationMemory.load();
const gazetteer = loadGazetteer();

function time(fn: () => void): number {
  fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < rounds; i += 1) fn();
  return (performance.now() - start) / rounds;
}

const ingested = seeds.map((s) => ingest(s).value!);
const cleaned = ingested.map((s) => clean(s).value);
const drafts = cleaned.map((c) => split(c).value);
const structured = drafts.map((d, i) =>
  d.map(
    (draft) => structure(draft, { issueDate: issueDateOf({ source: cleaned[i] }).issueDate, terms, gazetteer }).value,
  ),
);

const baseline = time(() => {
  for (const s of seeds) new TextDecoder('utf-8').decode(s.bytes).normalize('NFC');
});
const phases: [string, () => void][] = [
  [
    'ingest',
    () => {
      for (const s of seeds) ingest(s);
    },
  ],
  [
    'clean',
    () => {
      for (const s of ingested) clean(s);
    },
  ],
  [
    'split',
    () => {
      for (const c of cleaned) split(c);
    },
  ],
  [
    'structure',
    () => drafts.forEach((d) => d.forEach((draft) => structure(draft, { issueDate: null, terms, gazetteer }))),
  ],
  [
    'bilingual',
    () =>
      structured.forEach((articles, i) =>
        articles.forEach((a) =>
          bilingual(structuredClone(a), { terms, gazetteer, memory, sourceText: cleaned[i].text }),
        ),
      ),
  ],
];
console.log(
  `baseline (decode + NFC of the ${seeds.length} seeds): ${baseline.toFixed(3)} ms per round, ${rounds} rounds`,
);
for (const [name, fn] of phases) {
  const ms = time(fn);
  console.log(`${name.padEnd(10)} ${(ms / baseline).toFixed(1).padStart(8)} × baseline   (${ms.toFixed(2)} ms)`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-bench-'));
cpSync(path.join(PROJECT_ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
const result = await build({ cwd: dir, outDir: 'out' });
const t = result.timings;
console.log(
  `full build of the seeds: ${result.manifest.articles.length} articles; text ${t.textMs.toFixed(0)} ms, HTML ${t.htmlMs.toFixed(0)} ms, PDF ${t.pdfMs.toFixed(0)} ms, total ${t.totalMs.toFixed(0)} ms; PDF is ${(t.pdfMs / t.textMs).toFixed(1)}× the text stages`,
);
rmSync(dir, { recursive: true, force: true });
