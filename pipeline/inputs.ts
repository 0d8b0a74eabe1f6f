// Inputs on disk: which files a build reads, their meta files, and the guards that keep a build inside its folders.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from './domain/diagnostics.ts';
import type { SourceMeta } from './domain/types.ts';
import { parseReview, reviewFileName, ReviewFileError, type ReviewFile } from './review/reviewFile.ts';
import { isValidIsoDate } from './structure/resolveDates.ts';

export class UsageError extends Error {}

export interface InputFile {
  /** The file's name, which gives the article ids. */
  file: string;
  path: string;
}

/** Whether `child` lies inside `folder` once both are resolved (symlinks included). */
export function isInside(folder: string, child: string): boolean {
  const relative = path.relative(folder, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Expands files and folders into the list of *.txt inputs, sorted by name; a missing path is a usage error.
 * In a folder, a symlink that leads out of the folder is skipped with a warning naming it: a folder that other
 * people fill must not publish /etc/passwd.
 */
export function resolveInputs(inputs: string[], cwd: string, messages: VFileMessage[] = []): InputFile[] {
  const out: InputFile[] = [];
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    if (!existsSync(full)) throw new UsageError(`input not found: ${input}`);
    if (statSync(full).isDirectory()) {
      const folder = realpathSync(full);
      for (const name of readdirSync(full).sort()) {
        if (!name.endsWith('.txt')) continue;
        const entry = path.join(full, name);
        if (lstatSync(entry).isSymbolicLink()) {
          let target: string | null;
          try {
            target = realpathSync(entry);
          } catch {
            target = null;
          }
          if (!target || !isInside(folder, target) || !statSync(target).isFile()) {
            messages.push(
              diagnostic({
                file: name,
                rule: 'input-symlink',
                severity: 'warning',
                reason: `skipped: ${name} is a symlink to ${target ?? 'nothing'}, outside the input folder`,
              }),
            );
            continue;
          }
        } else if (!statSync(entry).isFile()) continue;
        out.push({ file: name, path: entry });
      }
    } else out.push({ file: path.basename(full), path: full });
  }
  // Article ids come from file names: two inputs with one name would overwrite each other's pages.
  const seen = new Map<string, string>();
  const unique: InputFile[] = [];
  for (const input of out) {
    const other = seen.get(input.file);
    if (other === input.path) continue; // the same file named twice (directly and through its folder)
    if (other)
      throw new UsageError(
        `two inputs share the name ${input.file}: ${other} and ${input.path}; article ids would collide`,
      );
    seen.set(input.file, input.path);
    unique.push(input);
  }
  return unique;
}

/** NAME.meta.json beside NAME.txt; a bad meta file is a warning and is ignored, the text is still built. */
export function readMeta(txtPath: string, messages: VFileMessage[]): SourceMeta {
  const metaPath = txtPath.replace(/\.txt$/u, '.meta.json');
  if (!existsSync(metaPath)) return {};
  try {
    if (lstatSync(metaPath).isSymbolicLink() && !isInside(path.dirname(txtPath), realpathSync(metaPath)))
      throw new Error('a symlink out of the input folder');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as SourceMeta;
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new Error('not a JSON object');
    if (meta.issueDate && !isValidIsoDate(meta.issueDate))
      throw new Error(`issueDate "${meta.issueDate}" is not a date of the form YYYY-MM-DD`);
    return meta;
  } catch (error) {
    messages.push(
      diagnostic({
        file: path.basename(metaPath),
        rule: 'meta',
        severity: 'warning',
        reason: `ignored: ${(error as Error).message}`,
      }),
    );
    return {};
  }
}

/**
 * NAME.review.json beside NAME.txt (staff corrections), or undefined when there is none. Unlike a meta file, a review
 * that cannot be read is a usage error (exit code 2): building without it would silently undo the staff's work.
 */
export function readReview(txtPath: string): ReviewFile | undefined {
  const reviewPath = path.join(path.dirname(txtPath), reviewFileName(path.basename(txtPath)));
  if (!existsSync(reviewPath)) return undefined;
  const name = path.basename(reviewPath);
  const folder = realpathSync(path.dirname(txtPath));
  if (lstatSync(reviewPath).isSymbolicLink() && !isInside(folder, realpathSync(reviewPath)))
    throw new UsageError(`${name}: a symlink out of the input folder`);
  try {
    return parseReview(readFileSync(reviewPath, 'utf8'), name);
  } catch (error) {
    if (error instanceof ReviewFileError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** Reads an input's bytes, refusing a file over the size limit before reading it whole. */
export function readInput(input: InputFile, maxBytes: number): Uint8Array {
  const size = statSync(input.path).size;
  if (size > maxBytes)
    throw new InputTooLargeError(
      `${input.file}: ${size} bytes is over the input size limit of ${maxBytes} bytes (maxInputBytes in briefings.config.json)`,
    );
  return readFileSync(input.path);
}

export class InputTooLargeError extends Error {}
