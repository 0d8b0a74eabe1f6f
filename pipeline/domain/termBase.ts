// The term base (data/terms.tsv): the genre's vocabulary with the renderings official English media use.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TermEntry {
  zh: string;
  en: string;
  kind: string;
  source: string;
  note: string;
  /** Pattern rows hold {place}: 南开区委 → the CPC Nankai District Committee. */
  pattern: RegExp | null;
}

export function parseTermsTsv(tsv: string): TermEntry[] {
  const [header, ...rows] = tsv.split('\n').filter((l) => l.trim() !== '');
  const cols = header.split('\t');
  const at = (name: string) => cols.indexOf(name);
  return rows.map((row) => {
    const f = row.split('\t');
    const zh = f[at('zh')] ?? '';
    const pattern = zh.includes('{place}')
      ? new RegExp(zh.replace('{place}', '([^\\s\\p{P}\\d市省区县]{2,4}?)'), 'u')
      : null;
    return {
      zh,
      en: f[at('en')] ?? '',
      kind: f[at('kind')] ?? 'other',
      source: f[at('source')] ?? '',
      note: f[at('note')] ?? '',
      pattern,
    };
  });
}

let cached: TermEntry[] | null = null;

/** The project's term base, read once per process. */
export function loadTermBase(): TermEntry[] {
  if (!cached)
    cached = parseTermsTsv(readFileSync(fileURLToPath(new URL('../../data/terms.tsv', import.meta.url)), 'utf8'));
  return cached;
}
