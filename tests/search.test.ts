// Search on the seeds' site, built by the CLI without PDFs: every 2–6-character piece of every title, 200 random
// pieces of bodies and leads, the same pieces typed in traditional script, and 50 English names and terms find
// their article; exact phrases rank first, titles over bodies; passages mark the hits; gone articles leave search.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../pipeline/domain/types.ts';
import type { Manifest } from '../pipeline/manifest.ts';
import { buildFoldTable } from '../pipeline/search/foldTable.ts';
import { loadSearchCore, openSearchFolder, type SearchCore, type StoredTexts } from '../pipeline/search/searchCore.ts';
import { searchTexts } from '../pipeline/search/searchDocuments.ts';
import { writeSearchIndex } from '../pipeline/search/writeSearchIndex.ts';
import { ROOT } from './helpers.ts';
import { random } from './support/searchCorpus.ts';
import { pieceOf } from './support/searchQueries.ts';

let work: string;
let out: string;
let manifest: Manifest;
/** Article ids in the index page's order: the search's document numbers. */
let order: string[];
let core: ReturnType<typeof openSearchFolder>;

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' });

async function find(query: string): Promise<string[]> {
  return (await core.search(query)).results.map((r) => order[r.doc]);
}

function substrings(text: string, min: number, max: number): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let n = min; n <= max; n++) for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return [...out];
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'briefings-search-'));
  out = path.join(work, 'site');
  // Not execFileSync: a worker blocked for a minute on a busy machine loses touch with vitest.
  await promisify(execFile)(process.execPath, ['bin/briefings.mjs', 'build', '--no-pdf', '--quiet', '--out', out], {
    cwd: ROOT,
  });
  manifest = JSON.parse(readFileSync(path.join(out, 'briefings.json'), 'utf8'));
  const index = readFileSync(path.join(out, 'index.html'), 'utf8');
  order = [...index.matchAll(/<tr data-doc="(\d+)"[^>]*>[\s\S]*?href="([^"]+)\.html"/gu)].map((m) => m[2]);
  core = openSearchFolder(path.join(out, 'search'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the search folder of the seeds site', () => {
  it('numbers the documents as the index page lists them, and links the search from every article page', () => {
    expect(order.length).toBe(manifest.articles.length);
    expect(new Set(order)).toEqual(new Set(manifest.articles.map((a) => a.id)));
    for (const f of ['core.js', 'meta.js', 'fold.js']) expect(existsSync(path.join(out, 'search', f)), f).toBe(true);
    for (const a of manifest.articles)
      expect(readFileSync(path.join(out, `${a.id}.html`), 'utf8')).toContain('href="index.html#search"');
  });

  it('finds every article from every 2–6-character piece of its title (recall 100 %)', async () => {
    const misses: string[] = [];
    let tooShort = 0;
    let asked = 0;
    for (const a of manifest.articles) {
      for (const piece of substrings(a.title.zh, 2, 6)) {
        // A piece with one letter or digit and punctuation (“全) asks for more: one character is not indexed.
        if (core.parseQuery(piece).length === 0) {
          expect(core.keptChars(piece).chars.length, piece).toBeLessThan(2);
          tooShort++;
          continue;
        }
        asked++;
        if (!(await find(piece)).includes(a.id)) misses.push(`${a.id}: ${piece}`);
      }
    }
    expect(misses).toEqual([]);
    expect(asked).toBeGreaterThan(1000);
    expect(tooShort).toBeLessThan(asked / 50);
  });

  it('finds them from the same pieces typed in traditional script (Taiwan and Hong Kong forms)', async () => {
    const misses: string[] = [];
    let changed = 0;
    for (const a of manifest.articles) {
      for (const piece of substrings(a.title.zh, 2, 6)) {
        if (core.parseQuery(piece).length === 0) continue;
        for (const typed of new Set([toTaiwan(piece), toHongKong(piece)])) {
          if (typed === piece) continue;
          changed++;
          if (!(await find(typed)).includes(a.id)) misses.push(`${a.id}: ${typed}`);
        }
      }
    }
    expect(misses).toEqual([]);
    expect(changed).toBeGreaterThan(300);
  });

  it('finds 200 random pieces of bodies and leads (seeded), as written and in traditional script', async () => {
    const rand = random(12);
    const misses: string[] = [];
    for (let i = 0; i < 200; i++) {
      const a = manifest.articles[Math.floor(rand() * manifest.articles.length)];
      const [zh] = searchTexts(a);
      const lines = `${zh[3]}\n${zh[4]}`.split('\n').filter((l) => core.keptChars(l).chars.length >= 8);
      const line = lines[Math.floor(rand() * lines.length)];
      let piece = pieceOf(line, 2 + Math.floor(rand() * 9), rand);
      while (core.parseQuery(piece).length === 0) piece = pieceOf(line, 4, rand);
      if (!(await find(piece)).includes(a.id)) misses.push(`${a.id}: ${piece}`);
      if (!(await find(toTaiwan(piece))).includes(a.id)) misses.push(`${a.id}: ${toTaiwan(piece)} (traditional)`);
    }
    expect(misses).toEqual([]);
  });

  it('finds the articles of pieces of a traditional source, typed as the source wrote them', async () => {
    const ingestToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const traditional = manifest.sources.filter((s) => s.script === 'traditional');
    expect(traditional.length).toBeGreaterThan(0);
    const rand = random(5);
    let asked = 0;
    for (const source of traditional) {
      const original = readFileSync(path.join(ROOT, 'seeds', source.file), 'utf8');
      const lines = original.split('\n').filter((l) => (l.match(/\p{Script=Han}/gu) ?? []).length >= 12);
      const articles = manifest.articles.filter((a) => a.source.file === source.file);
      for (let i = 0; i < 60; i++) {
        const piece = pieceOf(lines[Math.floor(rand() * lines.length)], 3 + Math.floor(rand() * 4), rand);
        const simplified = core.keptChars(ingestToSimplified(piece)).chars.join('');
        const holder = articles.find((a) =>
          searchTexts(a)[0].some((t) =>
            t.split('\n').some((l) => core.keptChars(l).chars.join('').includes(simplified)),
          ),
        );
        if (!holder || simplified.length < 2) continue;
        asked++;
        expect(await find(piece), piece).toContain(holder.id);
      }
    }
    expect(asked).toBeGreaterThan(20);
  });

  it('finds the articles of 50 English names and terms from the glossaries (at least 95 %)', async () => {
    const holders = new Map<string, Set<string>>();
    for (const a of manifest.articles)
      for (const name of [...a.terms.map((t) => t.en), ...a.people.map((p) => p.en)])
        if (name) holders.set(name, (holders.get(name) ?? new Set()).add(a.id));
    const names = [...holders.keys()].sort();
    expect(names.length).toBeGreaterThan(50);
    const rand = random(50);
    const sample = new Set<string>();
    while (sample.size < 50) sample.add(names[Math.floor(rand() * names.length)]);
    const misses: string[] = [];
    for (const name of sample) {
      const found = new Set(await find(name));
      if (![...holders.get(name)!].every((id) => found.has(id))) misses.push(name);
    }
    expect(misses.length, misses.join('; ')).toBeLessThanOrEqual(2);
    expect(await find('Xi Jinping')).toEqual(
      expect.arrayContaining(
        manifest.articles.filter((a) => a.people.some((p) => p.en === 'Xi Jinping')).map((a) => a.id),
      ),
    );
  });
});

describe('ranking and passages', () => {
  const stored = (id: string) => core.loadDocument(order.indexOf(id)) as Promise<StoredTexts>;
  const fieldsWith = (texts: StoredTexts, query: string) => {
    const terms = core.parseQuery(query);
    return texts[0]
      .map((t, f) => (core.rangesIn(t, 'zh', terms).some((r) => r.exact) ? core.FIELDS[f] : null))
      .filter(Boolean);
  };

  it('puts phrases as written before scattered characters, and every exact hit holds the phrase', async () => {
    let scattered = 0;
    for (const a of manifest.articles.slice(0, 8))
      for (const piece of substrings(a.title.zh, 3, 5).slice(0, 12)) {
        const { results, terms } = await core.search(piece);
        const firstApart = results.findIndex((r) => !r.exact);
        if (firstApart >= 0)
          expect(
            results.slice(firstApart).every((r) => !r.exact),
            piece,
          ).toBe(true);
        for (const r of results) {
          const texts = await core.loadDocument(r.doc);
          const exact = texts[0].some((t) => core.rangesIn(t, 'zh', terms).some((x) => x.exact));
          if (!r.maybe) expect(exact, `${piece} in ${order[r.doc]}`).toBe(r.exact);
          if (!r.exact && !r.maybe) scattered++;
        }
      }
    expect(scattered).toBeGreaterThan(0);
  });

  it('ranks an article with the phrase in its title above articles that have it only in the body', async () => {
    let compared = 0;
    for (const a of manifest.articles)
      for (const piece of substrings(a.title.zh, 2, 4)) {
        const ids = await find(piece);
        if (ids.length < 2) continue;
        const ranks = await Promise.all(ids.map(async (id) => ({ id, fields: fieldsWith(await stored(id), piece) })));
        const lastTitle = Math.max(...ranks.map((r, i) => (r.fields.includes('title') ? i : -1)));
        const firstBodyOnly = ranks.findIndex((r) => r.fields.length === 1 && r.fields[0] === 'body');
        if (firstBodyOnly < 0) continue;
        compared++;
        expect(lastTitle, `${piece}: ${JSON.stringify(ranks.slice(0, 5))}`).toBeLessThan(firstBodyOnly);
      }
    expect(compared).toBeGreaterThan(20);
  });

  it('shows a passage around the hit with the hit marked, as pieces of the stored text', async () => {
    for (const query of ['京津冀', '發佈會', 'Xi Jinping', '新闻 发布会']) {
      const { results, terms } = await core.search(query);
      expect(results.length, query).toBeGreaterThan(0);
      const texts = await core.loadDocument(results[0].doc);
      const passage = core.passage(texts, terms)!;
      const whole = passage.pieces.map((p) => p.text).join('');
      const source = (passage.lang === 'zh' ? texts[0] : texts[1]).map((t) => t.replace(/\s/gu, ' '));
      expect(
        source.some((t) => t.includes(whole)),
        query,
      ).toBe(true);
      const hits = passage.pieces.filter((p) => p.hit).map((p) => core.keptChars(p.text).chars.join(''));
      expect(hits.length, query).toBeGreaterThan(0);
      const wanted = terms.map((t) => core.keptChars(t.label).chars.join('').replace(/\s/gu, ''));
      for (const h of hits)
        expect(
          wanted.some((w) => w.includes(h) || h.includes(w) || w === h),
          `${query}: ${h}`,
        );
    }
  });
});

describe('the index files', () => {
  it('removes the files of articles that are gone at the next build', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-search-stale-'));
    try {
      const docs = manifest.articles.slice(0, 3).map((a: Article) => ({ id: a.id, texts: searchTexts(a) }));
      writeSearchIndex(dir, docs);
      expect(existsSync(path.join(dir, 'search', 'd', '2.js'))).toBe(true);
      writeSearchIndex(dir, docs.slice(0, 2));
      expect(existsSync(path.join(dir, 'search', 'd', '2.js'))).toBe(false);
      expect(readFileSync(path.join(dir, 'search', 'meta.js'), 'utf8')).toContain('"docs":2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('folds each character to one character, and folding twice is folding once', () => {
    const fold = buildFoldTable();
    const c: SearchCore = loadSearchCore();
    c.setFoldTable(fold.from, fold.to);
    const from = [...fold.from];
    expect([...fold.to].length).toBe(from.length);
    expect(from.length).toBeGreaterThan(2500);
    for (const ch of from) expect(c.fold(c.fold(ch)), ch).toBe(c.fold(ch));
    expect(c.fold('發佈會 臺灣 ＡＢＣ Quèlì')).toBe('发布会 台湾 abc queli');
  });

  it('encodes and decodes postings without loss, and keeps only the first positions when capped', () => {
    const c = loadSearchCore();
    const postings: [number, number[]][] = [
      [0, [0, 7, 0, 5, 31, 32, 1023, 1024, 40_000]],
      [4, [3, 1, 7, 4_999, 3, 1, 2, 3]],
    ];
    const read = (cap: number) =>
      [...c.decodePostings(c.encodePostings(postings, cap))].map(([f, p]) => [
        f,
        [...p.docs].flatMap((d, i) => [d, p.counts[i], ...p.pos.slice(p.from[i], p.from[i + 1])]),
      ]);
    expect(read(0)).toEqual(postings);
    expect(read(2)).toEqual([
      [0, [0, 7, 0, 5]],
      [4, [3, 1, 7, 4_999, 3, 1, 2]],
    ]);
  });
});
