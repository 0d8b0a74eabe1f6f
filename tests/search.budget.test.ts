// Byte budgets of the search on a generated 5,000-article site (recombined from the seeds, no PDFs): a first query
// downloads at most 300 KB, and the search folder adds at most 30 % to the site. Times are measured by
// scripts/search-bench.ts, not here.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../pipeline/config.ts';
import { LABELS } from '../pipeline/domain/labels.ts';
import type { CleanedSource } from '../pipeline/domain/types.ts';
import { buildManifest } from '../pipeline/manifest.ts';
import { installFonts } from '../pipeline/publish/fonts.ts';
import { byDateThenId } from '../pipeline/publish/siteOutputs.ts';
import { renderArticlePages } from '../pipeline/render/renderArticlePages.ts';
import { loadTemplates } from '../pipeline/render/templates.ts';
import { indexPageData } from '../pipeline/search/indexPage.ts';
import { ROOT } from './helpers.ts';
import { random, type SyntheticSite } from './support/searchCorpus.ts';
import { firstQueryBytes, queryMix } from './support/searchQueries.ts';

const ARTICLES = 5000;
const run = promisify(execFile);
/** Lets the worker answer vitest between long synchronous steps (a worker silent for a minute is dropped). */
const breathe = () => new Promise((resolve) => setImmediate(resolve));
let dir: string;
let site: SyntheticSite;
let order: string[];

function sizeOf(p: string): number {
  const s = statSync(p);
  return s.isDirectory() ? readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0) : s.size;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-search-budget-'));
  await run(process.execPath, ['bin/run-ts.mjs', 'tests/support/writeSyntheticSite.ts', dir, String(ARTICLES)], {
    cwd: ROOT,
  });
  await breathe();
  site = JSON.parse(readFileSync(path.join(dir, 'site.json'), 'utf8'));
  await breathe();
  order = [...site.articles].sort(byDateThenId).map((a) => a.id);
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`the search of a ${ARTICLES}-article site`, () => {
  it('downloads at most 300 KB for a first query (index files and the first screen of passages)', async () => {
    const queries = queryMix(site.articles, random(3), 150);
    let worst = { bytes: 0, query: '' };
    let asked = 0;
    for (const q of queries) {
      await breathe();
      const first = await firstQueryBytes(path.join(dir, 'search'), q.query, order);
      if (first.answer.terms.length === 0) continue;
      asked++;
      expect(first.ids, q.query).toContain(q.id);
      if (first.bytes > worst.bytes) worst = { bytes: first.bytes, query: q.query };
    }
    expect(asked).toBeGreaterThan(120);
    expect(worst.bytes, worst.query).toBeLessThanOrEqual(300 * 1024);
  });

  it('adds at most 30 % to the size of the site without PDFs', async () => {
    const search = sizeOf(path.join(dir, 'search'));
    expect(search).toBeGreaterThan(0);
    // The rest of the site: manifest, index page, assets and Markdown exactly; article pages and the digest page
    // from a seeded sample of 250 rendered articles (rendering all takes minutes).
    const manifest = Buffer.byteLength(
      `${JSON.stringify(buildManifest(site.sources, site.articles, [], 'briefings test'), null, 2)}\n`,
    );
    await breathe();
    const templates = loadTemplates(path.join(ROOT, 'templates'));
    const sorted = [...site.articles].sort(byDateThenId);
    const index = Buffer.byteLength(
      templates.index({
        title: loadConfig(dir).title,
        labels: LABELS,
        sources: site.sources,
        failed: [],
        ...indexPageData(sorted, site.sources, 'test'),
      }),
    );
    const css = statSync(path.join(ROOT, 'templates', 'styles', 'briefing.css')).size;
    const assets = css + Buffer.byteLength(installFonts(path.join(dir, 'assets'))) + sizeOf(path.join(dir, 'assets'));
    await breathe();
    const rand = random(9);
    const sample = Array.from({ length: 250 }, () => site.articles[Math.floor(rand() * site.articles.length)]);
    const cleaned = { source: { script: 'simplified', originalText: '' } } as unknown as CleanedSource;
    const record = site.sources[0];
    const pages = [];
    for (let i = 0; i < sample.length; i += 25) {
      await breathe();
      const chunk = sample.slice(i, i + 25);
      pages.push(
        ...renderArticlePages({ articles: chunk, record, cleaned, ranges: new Map() }, { templates, version: 'test' })
          .value,
      );
    }
    const perArticle =
      pages.reduce((n, p) => n + Buffer.byteLength(p.html) + Buffer.byteLength(p.markdown), 0) / pages.length;
    const digestPerArticle =
      Buffer.byteLength(
        templates.digest({
          title: 'x',
          version: 'test',
          labels: LABELS,
          sources: [record],
          articles: pages.map((p) => p.data),
        }),
      ) / pages.length;
    const rest = manifest + index + assets + (perArticle + digestPerArticle) * site.articles.length;
    expect(search / rest).toBeLessThanOrEqual(0.3);
    expect(readFileSync(path.join(dir, 'search', 'meta.js'), 'utf8')).toContain(`"docs":${ARTICLES}`);
  });
});
