// The CLI's bundle is found again while the sources stay the same and made anew when any of them changes.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of bin/, without types
import { sourceKey } from '../bin/cliBundle.mjs';

const keyOf = sourceKey as (esbuildVersion: string, root: string) => string;

describe('the CLI bundle key', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'briefings-bundle-'));
  mkdirSync(path.join(root, 'pipeline', 'render'), { recursive: true });
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  const file = path.join(root, 'pipeline', 'render', 'page.ts');
  writeFileSync(file, 'export const a = 1;\n');
  writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{}');
  const fixed = new Date('2026-01-01T00:00:00Z');
  utimesSync(file, fixed, fixed);

  it('is the same for the same sources, packages and esbuild', () => {
    expect(keyOf('0.28.2', root)).toBe(keyOf('0.28.2', root));
  });

  it('changes with a source changed, a source added, a new install or another esbuild', () => {
    const before = keyOf('0.28.2', root);
    expect(keyOf('0.29.0', root)).not.toBe(before);
    writeFileSync(file, 'export const a = 2;\n');
    utimesSync(file, fixed, fixed);
    const edited = keyOf('0.28.2', root);
    expect(edited).toBe(before); // same size and time: the key reads the file system, as make does
    utimesSync(file, new Date(fixed.getTime() + 1000), new Date(fixed.getTime() + 1000));
    expect(keyOf('0.28.2', root)).not.toBe(before);
    const touched = keyOf('0.28.2', root);
    writeFileSync(path.join(root, 'pipeline', 'new.ts'), 'export {};\n');
    expect(keyOf('0.28.2', root)).not.toBe(touched);
    const added = keyOf('0.28.2', root);
    writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{"packages":{}}');
    expect(keyOf('0.28.2', root)).not.toBe(added);
  });
});
