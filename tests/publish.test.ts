// Publishing for scheduled builds: a lock per folder (exit 3), unchanged pages not printed again, files of removed
// inputs removed, releases switched atomically with --publish. The browser is a fake adapter that counts prints.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.ts';
import { main } from '../pipeline/cli.ts';
import type { ChromiumSession } from '../pipeline/render/browser.ts';
import { ROOT } from './helpers.ts';

let dir: string;
let printed: string[];
const fakeChromium = async (): Promise<ChromiumSession> => ({
  async print(job) {
    printed.push(path.basename(job.pdfPath));
    writeFileSync(job.pdfPath, `%PDF-1.7 fake for ${job.title}`);
  },
  async inspect() {
    throw new Error('not used');
  },
  async close() {},
});

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-publish-'));
  cpSync(path.join(ROOT, 'seeds', '000_b9fc0974fe387ea8.txt'), path.join(dir, 'in', 'a.txt'));
  cpSync(path.join(ROOT, 'seeds', '003_f5015fad8e833547.txt'), path.join(dir, 'in', 'b.txt'));
  printed = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('incremental builds into output/', () => {
  it('prints only the pages that changed', async () => {
    await build({ cwd: dir, inputs: ['in'], openChromium: fakeChromium });
    expect(printed.sort()).toEqual(['a-1.pdf', 'a-2.pdf', 'a-3.pdf', 'b-1.pdf', 'digest.pdf']);
    printed = [];
    await build({ cwd: dir, inputs: ['in'], openChromium: fakeChromium });
    expect(printed).toEqual([]);
    writeFileSync(
      path.join(dir, 'in', 'b.txt'),
      `${readFileSync(path.join(dir, 'in', 'b.txt'), 'utf8')}\n要持续优化营商环境。\n`,
    );
    await build({ cwd: dir, inputs: ['in'], openChromium: fakeChromium });
    expect(printed.sort()).toEqual(['b-1.pdf', 'digest.pdf']);
  });

  it('removes the pages of an input that is gone, from the folder and the index', async () => {
    await build({ cwd: dir, inputs: ['in'], openChromium: fakeChromium });
    expect(existsSync(path.join(dir, 'output', 'b-1.pdf'))).toBe(true);
    rmSync(path.join(dir, 'in', 'b.txt'));
    const result = await build({ cwd: dir, inputs: ['in'], openChromium: fakeChromium });
    expect(result.manifest.articles.map((a) => a.id)).toEqual(['a-1', 'a-2', 'a-3']);
    for (const file of ['b-1.html', 'b-1.pdf', 'md/b-1.md'])
      expect(existsSync(path.join(dir, 'output', file)), file).toBe(false);
    expect(readFileSync(path.join(dir, 'output', 'index.html'), 'utf8')).not.toContain('b-1.html');
  });
});

describe('locking', () => {
  it('exits 3 while another live run holds the lock, and takes over a stale lock', async () => {
    const out = path.join(dir, 'output');
    rmSync(out, { recursive: true, force: true });
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    // A live process (this one) holds the lock.
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, '.briefings.lock'), String(process.pid));
    expect(await main(['build', 'in', '--no-pdf'], io, dir)).toBe(3);
    expect(lines.join('\n')).toMatch(/holds .*\.briefings\.lock/u);
    // A lock left by a process that no longer exists is taken over.
    writeFileSync(path.join(out, '.briefings.lock'), '999999999');
    expect(await main(['build', 'in', '--no-pdf'], io, dir)).toBe(0);
    expect(existsSync(path.join(out, '.briefings.lock'))).toBe(false);
  });
});

describe('--publish DIR', () => {
  it('builds releases and switches DIR/current to the newest, keeping a bounded number', async () => {
    writeFileSync(path.join(dir, 'briefings.config.json'), JSON.stringify({ keepReleases: 2 }));
    const site = path.join(dir, 'site');
    for (let i = 0; i < 3; i += 1) {
      const result = await build({ cwd: dir, inputs: ['in'], publishDir: 'site', openChromium: fakeChromium });
      expect(path.resolve(site, readlinkSync(path.join(site, 'current')))).toBe(result.outDir);
      expect(existsSync(path.join(site, 'current', 'index.html'))).toBe(true);
      expect(existsSync(path.join(site, 'current', 'a-1.pdf'))).toBe(true);
      await new Promise((r) => setTimeout(r, 1100)); // release names carry the second
    }
    expect(readdirSync(path.join(site, 'releases'))).toHaveLength(2);
    // The second and third releases reused the first one's PDFs (four pages and the digest).
    expect(printed).toHaveLength(5);
  });
});

describe('failures stay with their input', () => {
  it('records a failed print in the manifest, leaves no stale PDF and prints it again next time', async () => {
    await build({ cwd: dir, inputs: ['in'], openChromium: fakeChromium });
    writeFileSync(
      path.join(dir, 'in', 'b.txt'),
      `${readFileSync(path.join(dir, 'in', 'b.txt'), 'utf8')}\n要持续优化营商环境。\n`,
    );
    const failing = async (): Promise<ChromiumSession> => ({
      ...(await fakeChromium()),
      async print(job) {
        if (job.pdfPath.endsWith('b-1.pdf')) throw new Error('printer jammed');
        printed.push(path.basename(job.pdfPath));
      },
    });
    const result = await build({ cwd: dir, inputs: ['in'], openChromium: failing });
    expect(result.exitCode).toBe(1);
    expect(existsSync(path.join(dir, 'output', 'b-1.pdf'))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'output', 'briefings.json'), 'utf8'));
    expect(manifest.failed).toEqual([{ file: 'b.txt', reason: 'PDF of b-1 failed' }]);
    printed = [];
    await build({ cwd: dir, inputs: ['in'], openChromium: fakeChromium });
    expect(printed).toContain('b-1.pdf');
  });

  it('refuses two inputs with the same name as a usage error', async () => {
    cpSync(path.join(dir, 'in', 'a.txt'), path.join(dir, 'other', 'a.txt'));
    const lines: string[] = [];
    expect(
      await main(['build', 'in', 'other', '--no-pdf'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, dir),
    ).toBe(2);
    expect(lines.join('\n')).toMatch(/two inputs share the name a\.txt/u);
    // The same file named twice is one input.
    expect(await main(['build', 'in', 'in/a.txt', '--no-pdf', '--quiet'], { out: () => {}, err: () => {} }, dir)).toBe(
      0,
    );
  });

  it('builds an input with a very long file name', async () => {
    const long = `${'长'.repeat(80)}.txt`;
    cpSync(path.join(dir, 'in', 'a.txt'), path.join(dir, 'in', long));
    const result = await build({ cwd: dir, inputs: ['in'], pdf: false });
    expect(result.failed).toEqual([]);
    expect(result.manifest.sources.map((s) => s.file)).toContain(long);
  });
});

describe('rollback and serve', () => {
  it('points current back at the previous release', async () => {
    const first = await build({ cwd: dir, inputs: ['in'], publishDir: 'site', pdf: false });
    await new Promise((r) => setTimeout(r, 1100));
    await build({ cwd: dir, inputs: ['in'], publishDir: 'site', pdf: false });
    const lines: string[] = [];
    expect(
      await main(['rollback', '--publish', 'site'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, dir),
    ).toBe(0);
    expect(path.resolve(dir, 'site', readlinkSync(path.join(dir, 'site', 'current')))).toBe(first.outDir);
    expect(await main(['rollback', '--publish', 'site'], { out: () => {}, err: () => {} }, dir)).toBe(1);
  });

  it('serves the built folder and refuses paths outside it', async () => {
    await build({ cwd: dir, inputs: ['in'], pdf: false });
    const { serveFolder } = await import('../pipeline/publish/serve.ts');
    const server = await serveFolder(path.join(dir, 'output'), 0, '127.0.0.1');
    try {
      const port = (server.address() as { port: number }).port;
      const index = await fetch(`http://127.0.0.1:${port}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toContain('a-1.html');
      const escape = await fetch(`http://127.0.0.1:${port}/%2e%2e/in/a.txt`);
      expect(escape.status).not.toBe(200); // ../ never leaves the folder
      expect(await escape.text()).not.toContain('全会');
      expect((await fetch(`http://127.0.0.1:${port}/missing.html`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe('watch', () => {
  it('builds once, then again when an input changes, and stops when asked', async () => {
    const { watchInputs } = await import('../pipeline/publish/watch.ts');
    const stop = new AbortController();
    const builds: number[] = [];
    const done = watchInputs(
      { cwd: dir, inputs: ['in'], pdf: false },
      (r) => {
        if (!(r instanceof Error)) builds.push(r.manifest.articles.length);
      },
      stop.signal,
      100,
    );
    const until = async (n: number) => {
      for (let i = 0; i < 100 && builds.length < n; i += 1) await new Promise((r) => setTimeout(r, 50));
    };
    await until(1);
    cpSync(path.join(ROOT, 'seeds', '002_d3cc0861f9f12531.txt'), path.join(dir, 'in', 'c.txt'));
    await until(2);
    stop.abort();
    await done;
    expect(builds).toEqual([4, 5]);
  });
});
