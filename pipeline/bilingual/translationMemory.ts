// Translation memory: stored translations of the genre's formulaic sentences, matched exactly or fuzzily (score shown).
// Rows may hold {n1}, {n2} (numbers), {city_en} and {district_en} (the home city and district of the text), so that
// 市委 in a Baotou text is Baotou's, and in a Nankai text 区委 is Nankai's while 市委 stays Tianjin's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distance } from 'fastest-levenshtein';

export interface MemoryEntry {
  zh: string;
  en: string;
  source: string;
  pattern: RegExp | null;
}

export interface MemoryMatch {
  en: string;
  score: number;
  entry: MemoryEntry;
}

/** The places a text is about, in English ("Baotou", "Nankai"); null where the text names none. */
export interface MemoryPlaces {
  city: string | null;
  district: string | null;
}

const normalise = (s: string) =>
  s
    .replace(/[\s\u3000]/gu, '')
    .replace(/,/gu, '，')
    .replace(/:/gu, '：')
    .replace(/;/gu, '；');

export function parseMemoryTsv(tsv: string): MemoryEntry[] {
  const [header, ...rows] = tsv.split('\n').filter((l) => l.trim() !== '');
  const cols = header.split('\t');
  return rows.map((row) => {
    const f = row.split('\t');
    const zh = normalise(f[cols.indexOf('zh')] ?? '');
    const escaped = zh.replace(/[.*+?^$()|[\]\\]/gu, '\\$&');
    const pattern = /\{n\d\}|\{place\}/u.test(zh)
      ? new RegExp(
          `^${escaped.replace(/\\?\{(n\d)\\?\}/gu, '(?<$1>\\d+)').replace(/\\?\{place\\?\}/gu, '(?<place>[\\p{Script=Han}]{2,4})')}$`,
          'u',
        )
      : null;
    return { zh, en: f[cols.indexOf('en')] ?? '', source: f[cols.indexOf('source')] ?? '', pattern };
  });
}

/** The placeholders of the English side and the place each stands for ({place_en}: the text's own level). */
const PLACE_SLOTS: [string, (p: MemoryPlaces) => string | null][] = [
  ['{city_en}', (p) => p.city],
  ['{district_en}', (p) => p.district],
  ['{place_en}', (p) => p.district ?? p.city],
];

/** The English of a row with its places put in, or null when the text does not name a place the row needs. */
function fillPlaces(en: string, places: MemoryPlaces): string | null {
  let out = en;
  for (const [slot, pick] of PLACE_SLOTS) {
    if (!out.includes(slot)) continue;
    const name = pick(places);
    if (!name) return null;
    out = out.replaceAll(slot, name);
  }
  return out;
}

/** Astral characters (rare Han) become one private-use character each, so that distances count characters. */
function oneUnitPerCharacter(a: string, b: string): [string, string] {
  if (!/[\u{10000}-\u{10FFFF}]/u.test(a + b)) return [a, b];
  const codes = new Map<string, string>();
  let next = 0xe000;
  const code = (ch: string) => {
    if (ch.length === 1) return ch;
    if (!codes.has(ch)) {
      while ((a + b).includes(String.fromCharCode(next))) next += 1;
      codes.set(ch, String.fromCharCode(next++));
    }
    return codes.get(ch)!;
  };
  return [[...a].map(code).join(''), [...b].map(code).join('')];
}

/** Similarity as translation-memory tools score it: 1 − edit distance / length of the longer text. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const [x, y] = oneUnitPerCharacter(a, b);
  if (x.length === 0 || y.length === 0) return 0;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/** Characters of a text as similarity counts them (code points). */
const characters = (s: string) => {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i += 1) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      n -= 1;
      i += 1;
    }
  }
  return n;
};

/** The most similarity two texts of these lengths can have: the difference in length is edited at least. */
const bestPossible = (a: number, b: number) => (a === 0 && b === 0 ? 1 : 1 - Math.abs(a - b) / Math.max(a, b));

export class TranslationMemory {
  private readonly exact = new Map<string, MemoryEntry>();
  private readonly entries: MemoryEntry[];
  private readonly lengths = new WeakMap<MemoryEntry, number>();

  constructor(entries: MemoryEntry[]) {
    this.entries = entries;
    for (const e of entries) if (!e.pattern) this.exact.set(e.zh, e);
  }

  static load(extra: MemoryEntry[] = []): TranslationMemory {
    const seed = parseMemoryTsv(readFileSync(fileURLToPath(new URL('../../data/memory.tsv', import.meta.url)), 'utf8'));
    return new TranslationMemory([...seed, ...extra]);
  }

  add(zh: string, en: string, source: string): void {
    const entry = { zh: normalise(zh), en, source, pattern: null };
    this.entries.push(entry);
    this.exact.set(entry.zh, entry);
  }

  /**
   * Exact (1.0), pattern (1.0, placeholders filled) or the best fuzzy match at or above `threshold`. `home` names the
   * text's city and district; a bare string is one place for every level, as callers passed it before.
   */
  lookup(zh: string, home: MemoryPlaces | string | null, threshold = 0.85): MemoryMatch | null {
    const places = typeof home === 'string' ? { city: home, district: home } : (home ?? { city: null, district: null });
    const key = normalise(zh);
    const exact = this.exact.get(key);
    const exactEn = exact ? fillPlaces(exact.en, places) : null;
    if (exact && exactEn !== null) return { en: exactEn, score: 1, entry: exact };
    for (const e of this.entries) {
      const m = e.pattern?.exec(key);
      if (!m) continue;
      let en = fillPlaces(e.en, places);
      if (en === null) continue;
      for (const [k, v] of Object.entries(m.groups ?? {})) en = en.replaceAll(`{${k}}`, v);
      return { en, score: 1, entry: e };
    }
    let best: MemoryMatch | null = null;
    const keyLength = characters(key);
    for (const e of this.entries) {
      if (e.pattern || Math.abs(e.zh.length - key.length) > key.length * (1 - threshold) * 2) continue;
      // A row too short or too long to reach the threshold (or the best so far) is not measured.
      let length = this.lengths.get(e);
      if (length === undefined) this.lengths.set(e, (length = characters(e.zh)));
      const bound = bestPossible(keyLength, length);
      if (bound < threshold || (best && bound <= best.score)) continue;
      const score = similarity(key, e.zh);
      if (score < threshold || (best && score <= best.score)) continue;
      const en = fillPlaces(e.en, places);
      if (en !== null) best = { en, score, entry: e };
    }
    return best;
  }
}
