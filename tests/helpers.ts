// Shared by the tests: run the text stages on a string, and compare against golden files (UPDATE=1 rewrites them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { ChromiumSession } from '../pipeline/render/browser.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const UPDATE = process.env.UPDATE === '1';

/** Compares `actual` with the golden file; with UPDATE=1 writes it instead (read the diff before committing). */
export function expectGolden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE)
      throw new Error(
        `golden file missing: ${path.relative(ROOT, file)} (run with UPDATE=1 to create it, then read it)`,
      );
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, path.relative(ROOT, file)).toBe(readFileSync(file, 'utf8'));
}

export const han = (s: string) => [...s].filter((ch) => /\p{Script=Han}/u.test(ch));

/** A browser adapter that prints nothing real: it writes a stub PDF and notes each file name in `printed`. */
export const countingChromium = (printed: string[]) => async (): Promise<ChromiumSession> => ({
  async print(job) {
    printed.push(path.basename(job.pdfPath));
    writeFileSync(job.pdfPath, `%PDF-1.7 fake for ${job.title}`);
  },
  async inspect() {
    throw new Error('not used');
  },
  async close() {},
});
