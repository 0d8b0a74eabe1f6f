// Names of the input files the staff page writes: a plain file name inside the input folder, ending in .txt, never
// a path, never a hidden file, never a name that would overwrite another text.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../inputs.ts';
import { HttpError } from './guards.ts';

const MAX_NAME = 80;

/** The file name a wanted name becomes (extension → .txt, unsafe characters → -), or an error saying why not. */
export function inputFileName(wanted: string): string {
  const name = wanted.normalize('NFC').trim();
  if (name === '' || /[/\\\0]/u.test(name) || name.startsWith('.'))
    throw new HttpError(400, `"${name.slice(0, 40)}" is not a plain file name`);
  const base = name
    .replace(/\.[A-Za-z0-9]{1,8}$/u, '')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/gu, '');
  if (base === '' || /\.(review|meta)$/iu.test(base))
    throw new HttpError(400, `"${name.slice(0, 40)}" cannot be an input's name`);
  return `${[...base].slice(0, MAX_NAME).join('')}.txt`;
}

/** A name for pasted text: the name staff gave, or the time it was pasted. */
export function pastedFileName(wanted: string | undefined, now: Date): string {
  if (wanted?.trim()) return inputFileName(wanted);
  const stamp = now.toISOString().replace(/[-:]/gu, '').replace('T', '-').slice(0, 15);
  return `pasted-${stamp}.txt`;
}

/**
 * Where a new input goes in `folder`: its name, or name-2, name-3… when a different text already has it. Returns
 * the path and whether the same bytes are already there.
 */
export function placeInput(folder: string, name: string, bytes: Uint8Array): { file: string; exists: boolean } {
  const stem = name.replace(/\.txt$/u, '');
  for (let n = 1; n < 1000; n += 1) {
    const file = n === 1 ? name : `${stem}-${n}.txt`;
    const full = path.join(folder, file);
    if (!isInside(folder, full)) throw new HttpError(400, `"${file}" is outside the input folder`);
    if (!existsSync(full)) return { file, exists: false };
    if (Buffer.compare(readFileSync(full), Buffer.from(bytes)) === 0) return { file, exists: true };
  }
  throw new HttpError(409, `too many inputs named ${stem}`);
}
