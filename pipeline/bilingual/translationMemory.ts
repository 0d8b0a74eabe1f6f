// Translation memory: stored translations of the genre's formulaic sentences, matched exactly or fuzzily (score shown).
// Rows may hold {n1}, {n2} (numbers) and {place_en} (the home district or city).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** Similarity as translation-memory tools score it: 1 − edit distance / length of the longer text. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = [...a];
  const y = [...b];
  if (x.length === 0 || y.length === 0) return 0;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[y.length] / Math.max(x.length, y.length);
}

export class TranslationMemory {
  private readonly exact = new Map<string, MemoryEntry>();
  private readonly entries: MemoryEntry[];

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

  /** Exact (1.0), pattern (1.0, placeholders filled) or the best fuzzy match at or above `threshold`. */
  lookup(zh: string, placeEn: string | null, threshold = 0.85): MemoryMatch | null {
    const key = normalise(zh);
    const exact = this.exact.get(key);
    if (exact && (!exact.en.includes('{place_en}') || placeEn))
      return { en: exact.en.replaceAll('{place_en}', placeEn ?? ''), score: 1, entry: exact };
    for (const e of this.entries) {
      const m = e.pattern?.exec(key);
      if (!m) continue;
      if (e.en.includes('{place_en}') && !placeEn) continue;
      let en = e.en.replaceAll('{place_en}', placeEn ?? '');
      for (const [k, v] of Object.entries(m.groups ?? {})) en = en.replaceAll(`{${k}}`, v);
      return { en, score: 1, entry: e };
    }
    let best: MemoryMatch | null = null;
    for (const e of this.entries) {
      if (e.pattern || Math.abs(e.zh.length - key.length) > key.length * (1 - threshold) * 2) continue;
      const score = similarity(key, e.zh);
      if (score >= threshold && (!best || score > best.score) && (!e.en.includes('{place_en}') || placeEn))
        best = { en: e.en.replaceAll('{place_en}', placeEn ?? ''), score, entry: e };
    }
    return best;
  }
}
