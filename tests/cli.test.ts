// The command line: exit codes, help, usage errors, the XLIFF loop and a configured engine, through main().
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleSegments } from '../pipeline/bilingual/index.ts';
import { main } from '../pipeline/cli.ts';
import type { Manifest } from '../pipeline/manifest.ts';
import { sendJson, startServer } from './engines/fakeServer.ts';
import { ROOT } from './helpers.ts';

let dir: string;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
const run = (...argv: string[]) => main(argv, io, dir);
const manifest = (): Manifest => JSON.parse(readFileSync(path.join(dir, 'output', 'briefings.json'), 'utf8'));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-cli-'));
  cpSync(path.join(ROOT, 'seeds', '004_5cd8125062b99eb2.txt'), path.join(dir, 'in', '004.txt'), { recursive: true });
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('briefings command', () => {
  it('prints its version and help with exit code 0', async () => {
    expect(await run('--version')).toBe(0);
    expect(out[0]).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toContain('briefings build [INPUT…]');
  });

  it('exits 2 on usage errors: no command, an unknown command, an unknown flag, a missing input', async () => {
    expect(await run()).toBe(2);
    expect(await run('publish-everything')).toBe(2);
    expect(await run('build', '--frobnicate')).toBe(2);
    expect(await run('build', 'no-such-folder')).toBe(2);
    expect(err.join('\n')).toContain('input not found: no-such-folder');
  });

  it('exits 2 on a broken configuration file, naming it', async () => {
    writeFileSync(path.join(dir, 'briefings.config.json'), '{"title": 3}');
    expect(await run('build', 'in', '--no-pdf')).toBe(2);
    expect(err.join('\n')).toMatch(/briefings\.config\.json: title/u);
  });

  it('builds, and exits 1 when one input fails while the others are built', async () => {
    writeFileSync(path.join(dir, 'in', 'empty.txt'), '');
    expect(await run('build', 'in', '--no-pdf')).toBe(1);
    expect(err.join('\n')).toMatch(/empty\.txt.*empty file/u);
    expect(manifest().articles.length).toBeGreaterThan(3);
  });

  it('check reports diagnostics and writes nothing to output/', async () => {
    expect(await run('check', 'in')).toBe(0);
    expect(() => readFileSync(path.join(dir, 'output', 'briefings.json'))).toThrow();
  });
});

describe('the human translation loop', () => {
  it('export-xliff, a hand-edited target and import-xliff make the segment reviewed in the next build', async () => {
    expect(await run('export-xliff', 'in', '--out', 'review.xliff')).toBe(0);
    let xml = readFileSync(path.join(dir, 'review.xliff'), 'utf8');
    const source = '<source>南开区突击夜查</source>';
    expect(xml).toContain(source);
    const at = xml.indexOf(source) + source.length;
    const after = xml.slice(at).replace(/^\s*<target>[^<]*<\/target>/u, '');
    xml = `${xml.slice(0, at)}<target>Nankai District &amp; its <![CDATA[night]]> inspection</target>${after}`;
    writeFileSync(path.join(dir, 'review.xliff'), xml);
    expect(await run('import-xliff', 'review.xliff')).toBe(0);
    expect(await run('build', 'in', '--no-pdf')).toBe(0);
    const title = manifest()
      .articles.map((a) => a.title)
      .find((t) => t.zh === '南开区突击夜查')!;
    expect(title).toMatchObject({ en: 'Nankai District & its night inspection', enStatus: 'reviewed' });
  });
});

describe('a configured translation engine', () => {
  it('translates every pending segment, checks it, caches it, and a second build makes no request', async () => {
    const server = await startServer((request, response) => {
      const body = request.json as { messages: { role: string; content: string }[] };
      const zh = body.messages.find((m) => m.role === 'user')!.content;
      const system = body.messages.find((m) => m.role === 'system')!.content;
      // An honest fake: echoes the numbers and the glossary renderings so the checks can pass, marks the text as
      // machine output.
      const numbers = zh.match(/\d+(\.\d+)?/gu) ?? [];
      const renderings = [...system.matchAll(/^.+ → (.+)$/gmu)].map((m) => m[1]);
      sendJson(response, 200, {
        choices: [
          { message: { role: 'assistant', content: `[machine] ${[...numbers, ...renderings].join('; ')}`.trim() } },
        ],
      });
    });
    try {
      writeFileSync(
        path.join(dir, 'briefings.config.json'),
        JSON.stringify({ engine: { kind: 'openai', baseUrl: server.url, model: 'test-model' } }),
      );
      expect(await run('build', 'in', '--no-pdf')).toBe(0);
      const segments = manifest().articles.flatMap(articleSegments);
      // An answer that fails a check (a person's name left out) stays pending with the answer as a draft only.
      const unchecked = segments.filter(
        (s) => s.enStatus === 'pending' && !(s.enDraft && /check: /u.test(s.enNote ?? '')),
      );
      expect(unchecked).toEqual([]);
      expect(segments.filter((s) => s.enStatus === 'engine').length).toBeGreaterThan(10);
      const first = server.requests.length;
      expect(first).toBeGreaterThan(10);
      expect(server.requests[0].path).toBe('/v1/chat/completions');
      expect(await run('build', 'in', '--no-pdf')).toBe(0);
      expect(server.requests.length).toBe(first);
      expect(
        manifest()
          .articles.flatMap(articleSegments)
          .filter((s) => s.enStatus === 'pending' && !s.enDraft),
      ).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
