// Reviewed translations, as imported from XLIFF: { [segmentId]: { zh, en, importedAt, from } } in one JSON file.
import { writeFileAtomic } from '../publish/writeFiles.ts';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { segmentId } from '../domain/segment.ts';

export interface ReviewedEntry {
  zh: string;
  en: string;
  importedAt: string;
  from: string;
}

export type ReviewedFile = Record<string, ReviewedEntry>;

const entrySchema = z.object({ zh: z.string(), en: z.string(), importedAt: z.string(), from: z.string() });
const fileSchema = z.record(z.string(), entrySchema);

function readStore(path: string): ReviewedFile {
  if (!existsSync(path)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`reviewed translations ${path}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `reviewed translations ${path}: unexpected shape (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`,
    );
  return parsed.data;
}

/**
 * segment id → reviewed {zh, en}. A missing file is an empty store; entries whose id is not the hash of their zh are
 * left out.
 */
export function loadReviewed(path: string): Map<string, { zh: string; en: string }> {
  const out = new Map<string, { zh: string; en: string }>();
  for (const [id, entry] of Object.entries(readStore(path)))
    if (segmentId(entry.zh) === id && entry.en.trim() !== '') out.set(id, { zh: entry.zh, en: entry.en });
  return out;
}

export interface MergeResult {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Adds or replaces translations (keyed by id), keeping the rest; `from` names their origin (the XLIFF file). Atomic
 * write.
 */
export function mergeReviewed(
  path: string,
  translations: readonly { id: string; zh: string; en: string }[],
  from: string,
  now: Date = new Date(),
): MergeResult {
  // `from` is a record of where a translation came from, never a path to follow: a bare file name only.
  if (from === '' || /[/\\]/u.test(from) || from === '.' || from === '..')
    throw new Error(`mergeReviewed: "${from}" is not a bare file name`);
  const store = readStore(path);
  const result: MergeResult = { added: 0, updated: 0, unchanged: 0 };
  const importedAt = now.toISOString();
  for (const { id, zh, en } of translations) {
    if (segmentId(zh) !== id) throw new Error(`mergeReviewed: id ${id} is not the id of "${zh.slice(0, 20)}"`);
    const old = store[id];
    if (old && old.en === en && old.zh === zh) {
      result.unchanged += 1;
      continue;
    }
    if (old) result.updated += 1;
    else result.added += 1;
    store[id] = { zh, en, importedAt, from };
  }
  if (result.added + result.updated > 0 || !existsSync(path)) {
    const sorted = Object.fromEntries(Object.entries(store).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`);
  }
  return result;
}
