// Runs people and schedulers can follow: JSON event lines, plain progress lines, a bar on a terminal, --quiet.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../pipeline/cli.ts';
import { ROOT } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-progress-'));
  cpSync(path.join(ROOT, 'seeds', '000_b9fc0974fe387ea8.txt'), path.join(dir, 'in', 'good.txt'), { recursive: true });
  writeFileSync(path.join(dir, 'in', 'empty.txt'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], redraw?: (text: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const draws: string[] = [];
  const code = await main(
    argv,
    { out: (l) => out.push(l), err: (l) => err.push(l), redraw: redraw ? (t) => draws.push(t) : undefined },
    dir,
  );
  return { code, out, err, draws };
}

describe('build progress', () => {
  it('--json prints one JSON event per line: start, each input, diagnostics, end with counts and timings', async () => {
    const { code, out } = await run(['build', 'in', '--no-pdf', '--json']);
    expect(code).toBe(1);
    const events = out.map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'start', inputs: 2 });
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'end', exitCode: 1, inputs: 2, built: 1, articles: 3 });
    expect(end.failed).toEqual([expect.objectContaining({ file: 'empty.txt' })]);
    expect(Number.isInteger(end.timings.totalMs)).toBe(true);
    const inputs = events.filter((e) => e.type === 'input');
    expect(inputs.map((e) => `${e.file}:${e.status}:${e.done}/${e.total}`)).toEqual([
      'empty.txt:failed:1/2',
      'good.txt:built:2/2',
    ]);
    expect(events.some((e) => e.type === 'message' && e.severity === 'error' && e.file === 'empty.txt')).toBe(true);
  });

  it('prints a plain line per input when not on a terminal', async () => {
    const { out } = await run(['build', 'in', '--no-pdf']);
    expect(out).toContainEqual(expect.stringMatching(/^\[2\/2\] good\.txt: built, 3 articles \(\d+ ms\)$/u));
  });

  it('draws a bar on a terminal instead of lines', async () => {
    const { out, draws } = await run(['build', 'in', '--no-pdf'], () => {});
    expect(draws.some((d) => /^\[#+\.*\] inputs 2\/2 · good\.txt$/u.test(d))).toBe(true);
    expect(out.some((l) => l.startsWith('[1/2]'))).toBe(false);
  });

  it('--quiet prints only failures', async () => {
    const { out, err } = await run(['build', 'in', '--no-pdf', '--quiet']);
    expect(out).toEqual([]);
    expect(err).toEqual([expect.stringMatching(/^failed: empty\.txt: /u)]);
  });
});
