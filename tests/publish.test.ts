// Publishing for scheduled builds: a lock per folder (exit 3), unchanged pages not printed again, files of removed
// inputs removed, complete releases switched atomically with --publish and nothing left of failed ones. The browser
// is a fake adapter that counts prints. (The lock, releases, feeds, serve and watch have their own publish.*.test.ts.)
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
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.ts';
import { main } from '../pipeline/cli.ts';
import { acquireLock } from '../pipeline/publish/lock.ts';
import { currentRelease, isCompleteRelease, releaseDirs, verifyRelease } from '../pipeline/publish/releases.ts';
import type { ChromiumSession } from '../pipeline/render/browser.ts';
import { countingChromium, ROOT } from './helpers.ts';

let dir: string;
let printed: string[];
/** Reads `printed` when called, so each test's fresh list counts. */
const fakeChromium = () => countingChromium(printed)();

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-publish-'));
  cpSync(path.join(ROOT, 'seeds', '000_b9fc0974fe387ea8.txt'), path.join(dir, 'in', 'a.txt'));
  cpSync(path.join(ROOT, 'seeds', '003_f5015fad8e833547.txt'), path.join(dir, 'in', 'b.txt'));
  printed = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Changes input b a little, so the next build has something to publish. */
const edit = (n: number) =>
  writeFileSync(path.join(dir, 'in', 'b.txt'), `${readFileSync(path.join(dir, 'in', 'b.txt'), 'utf8')}\n补记${n}。\n`);

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
  it('exits 3 while another live run holds the lock, and builds once it is released or its owner is dead', async () => {
    const out = path.join(dir, 'output');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const release = acquireLock(out); // a live run: this process
    expect(await main(['build', 'in', '--no-pdf'], io, dir)).toBe(3);
    expect(lines.join('\n')).toMatch(new RegExp(`pid ${process.pid}\\) holds .*\\.briefings\\.lock`, 'u'));
    release();
    expect(await main(['build', 'in', '--no-pdf', '--quiet'], io, dir)).toBe(0);
    // The lock file of the version before, left by a process that no longer exists, is taken over.
    writeFileSync(path.join(out, '.briefings.lock'), '999999999');
    expect(await main(['build', 'in', '--no-pdf', '--quiet'], io, dir)).toBe(0);
    expect(existsSync(path.join(out, '.briefings.lock'))).toBe(false);
  });
});

describe('--publish DIR', () => {
  it('builds complete releases and switches DIR/current to the newest, keeping a bounded number', async () => {
    writeFileSync(path.join(dir, 'briefings.config.json'), JSON.stringify({ keepReleases: 2 }));
    const site = path.join(dir, 'site');
    for (let i = 0; i < 3; i += 1) {
      if (i > 0) edit(i);
      const result = await build({ cwd: dir, inputs: ['in'], publishDir: 'site', openChromium: fakeChromium });
      expect(path.resolve(site, readlinkSync(path.join(site, 'current')))).toBe(result.outDir);
      expect(verifyRelease(result.outDir)).toEqual([]);
      expect(existsSync(path.join(site, 'current', 'index.html'))).toBe(true);
      expect(existsSync(path.join(site, 'current', 'a-1.pdf'))).toBe(true);
    }
    expect(readdirSync(path.join(site, 'releases'))).toHaveLength(2);
    // Later releases reprinted only b's changed page and the digest, and linked the other PDFs from the release before.
    expect(printed.filter((p) => p.startsWith('a-'))).toHaveLength(3);
    expect(printed.filter((p) => p === 'digest.pdf')).toHaveLength(3);
    // Nothing changed: no new release, the live one stays, nothing is printed.
    const live = currentRelease(site);
    const count = printed.length;
    const again = await build({ cwd: dir, inputs: ['in'], publishDir: 'site', openChromium: fakeChromium });
    expect(again.outDir).toBe(live);
    expect(currentRelease(site)).toBe(live);
    expect(readdirSync(path.join(site, 'releases'))).toHaveLength(2);
    expect(printed).toHaveLength(count);
    expect(again.messages.map((m) => m.reason).join('\n')).toContain('nothing changed since the last build');
  });
});

describe('--publish DIR when a build fails or was killed', () => {
  const site = () => path.join(dir, 'site');
  const publish = () => build({ cwd: dir, inputs: ['in'], publishDir: 'site', pdf: false });

  it('leaves no release of a build that stopped on a corrupt translations/reviewed.json', async () => {
    const first = await publish();
    edit(1);
    const second = await publish();
    mkdirSync(path.join(dir, 'translations'));
    writeFileSync(path.join(dir, 'translations', 'reviewed.json'), '{"broken":');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await main(['build', 'in', '--publish', 'site', '--no-pdf'], io, dir)).toBe(2);
    expect(lines.join('\n')).toContain('reviewed.json');
    expect(releaseDirs(site())).toEqual([first.outDir, second.outDir]);
    expect(currentRelease(site())).toBe(second.outDir);
    // Rollback goes to the complete release before, not to anything the failed build made.
    expect(await main(['rollback', '--publish', 'site'], io, dir)).toBe(0);
    expect(currentRelease(site())).toBe(first.outDir);
  });

  it('removes the release of a build that threw after the release was made', async () => {
    const live = await publish();
    // The progress printer (an adapter) fails once the pages are written.
    const failing = build({
      cwd: dir,
      inputs: ['in'],
      publishDir: 'site',
      openChromium: fakeChromium,
      onProgress: (event) => {
        if (event.type === 'pdfs') throw new Error('progress printer gone');
      },
    });
    await expect(failing).rejects.toThrow('progress printer gone');
    expect(releaseDirs(site())).toEqual([live.outDir]);
    expect(currentRelease(site())).toBe(live.outDir);
  });

  it('removes at the next run what a killed run left: its incomplete release and half-made link', async () => {
    const live = await publish();
    const dead = path.join(site(), 'releases', '20240101T000000.000Z-999999999');
    mkdirSync(path.join(dead, 'md'), { recursive: true });
    writeFileSync(path.join(dead, 'index.html'), '<!doctype html><html><body>');
    // Nothing changed, so no new release; what the killed run left goes all the same.
    const same = await publish();
    expect(same.outDir).toBe(live.outDir);
    expect(releaseDirs(site())).toEqual([live.outDir]);
    mkdirSync(path.join(dead, 'md'), { recursive: true });
    edit(1);
    const next = await publish();
    expect(releaseDirs(site())).toEqual([live.outDir, next.outDir]);
    expect(releaseDirs(site()).every(isCompleteRelease)).toBe(true);
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
    edit(1);
    await build({ cwd: dir, inputs: ['in'], publishDir: 'site', pdf: false });
    const lines: string[] = [];
    expect(
      await main(['rollback', '--publish', 'site'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, dir),
    ).toBe(0);
    expect(path.resolve(dir, 'site', readlinkSync(path.join(dir, 'site', 'current')))).toBe(first.outDir);
    expect(await main(['rollback', '--publish', 'site'], { out: () => {}, err: () => {} }, dir)).toBe(1);
  });

  it('serves the built folder and refuses paths outside it, as sent byte for byte', async () => {
    await build({ cwd: dir, inputs: ['in'], pdf: false });
    const { serveFolder } = await import('../pipeline/publish/serve.ts');
    const server = await serveFolder(path.join(dir, 'output'), 0);
    // fetch() would normalise /../ and %2e%2e away before sending: net sends the request line as written.
    const raw = (target: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
        let text = '';
        socket.on('data', (c) => (text += c.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      });
    try {
      const index = await raw('/');
      expect(index).toMatch(/^HTTP\/1\.1 200 /u);
      expect(index).toMatch(/content-type: text\/html; charset=utf-8/iu);
      expect(index).toContain('a-1.html');
      for (const target of ['/../in/a.txt', '/%2e%2e/in/a.txt', '/..%2fin%2fa.txt', '/../../etc/passwd']) {
        const escape = await raw(target);
        expect(escape, target).toMatch(/^HTTP\/1\.1 403 /u);
        expect(escape, target).not.toContain('全会');
      }
      expect(await raw('/missing.html')).toMatch(/^HTTP\/1\.1 404 /u);
    } finally {
      await new Promise((r) => server.close(r));
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
