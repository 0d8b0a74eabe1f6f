// Measures the search on a generated site (default 5,000 articles recombined from the seeds, no PDFs): index size
// against the site's size, bytes a first query downloads (index shards, meta, fold table and the stored texts of
// the first page of results), and the time a query takes once its files are loaded.
// Run: node bin/run-ts.mjs scripts/search-bench.ts [ARTICLES] [--keep DIR] [--reuse]   (--reuse: DIR is already built)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../pipeline/config.ts';
import { LABELS } from '../pipeline/domain/labels.ts';
import type { CleanedSource } from '../pipeline/domain/types.ts';
import { buildManifest } from '../pipeline/manifest.ts';
import { installFonts } from '../pipeline/publish/fonts.ts';
import { byDateThenId, writeSiteOutputs } from '../pipeline/publish/siteOutputs.ts';
import { writeFileAtomic } from '../pipeline/publish/writeFiles.ts';
import { renderArticlePages } from '../pipeline/render/renderArticlePages.ts';
import { loadTemplates } from '../pipeline/render/templates.ts';
import { random, ROOT, syntheticSite, type SyntheticSite } from '../tests/support/searchCorpus.ts';
import { FIRST_SCREEN, firstQueryBytes, queryMix } from '../tests/support/searchQueries.ts';

const count = Number(process.argv.find((a) => /^\d+$/u.test(a)) ?? 5000);
const keep = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : null;
const reuse = Boolean(keep) && process.argv.includes('--reuse');
const out = keep ?? mkdtempSync(path.join(os.tmpdir(), 'briefings-search-bench-'));
mkdirSync(out, { recursive: true });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function sizeOf(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.size;
  return readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0);
}

const t0 = performance.now();
// --reuse reads back the articles the folder was built from (the seeds' text stages may have changed since).
const siteFile = path.join(out, 'bench-site.json');
const site: SyntheticSite = reuse ? JSON.parse(readFileSync(siteFile, 'utf8')) : syntheticSite(count);
const t1 = performance.now();
console.log(
  `generated ${site.articles.length} articles from ${site.sources.length} sources in ${(t1 - t0).toFixed(0)} ms`,
);

if (!reuse) {
  writeFileSync(siteFile, JSON.stringify(site));
  // The site without PDFs, as build writes it: article pages and Markdown, assets, manifest, index, feeds, search.
  const templates = loadTemplates(path.join(ROOT, 'templates'));
  writeFileAtomic(
    path.join(out, 'assets', 'briefing.css'),
    readFileSync(path.join(ROOT, 'templates/styles/briefing.css')),
  );
  writeFileAtomic(path.join(out, 'assets', 'fonts', 'fonts.css'), installFonts(path.join(out, 'assets')));
  const cleaned = { source: { script: 'simplified', originalText: '' } } as unknown as CleanedSource;
  const digestArticles: unknown[] = [];
  const bySource = new Map<string, typeof site.articles>();
  for (const a of site.articles) bySource.set(a.source.file, [...(bySource.get(a.source.file) ?? []), a]);
  for (const record of site.sources) {
    const pages = renderArticlePages(
      { articles: bySource.get(record.file) ?? [], record, cleaned, ranges: new Map() },
      { templates, version: 'bench' },
    ).value;
    for (const page of pages) {
      writeFileAtomic(path.join(out, `${page.article.id}.html`), page.html);
      writeFileAtomic(path.join(out, 'md', `${page.article.id}.md`), page.markdown);
      digestArticles.push(page.data);
    }
  }
  // The digest page holds every article once more, as build writes it (digest.html beside digest.pdf).
  writeFileAtomic(
    path.join(out, 'digest.html'),
    templates.digest({
      title: 'bench',
      version: 'bench',
      labels: LABELS,
      sources: site.sources,
      articles: digestArticles,
    }),
  );
  const t2 = performance.now();
  console.log(`article pages rendered in ${(t2 - t1).toFixed(0)} ms`);
  const manifest = buildManifest(site.sources, site.articles, [], 'briefings bench');
  writeSiteOutputs(out, { manifest, articles: site.articles, failed: [], config: loadConfig(out), templates });
  const t3 = performance.now();
  console.log(`manifest, search index, index page and feeds written in ${(t3 - t2).toFixed(0)} ms`);
}
const total = sizeOf(out) - statSync(siteFile).size;
const search = sizeOf(path.join(out, 'search'));
const shards = sizeOf(path.join(out, 'search', 's'));
const texts = sizeOf(path.join(out, 'search', 'd'));
console.log(
  `site without PDFs ${mb(total)}; search/ ${mb(search)} (postings ${mb(shards)}, stored texts ${mb(texts)})`,
);
console.log(`index adds ${((100 * search) / (total - search)).toFixed(1)} % to the site without it`);
const meta = readFileSync(path.join(out, 'search', 'meta.js'), 'utf8');
const shardFiles = readdirSync(path.join(out, 'search', 's')).map(
  (f) => statSync(path.join(out, 'search', 's', f)).size,
);
console.log(`${meta.trim().slice(0, 160)}; largest shard ${kb(Math.max(...shardFiles))}`);

// Queries a reader would type: title pieces, body pieces, English names and terms.
const order = [...site.articles].sort(byDateThenId).map((a) => a.id);
const queries = queryMix(site.articles, random(7), 300);
const bytes: number[] = [];
const warmMs: number[] = [];
const rankCpuMs: number[] = [];
const rankMs: number[] = [];
const coldMs: number[] = [];
let misses = 0;
let tooShort = 0;
for (const q of queries) {
  const started = performance.now();
  const first = await firstQueryBytes(path.join(out, 'search'), q.query, order);
  coldMs.push(performance.now() - started);
  // A piece with fewer than two letters or digits (“0%，”) gets "type more", not a search.
  if (first.answer.terms.length === 0) {
    tooShort++;
    continue;
  }
  bytes.push(first.bytes);
  if (!first.ids.includes(q.id)) misses++;
  const core = first.core;
  // Files loaded, postings decoded afresh: decoding counts as answering.
  core.forgetDecoded();
  const again = performance.now();
  const cpu = process.cpuUsage();
  const answer = await core.search(q.query);
  rankMs.push(performance.now() - again);
  const used = process.cpuUsage(cpu);
  rankCpuMs.push((used.user + used.system) / 1000);
  for (const r of answer.results.slice(0, FIRST_SCREEN)) core.passage(await core.loadDocument(r.doc), answer.terms);
  warmMs.push(performance.now() - again);
}
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)], max: s[s.length - 1] };
};
const b = stat(bytes);
const w = stat(warmMs);
const c = stat(coldMs);
console.log(
  `${queries.length} queries (${tooShort} too short to search), ${misses} did not find the article they were cut from`,
);
console.log(
  `first-query download (meta, fold table, postings, ${FIRST_SCREEN} passages' texts): median ${kb(b.p50)}, 95th percentile ${kb(b.p95)}, max ${kb(b.max)}`,
);
const r = stat(rankMs);
const rc = stat(rankCpuMs);
console.log(
  `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; CPU time of decode, match and rank: ` +
    `median ${rc.p50.toFixed(1)} ms, p95 ${rc.p95.toFixed(1)} ms, max ${rc.max.toFixed(1)} ms`,
);
console.log(
  `answer after loading (decode, match and rank): median ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`,
);
console.log(
  `answer after loading + ${FIRST_SCREEN} passages: median ${w.p50.toFixed(1)} ms, p95 ${w.p95.toFixed(1)} ms, max ${w.max.toFixed(1)} ms`,
);
console.log(`first query from disk incl. loading: median ${c.p50.toFixed(1)} ms, max ${c.max.toFixed(1)} ms`);
const common = await firstQueryBytes(path.join(out, 'search'), '发展', order);
console.log(`"发展" (in most articles): ${common.ids.length} results, ${kb(common.bytes)}`);
if (!keep) rmSync(out, { recursive: true, force: true });
