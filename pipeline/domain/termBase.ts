// The term base (data/terms.tsv): the genre's vocabulary with the renderings official English media use.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TermEntry {
  zh: string;
  en: string;
  kind: string;
  source: string;
  note: string;
  /** Other renderings the checker accepts: older official wording or another agency's (column `variants`, `alt:`). */
  variants: string[];
  /** Pattern rows hold {place}: 南开区委 → the CPC Nankai District Committee. */
  pattern: RegExp | null;
  /** What follows {place} in a pattern row that starts with it (区委 in {place}区委), to find it without a regex. */
  tail: string | null;
}

/** The characters a {place} binding may hold, 2 to 4 of them: no space, punctuation, digit or level word. */
export const PLACE_CHARS = /^[^\s\p{P}\d市省区县]{2,4}$/u;

/** `a | b` in the variants column, and `alt: a` / `older: a` in the note (up to the next semicolon). */
function variantsOf(column: string, note: string): string[] {
  const fromNote = [...note.matchAll(/(?:^|;\s*)(?:alt|older|variant):\s*([^;]+)/gu)]
    .map((m) => m[1].trim())
    .filter((v) => !/[\p{Script=Han}]/u.test(v));
  return [...new Set([...column.split('|'), ...fromNote].map((v) => v.trim()).filter(Boolean))];
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
      variants: variantsOf(at('variants') >= 0 ? (f[at('variants')] ?? '') : '', f[at('note')] ?? ''),
      pattern,
      tail: zh.startsWith('{place}') && !zh.slice(7).includes('{') ? zh.slice(7) : null,
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
