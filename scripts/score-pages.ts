// Prints how the text pipeline does on the real-pattern pages (tests/texts/pages/): one figure per metric, then each
// page's failures. `--json` prints the figures as JSON; `--page NAME` (repeatable) scores only those pages;
// `--dir PATH` scores another folder of pages (the held-out set: tests/texts/pages-holdout).
import path from 'node:path';
import { loadPageCorpus, PAGES_DIR, ratio, scoreCorpus, type CorpusScore, type Tally } from '../tests/pageCorpus.ts';

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--page' && args[i + 1] ? [args[i + 1]] : []));
const dirArg = args.indexOf('--dir');
const dir = dirArg >= 0 && args[dirArg + 1] ? path.resolve(args[dirArg + 1]) : PAGES_DIR;
const pages = loadPageCorpus(dir).filter((p) => only.length === 0 || only.includes(p.name));
if (pages.length === 0) {
  console.error(`score-pages: no page named ${only.join(', ')} in ${dir}`);
  process.exitCode = 2;
} else {
  const score = scoreCorpus(pages);
  if (args.includes('--json')) {
    const { perPage, ...figures } = score;
    const failures = Object.fromEntries(perPage.filter((p) => p.failures.length).map((p) => [p.name, p.failures]));
    console.log(JSON.stringify({ ...figures, failures }, null, 2));
  } else console.log(report(score));
}

function report(s: CorpusScore): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const of = (t: Tally) => `${t.hit} / ${t.of}`;
  const rows: [string, string, string, string][] = [
    ['metric', 'value', 'count', 'target'],
    [
      'article split F1',
      s.split.f1.toFixed(3),
      `${s.split.matched} matched of ${s.split.expected}→${s.split.predicted}`,
      '≥ 0.95',
    ],
    ['  precision / recall', `${s.split.precision.toFixed(3)} / ${s.split.recall.toFixed(3)}`, '', ''],
    ['genre accuracy', pct(ratio(s.genre)), of(s.genre), '≥ 90 %'],
    ['title accuracy', pct(ratio(s.title)), of(s.title), ''],
    ['subtitle / kicker accuracy', pct(ratio(s.decks)), of(s.decks), ''],
    ['event date accuracy', pct(ratio(s.date)), of(s.date), ''],
    ['issue date accuracy', pct(ratio(s.issueDate)), of(s.issueDate), ''],
    ['encoding recognised', pct(ratio(s.encoding)), of(s.encoding), ''],
    ['qa/clause/item counts exact', pct(ratio(s.counts)), of(s.counts), '≥ 90 %'],
    ['people recall', pct(ratio(s.people)), of(s.people), '≥ 85 %'],
    ['byline names recall', pct(ratio(s.reporters)), of(s.reporters), ''],
    ['false names', String(s.falseNames.length), s.falseNames.map((f) => f.name).join('、'), ''],
    ['furniture left in bodies', pct(s.furniture.share), `${s.furniture.leftInBodies} / ${s.furniture.lines}`, '≤ 5 %'],
    ['furniture as title/subtitle/kicker', String(s.furniture.asHeadline), '', '0'],
    ['furniture as column/pen name', String(s.furniture.asColumn), '', ''],
    ['must-keep violations', String(s.mustKeep.violations), `of ${s.mustKeep.checked}`, '0'],
    ['Han characters lost', String(s.charactersLost), '', '0'],
    ['pages not processed', String(s.pagesFailed.length), s.pagesFailed.join(', '), ''],
  ];
  const width = (k: number) => Math.max(...rows.map((r) => displayWidth(r[k])));
  const pad = (text: string, w: number) => text + ' '.repeat(Math.max(0, w - displayWidth(text)));
  const table = rows.map((r) =>
    r
      .map((c, k) => pad(c, width(k)))
      .join('  ')
      .trimEnd(),
  );
  table.splice(1, 0, '-'.repeat(width(0) + width(1) + width(2) + width(3) + 6));
  const lines = [`Real-pattern pages: ${s.pages} pages, ${s.split.expected} articles expected`, '', ...table, ''];
  for (const page of s.perPage) {
    if (page.failures.length === 0) continue;
    lines.push(`${page.name} (${page.site})`);
    for (const f of page.failures) lines.push(`  - ${f}`);
  }
  const clean = s.perPage.filter((p) => p.failures.length === 0).map((p) => p.name);
  lines.push('', `pages with no failure (${clean.length}): ${clean.join(', ') || 'none'}`);
  return lines.join('\n');
}

/** East Asian characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}
