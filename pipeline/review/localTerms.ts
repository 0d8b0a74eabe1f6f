// The local term base: names and terms staff fixed once (translations/terms.local.tsv, beside the reviewed
// translations), in the columns of data/terms.tsv. Every build reads it; its rows replace the project's rows for the
// same Chinese.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTermsTsv, type TermEntry } from '../domain/termBase.ts';
import { writeFileAtomic } from '../publish/writeFiles.ts';

const HEADER = ['zh', 'en', 'kind', 'source', 'note'];

/** translations/terms.local.tsv: in the folder of the reviewed translations (config reviewedFile). */
export function localTermsFile(cwd: string, reviewedFile: string): string {
  return path.join(path.dirname(path.resolve(cwd, reviewedFile)), 'terms.local.tsv');
}

export class LocalTermsError extends Error {}

/** The local rows; a missing file is none. A malformed row is an error naming the file and the line. */
export function loadLocalTerms(file: string): TermEntry[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const rows = text.split('\n');
  if (rows[0]?.split('\t').slice(0, 2).join('\t') !== 'zh\ten')
    throw new LocalTermsError(`${file}:1: the first line must be the header ${HEADER.join('⇥')}`);
  rows.forEach((row, i) => {
    if (i === 0 || row.trim() === '') return;
    const [zh, en] = row.split('\t');
    if (!zh?.trim() || !en?.trim()) throw new LocalTermsError(`${file}:${i + 1}: a row needs its Chinese and English`);
  });
  return parseTermsTsv(text);
}

/** The project's term base with the local rows in front, replacing project rows for the same Chinese. */
export function withLocalTerms(base: TermEntry[], local: TermEntry[]): TermEntry[] {
  if (local.length === 0) return base;
  const fixed = new Set(local.map((t) => t.zh));
  return [...local, ...base.filter((t) => !fixed.has(t.zh))];
}

export interface LocalTerm {
  zh: string;
  en: string;
  kind: string;
  note?: string;
}

const cell = (s: string) => s.replace(/[\t\r\n]+/gu, ' ').trim();

/** Adds or replaces the row for `term.zh` (atomic write); the file is created with its header when missing. */
export function saveLocalTerm(file: string, term: LocalTerm, now: Date = new Date()): void {
  const zh = cell(term.zh);
  const en = cell(term.en);
  if (!zh || !en) throw new LocalTermsError('a fixed term needs its Chinese and English');
  const old = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((r) => r.trim() !== '')
    : [];
  const rows = old.length > 0 ? old.slice(1) : [];
  const row = [
    zh,
    en,
    cell(term.kind) || 'other',
    'staff',
    cell(term.note ?? `fixed ${now.toISOString().slice(0, 10)}`),
  ];
  const kept = rows.filter((r) => r.split('\t')[0] !== zh);
  writeFileAtomic(file, `${[HEADER.join('\t'), ...kept, row.join('\t')].join('\n')}\n`);
}
