// One generic runner for tests/fixtures/clean/<behaviour>/{input.txt, expected.txt, edits.json[, flags.json]}.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { clean } from '../pipeline/clean/index.ts';
import { cleanContextFor } from '../pipeline/clean/repairReview.ts';
import { loadTermBase } from '../pipeline/domain/termBase.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { expectGolden, ROOT } from './helpers.ts';

const dir = path.join(ROOT, 'tests', 'fixtures', 'clean');

describe('clean fixtures', () => {
  for (const name of readdirSync(dir).sort()) {
    const folder = path.join(dir, name);
    if (!existsSync(path.join(folder, 'input.txt'))) continue;
    it(name, () => {
      const source = ingest({ file: 'input.txt', bytes: readFileSync(path.join(folder, 'input.txt')) }).value!;
      // The stage's context as the text pipeline gives it: the project's term base.
      const { value } = clean(source, cleanContextFor(loadTermBase()));
      expectGolden(path.join(folder, 'expected.txt'), value.text);
      const edits = value.edits.map(({ rule, op, start, end, before, after }) => ({
        rule,
        op,
        start,
        end,
        before,
        after,
      }));
      expectGolden(path.join(folder, 'edits.json'), `${JSON.stringify(edits, null, 1)}\n`);
      const flags = value.flags.map(({ rule, start, end, text, suggestion }) => ({
        rule,
        start,
        end,
        text,
        suggestion,
      }));
      expectGolden(path.join(folder, 'flags.json'), `${JSON.stringify(flags, null, 1)}\n`);
    });
  }
});
