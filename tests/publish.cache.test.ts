// The build's source cache (TARGET/.briefings-cache/): a rebuild with nothing changed does nothing and writes
// nothing; one changed input rewrites only its own pages and the files that list every article; what comes back
// from the cache is byte for byte what the text stages make; failures and diagnostics come back too.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../pipeline/build.ts';
import { formatDiagnostic } from '../pipeline/domain/diagnostics.ts';
import { CACHE_FOLDER } from '../pipeline/publish/sourceCache.ts';
import { countingChromium, ROOT } from './helpers.ts';

let dir: string;
let printed: string[];
/** Reads `printed` when called, so each test's fresh list counts. */
const fakeChromium = () => countingChromium(printed)();

const run = (out: string, extra: Partial<BuildOptions> = {}) =>
  build({ cwd: dir, inputs: ['in'], outDir: out, openChromium: fakeChromium, ...extra });

/** Every file of an output folder but the cache and the build record, relative, with its bytes. */
function tree(out: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(path.join(dir, out), { withFileTypes: true, recursive: true })) {
    const relative = path.relative(path.join(dir, out), path.join(entry.parentPath, entry.name));
    if (!entry.isFile() || relative.startsWith(CACHE_FOLDER) || relative === '.briefings-build.json') continue;
    files.set(relative, readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

const mtimes = (out: string) =>
  new Map([...tree(out).keys()].map((f) => [f, statSync(path.join(dir, out, f)).mtimeMs]));

const told = (messages: { reason: string; ruleId?: string | null }[]) =>
  messages.filter((m) => m.ruleId !== 'incremental').map((m) => formatDiagnostic(m as never));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-cache-'));
  cpSync(path.join(ROOT, 'seeds', '000_b9fc0974fe387ea8.txt'), path.join(dir, 'in', 'a.txt'));
  cpSync(path.join(ROOT, 'seeds', '002_d3cc0861f9f12531.txt'), path.join(dir, 'in', 'b.txt'));
  cpSync(path.join(ROOT, 'seeds', '004_5cd8125062b99eb2.txt'), path.join(dir, 'in', 'c.txt'));
  printed = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the source cache', () => {
  it('does nothing when nothing changed: no file written, no page printed, the same diagnostics told', async () => {
    const first = await run('out');
    const before = mtimes('out');
    const prints = printed.length;
    const again = await run('out');
    expect(again.exitCode).toBe(0);
    expect(printed).toHaveLength(prints);
    expect(mtimes('out')).toEqual(before);
    expect(told(again.messages)).toEqual(told(first.messages));
    expect(again.messages.map((m) => m.reason).join('\n')).toContain('nothing changed since the last build');
    expect(again.manifest).toEqual(first.manifest);
  });

  it('rewrites only the changed input, the digest and the lists of every article', async () => {
    await run('out');
    const before = mtimes('out');
    printed = [];
    const c = path.join(dir, 'in', 'c.txt');
    writeFileSync(c, readFileSync(c, 'utf8').replace(/。/u, '，并在会上作了补充说明。'));
    const result = await run('out');
    expect(result.exitCode).toBe(0);
    const after = mtimes('out');
    const rewritten = [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
    // No page of a or b is written again or printed again.
    expect(rewritten.filter((f) => /(^|\/)[ab]-\d/u.test(f))).toEqual([]);
    expect(printed.filter((f) => /^[ab]-/u.test(f))).toEqual([]);
    expect(rewritten).toContain('digest.html');
    expect(rewritten.some((f) => /^(md\/)?c-\d+\.(html|md)$/u.test(f))).toBe(true);
  });

  it('gives back exactly what the text stages make', async () => {
    await run('cold');
    // A warm folder: c changed and back again, so a and b come from the cache and c is made anew.
    await run('warm');
    const c = path.join(dir, 'in', 'c.txt');
    const original = readFileSync(c);
    writeFileSync(c, `${original}\n追记。\n`);
    await run('warm');
    writeFileSync(c, original);
    const warm = await run('warm');
    expect(warm.messages.some((m) => m.ruleId === 'incremental' && /nothing changed/u.test(m.reason))).toBe(false);
    const cold = tree('cold');
    const rebuilt = tree('warm');
    expect([...rebuilt.keys()].sort()).toEqual([...cold.keys()].sort());
    for (const [file, bytes] of cold) expect(rebuilt.get(file)?.equals(bytes), file).toBe(true);
  });

  it('keeps a failed input failed, with its diagnostics, and exit code 1 every time', async () => {
    writeFileSync(path.join(dir, 'in', 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00, 0x00, 0xdc]));
    const first = await run('out', { pdf: false });
    expect(first.exitCode).toBe(1);
    const again = await run('out', { pdf: false });
    expect(again.exitCode).toBe(1);
    expect(again.failed).toEqual(first.failed);
    expect(told(again.messages)).toEqual(told(first.messages));
  });

  it('builds again when the settings change or the last record is not trusted', async () => {
    await run('out', { pdf: false });
    writeFileSync(path.join(dir, 'briefings.config.json'), JSON.stringify({ title: 'Another digest' }));
    const retitled = await run('out', { pdf: false });
    expect(retitled.messages.some((m) => /nothing changed/u.test(m.reason))).toBe(false);
    expect(readFileSync(path.join(dir, 'out', 'index.html'), 'utf8')).toContain('Another digest');
    // A run killed mid-way leaves a record without its key: the next run does not trust the folder.
    const record = JSON.parse(readFileSync(path.join(dir, 'out', '.briefings-build.json'), 'utf8'));
    delete record.buildKey;
    writeFileSync(path.join(dir, 'out', '.briefings-build.json'), JSON.stringify(record));
    const afterKill = await run('out', { pdf: false });
    expect(afterKill.messages.some((m) => /nothing changed/u.test(m.reason))).toBe(false);
    const noop = await run('out', { pdf: false });
    expect(noop.messages.some((m) => /nothing changed/u.test(m.reason))).toBe(true);
  });

  it('prints again what a run stopped mid-print had overwritten, even when its input went back', async () => {
    await run('out');
    const b = path.join(dir, 'in', 'b.txt');
    const original = readFileSync(b);
    writeFileSync(b, `${original}\n追记。\n`);
    // The run dies right after its first PDF is written (a progress printer that throws stands in for kill -9).
    const dying = run('out', {
      onProgress: (event) => {
        if (event.type === 'pdf') throw new Error('killed');
      },
    });
    await expect(dying).rejects.toThrow('killed');
    writeFileSync(b, original);
    printed = [];
    await run('out');
    expect(printed.filter((f) => f.startsWith('b-'))).not.toEqual([]);
  });

  it('writes cache entries and the build record that validate against their schemas', async () => {
    await run('out');
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    ajv.addSchema(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'briefings.schema.json'), 'utf8')));
    const entry = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'source-cache.schema.json'), 'utf8')));
    const record = ajv.compile(
      JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'build-record.schema.json'), 'utf8')),
    );
    const folder = path.join(dir, 'out', CACHE_FOLDER, 'sources');
    const names = readdirSync(folder);
    expect(names.filter((n) => n.endsWith('.value.json'))).toHaveLength(3);
    for (const name of names) {
      const ok = entry(JSON.parse(readFileSync(path.join(folder, name), 'utf8')));
      expect(entry.errors ?? [], `${name}: ${JSON.stringify(entry.errors?.slice(0, 3))}`).toEqual([]);
      expect(ok).toBe(true);
    }
    expect(record(JSON.parse(readFileSync(path.join(dir, 'out', '.briefings-build.json'), 'utf8')))).toBe(true);
    // An input that is gone takes its entry with it.
    rmSync(path.join(dir, 'in', 'b.txt'));
    await run('out');
    expect(readdirSync(folder).filter((n) => n.endsWith('.value.json'))).toHaveLength(2);
  });
});
