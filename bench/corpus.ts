// The bench corpus: new source files of 1–6 articles each, recombined with a seeded PRNG from the pages in seeds/ and
// tests/texts/. Body paragraphs are dropped or swapped for one of the same genre and figures are renumbered, so the
// files differ from each other while keeping the shapes (headlines, bylines, page breaks, clauses) of the genres.
import { mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceMeta } from '../pipeline/domain/types.ts';
import { processSource, type TextResources } from '../pipeline/textPipeline.ts';

/** One page of the sample texts, with what the text pipeline found in it. */
export interface CorpusUnit {
  name: string;
  text: string;
  meta: SourceMeta;
  /** Articles the pipeline split the page into (1 when it failed). */
  articles: number;
  genre: string;
  script: string;
}

export interface CorpusSource {
  file: string;
  bytes: Buffer;
  meta: SourceMeta;
  /** Articles of the units it was made from: the pipeline may split the new page differently. */
  plannedArticles: number;
  units: string[];
}

export interface Corpus {
  seed: number;
  sources: CorpusSource[];
  plannedArticles: number;
  bytes: number;
}

/** mulberry32: small, fast and the same on every machine, so a seed always gives the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** UTF-8 when it decodes, otherwise GB18030 (the one GBK text): the corpus is written as UTF-8. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The sample pages: every seed and every tests/texts/*.txt, each run once through the text pipeline. */
export function loadUnits(root: string, resources: TextResources): CorpusUnit[] {
  const files = [
    ...readdirSync(path.join(root, 'seeds')).map((f) => path.join(root, 'seeds', f)),
    ...readdirSync(path.join(root, 'tests', 'texts')).map((f) => path.join(root, 'tests', 'texts', f)),
  ]
    .filter((f) => f.endsWith('.txt'))
    .sort();
  return files.map((file) => {
    const bytes = readFileSync(file);
    const metaPath = file.replace(/\.txt$/u, '.meta.json');
    const meta: SourceMeta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {};
    let articles = 1;
    let genre = 'other';
    let script = 'simplified';
    try {
      const result = processSource(path.basename(file), bytes, meta, resources).value;
      if (result && result.articles.length > 0) {
        articles = result.articles.length;
        genre = result.articles[0].genre;
        script = result.record.script;
      }
    } catch {
      // A page the pipeline cannot take today still goes into the corpus as one article.
    }
    return { name: path.basename(file), text: decode(bytes), meta, articles, genre, script };
  });
}

const TERMINAL = /[。！？!?”」]$/u;
// Figures followed by a unit: renumbered so that the files differ (dates and edition numbers are left alone).
const FIGURE = /\d+(?=(?:\.\d+)?(?:万|亿|%|名|个|家|元|人|项|户|部|所|公里|平方米|余))/gu;

/** Blocks that are plainly body paragraphs: long, one line, closed, after a closed block (not a page-break tail). */
function bodyBlockIndexes(blocks: string[]): number[] {
  const found: number[] = [];
  for (let i = 2; i < blocks.length; i += 1) {
    const b = blocks[i].trim();
    if (b.length >= 60 && !b.includes('\n') && TERMINAL.test(b) && TERMINAL.test(blocks[i - 1].trim())) found.push(i);
  }
  return found;
}

function blocksOf(text: string): string[] {
  return text.split(/\n[ \t\u3000]*\n+/u);
}

/** A new version of a unit's page: some body paragraphs dropped or swapped, figures renumbered. */
function varyUnit(unit: CorpusUnit, pool: Map<string, string[]>, random: () => number): string {
  const blocks = blocksOf(unit.text);
  const same = pool.get(`${unit.script}/${unit.genre}`) ?? [];
  const out = [...blocks];
  for (const i of bodyBlockIndexes(blocks).reverse()) {
    const roll = random();
    if (roll < 0.15) out.splice(i, 1);
    else if (roll < 0.4 && same.length > 0) out[i] = same[Math.floor(random() * same.length)];
  }
  return out.join('\n\n').replace(FIGURE, (digits) => {
    let next = String(1 + Math.floor(random() * 9));
    for (let k = 1; k < digits.length; k += 1) next += String(Math.floor(random() * 10));
    return next;
  });
}

/** N articles' worth of new source files (as planned from the units' article counts), the same for the same seed. */
export function* corpusSources(
  units: CorpusUnit[],
  options: { articles: number; seed: number },
): Generator<CorpusSource> {
  const random = seededRandom(options.seed);
  const pool = new Map<string, string[]>();
  for (const unit of units) {
    const key = `${unit.script}/${unit.genre}`;
    const blocks = blocksOf(unit.text);
    pool.set(key, [...(pool.get(key) ?? []), ...bodyBlockIndexes(blocks).map((i) => blocks[i])]);
  }
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  let planned = 0;
  for (let index = 1; planned < options.articles; index += 1) {
    const target = Math.min(1 + Math.floor(random() * 6), options.articles - planned);
    const first = pick(units.filter((u) => u.articles <= target));
    if (!first) return;
    const chosen = [first];
    let count = first.articles;
    for (;;) {
      // One script per file: ingest decides simplified or traditional for the whole file.
      const fits = units.filter((u) => u.script === first.script && u.articles <= target - count);
      if (fits.length === 0) break;
      const next = pick(fits);
      chosen.push(next);
      count += next.articles;
    }
    const text = `${chosen.map((u) => varyUnit(u, pool, random)).join('\n\n')}\n`;
    const file = `bench-${String(index).padStart(5, '0')}.txt`;
    planned += count;
    yield {
      file,
      bytes: Buffer.from(text, 'utf8'),
      meta: chosen[0].meta,
      plannedArticles: count,
      units: chosen.map((u) => u.name),
    };
  }
}

export function generateCorpus(units: CorpusUnit[], options: { articles: number; seed: number }): Corpus {
  const sources = [...corpusSources(units, options)];
  return {
    seed: options.seed,
    sources,
    plannedArticles: sources.reduce((n, s) => n + s.plannedArticles, 0),
    bytes: sources.reduce((n, s) => n + s.bytes.length, 0),
  };
}

/** Writes the sources (and a NAME.meta.json where the first unit had one) into an input folder. */
export function writeCorpus(sources: CorpusSource[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const s of sources) {
    writeFileSync(path.join(dir, s.file), s.bytes);
    if (Object.keys(s.meta).length > 0)
      writeFileSync(path.join(dir, s.file.replace(/\.txt$/u, '.meta.json')), JSON.stringify(s.meta));
  }
}

/** The first sources whose planned articles reach n (the PDF sample). */
export function firstArticles(sources: CorpusSource[], n: number): CorpusSource[] {
  const picked: CorpusSource[] = [];
  let count = 0;
  for (const s of sources) {
    if (count >= n) break;
    picked.push(s);
    count += s.plannedArticles;
  }
  return picked;
}
