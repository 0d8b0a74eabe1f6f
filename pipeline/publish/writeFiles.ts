// Writes files atomically (temporary file beside it, then rename), so a reader never sees half a file. An output
// whose bytes are already in place is left alone (a web server's caches stay valid), and one that a previous
// release holds is hard-linked from it instead of written again.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A short temporary name beside `file`: a long file name plus a suffix could pass the file system's limit. */
const tempBeside = (file: string) =>
  path.join(path.dirname(file), `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempBeside(file);
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export type WriteOutcome = 'kept' | 'linked' | 'written';

/** Writes one file of an output, given relative to it (a build's writer skips or links unchanged files). */
export type OutputWriter = (relative: string, content: string | Uint8Array) => WriteOutcome;

/** Whether `file` holds exactly `bytes` (its size is compared first, so a changed file is rarely read). */
export function holdsBytes(file: string, bytes: Uint8Array): boolean {
  try {
    if (statSync(file).size !== bytes.byteLength) return false;
    return Buffer.compare(readFileSync(file), bytes) === 0;
  } catch {
    return false;
  }
}

/** Links `from` to `file` atomically; false when the file system refuses (another device, no hard links). */
export function linkFileAtomic(from: string, file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempBeside(file);
  try {
    linkSync(from, temp);
    renameSync(temp, file);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

/**
 * Writes `content` to `file` unless it is already there; when `reuse` (the same file in the previous release)
 * holds the same bytes, links it instead of writing a copy.
 */
export function writeFileIfChanged(file: string, content: string | Uint8Array, reuse?: string | null): WriteOutcome {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (holdsBytes(file, bytes)) return 'kept';
  if (reuse && reuse !== file && holdsBytes(reuse, bytes) && linkFileAtomic(reuse, file)) return 'linked';
  writeFileAtomic(file, bytes);
  return 'written';
}
