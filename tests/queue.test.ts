// The render queue's rules with a real Redis and a worker in this process whose browser is replaced by a printer
// that writes a small PDF naming the page (Chromium itself is in queue.e2e.test.ts): one job per content hash,
// results fetched instead of printed again, retries and the failed set, refused assets and pages, no worker, Redis
// unreachable (exit code 2, or local printing) and Redis lost mid-build.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.ts';
import { main, type Io } from '../pipeline/cli.ts';
import { ConfigError, loadConfig } from '../pipeline/config.ts';
import { installWorkerAssets } from '../pipeline/queue/assets.ts';
import { createQueuePrinter, runWorker, type QueuePrinter } from '../pipeline/queue/index.ts';
import { QUEUE_NAME, renderJobId } from '../pipeline/queue/renderJob.ts';
import type { ChromiumSession, PdfJob, PdfPrinter } from '../pipeline/render/browser.ts';
import { ROOT } from './helpers.ts';
import { freePort, redisServerPath, SKIP_REASON, startRedis, type RedisServer } from './queueServer.ts';

const REDIS = redisServerPath();
if (!REDIS) console.warn(SKIP_REASON);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const page = (title: string, body: string) =>
  `<!doctype html>\n<html lang="zh-Hans">\n<head>\n<title>${title}</title>\n` +
  `<link rel="stylesheet" href="assets/fonts/fonts.css">\n<link rel="stylesheet" href="assets/briefing.css">\n` +
  `</head>\n<body class="article">\n${body}\n</body>\n</html>\n`;

/** The worker's printer: a PDF that names the HTML it was made from; a page marked data-fail fails N times. */
function fakeChromium(log: string[], failures: Map<string, number>): PdfPrinter {
  return {
    async print(job: PdfJob) {
      const html = readFileSync(job.htmlPath, 'utf8');
      const marker = /data-fail="([^"]+)"/u.exec(html)?.[1];
      if (marker && (failures.get(marker) ?? 0) > 0) {
        failures.set(marker, failures.get(marker)! - 1);
        throw new Error(`Protocol error (Page.printToPDF): Printing failed for ${marker}`);
      }
      log.push(sha(html));
      await new Promise((r) => setTimeout(r, 30));
      writeFileSync(job.pdfPath, `%PDF-1.4\n% ${sha(html)}\n%%EOF\n`);
    },
    async close() {},
  };
}

const quietIo = (lines: string[]): Io => ({ out: (l) => lines.push(l), err: (l) => lines.push(l) });

describe('queue settings', () => {
  it('accepts a redis:// URL and local or fail fallback, and refuses anything else as a configuration error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-queue-config-'));
    try {
      expect(loadConfig(dir, { queue: 'redis://127.0.0.1:6379/2' }).queue).toBe('redis://127.0.0.1:6379/2');
      expect(loadConfig(dir, { queue: 'rediss://:secret@queue.example:6380' }).queue).toBeDefined();
      expect(() => loadConfig(dir, { queue: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
      expect(() => loadConfig(dir, { queue: 'redis://127.0.0.1:6379/two' })).toThrow(/queue: a Redis URL/u);
      writeFileSync(path.join(dir, 'briefings.config.json'), JSON.stringify({ queueFallback: 'sometimes' }));
      expect(() => loadConfig(dir)).toThrow(/queueFallback/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Redis unreachable', () => {
  let dir: string;
  let closed: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-queue-down-'));
    mkdirSync(path.join(dir, 'in'));
    cpSync(path.join(ROOT, 'seeds', '000_b9fc0974fe387ea8.txt'), path.join(dir, 'in', 'a.txt'));
    closed = `redis://127.0.0.1:${await freePort()}/0`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('build --queue exits with code 2 and a clear message before writing anything', async () => {
    const lines: string[] = [];
    const code = await main(['build', 'in', '--out', 'out', '--queue', closed], quietIo(lines), dir);
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(.*ECONNREFUSED/u);
    expect(lines.join('\n')).toMatch(/queueFallback/u);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('worker exits with code 2 when Redis is not there, and without any queue at all', async () => {
    const lines: string[] = [];
    expect(await main(['worker', '--queue', closed], quietIo(lines), dir)).toBe(2);
    expect(lines.join('\n')).toMatch(/cannot reach Redis/u);
    expect(await main(['worker'], quietIo(lines), dir)).toBe(2);
    expect(lines.at(-1)).toMatch(/worker needs --queue/u);
  });

  it('with queueFallback "local" the PDFs are printed here, with a warning', async () => {
    const printed: string[] = [];
    const local = async () => {
      const printer = fakeChromium(printed, new Map());
      return { ...printer, inspect: async () => ({ consoleErrors: [], dialogs: [], text: '', fonts: {} }) };
    };
    const result = await build({
      cwd: dir,
      inputs: ['in'],
      outDir: 'fallback',
      config: { queue: closed, queueFallback: 'local' },
      openChromium: local as () => Promise<ChromiumSession>,
    });
    expect(result.exitCode).toBe(0);
    const warning = result.messages.find((m) => m.ruleId === 'queue');
    expect(warning?.reason).toMatch(/cannot reach Redis.*printing the PDFs here/u);
    expect(printed.length).toBe(result.manifest.articles.length + 1);
    for (const a of result.manifest.articles) expect(existsSync(path.join(dir, 'fallback', `${a.id}.pdf`))).toBe(true);
  });
});

describe.skipIf(!REDIS)('render jobs on a real Redis', () => {
  let redis: RedisServer;
  let dir: string;
  let out: string;
  let queue: Queue;
  const printedByWorker: string[] = [];
  const failures = new Map<string, number>();
  const stop = new AbortController();
  let worker: Promise<number>;
  const workerLines: string[] = [];
  const printers: QueuePrinter[] = [];

  const printer = async (options: Partial<Parameters<typeof createQueuePrinter>[0]> = {}) => {
    const p = await createQueuePrinter({ url: redis.url, ...options });
    printers.push(p);
    return p;
  };
  const writePage = (folder: string, key: string, html: string) => {
    writeFileSync(path.join(folder, `${key}.html`), html);
    return { htmlPath: path.join(folder, `${key}.html`), pdfPath: path.join(folder, `${key}.pdf`), title: key };
  };

  beforeAll(async () => {
    redis = await startRedis(REDIS!);
    dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-queue-'));
    out = path.join(dir, 'out');
    installWorkerAssets(out);
    queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port } });
    worker = runWorker({
      url: redis.url,
      concurrency: 2,
      stallMs: 5_000,
      openPrinter: async () => fakeChromium(printedByWorker, failures),
      out: (l) => workerLines.push(l),
      err: (l) => workerLines.push(l),
      signal: stop.signal,
    });
    while (!workerLines.some((l) => / ready: /u.test(l))) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    for (const p of printers) await p.close();
    stop.abort();
    await worker;
    await queue?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a page on the worker and writes its PDF; the job id is the hash of what it prints', async () => {
    const html = page('一', '<p>第一篇</p>');
    const p = await printer();
    const job = writePage(out, 'one', html);
    await p.print(job);
    expect(readFileSync(job.pdfPath, 'utf8')).toContain(sha(html));
    expect(p.stats()).toMatchObject({ enqueued: 1, fromResults: 0 });
    const ids = await queue.getJobs(['completed']);
    expect(ids.map((j) => j.id)).toEqual([renderJobId(html, 'one', ids[0]!.data.assetHash)]);
    expect(workerLines.some((l) => /^printed one \(pdf-[0-9a-f]{64}\) in \d+ ms$/u.test(l))).toBe(true);
  });

  it('the same page asked again (a restarted coordinator, another build) is fetched, not printed again', async () => {
    const html = page('一', '<p>第一篇</p>');
    const before = printedByWorker.length;
    const again = await printer();
    const job = writePage(path.join(dir, 'out'), 'one', html);
    rmSync(job.pdfPath);
    await again.print(job);
    expect(readFileSync(job.pdfPath, 'utf8')).toContain(sha(html));
    expect(again.stats()).toMatchObject({ enqueued: 0, fromResults: 1 });
    expect(printedByWorker.length).toBe(before);
  });

  it('two coordinators asking for one page at once make one job, printed once', async () => {
    const html = page('二', '<p>同时</p>');
    const before = printedByWorker.length;
    const [a, b] = [await printer(), await printer()];
    await Promise.all([a.print(writePage(out, 'two', html)), b.print(writePage(out, 'two', html))]);
    expect(printedByWorker.length - before).toBe(1);
    expect(a.stats().enqueued + b.stats().enqueued).toBeGreaterThanOrEqual(1);
  });

  it('a print that fails once is retried and succeeds; one that keeps failing lands in the failed set', async () => {
    const p = await printer();
    failures.set('flaky', 1);
    const flaky = writePage(out, 'flaky', page('三', '<p data-fail="flaky">偶发</p>'));
    await p.print(flaky);
    expect(existsSync(flaky.pdfPath)).toBe(true);

    failures.set('broken', 99);
    const broken = writePage(out, 'broken', page('四', '<p data-fail="broken">总是</p>'));
    await expect(p.print(broken)).rejects.toThrow(/Printing failed for broken/u);
    const failed = (await queue.getJobs(['failed'])).find((j) => j.data.key === 'broken');
    expect(failed?.attemptsMade).toBe(3);
    expect(failed?.failedReason).toMatch(/worker .*:\d+: broken: Protocol error .*Printing failed for broken/u);

    // The next build asks again and the failed job is tried afresh (here the page has been mended).
    failures.set('broken', 0);
    await p.print(broken);
    expect(existsSync(broken.pdfPath)).toBe(true);
  });

  it('refuses a page whose stylesheet or fonts the worker cannot reproduce, naming the versions', async () => {
    const other = path.join(dir, 'other');
    installWorkerAssets(other);
    writeFileSync(path.join(other, 'assets', 'briefing.css'), 'body { color: red }\n');
    const p = await printer();
    const job = writePage(other, 'skewed', page('五', '<p>别的版本</p>'));
    await expect(p.print(job)).rejects.toThrow(/cannot reproduce the stylesheet and fonts of skewed/u);
    const failed = (await queue.getJobs(['failed'])).find((j) => j.data.key === 'skewed');
    // Unrecoverable: no retries on this or another worker of the same version.
    expect(failed?.attemptsMade).toBe(1);
    expect(existsSync(job.pdfPath)).toBe(false);
  });

  it('refuses HTML that is not one of our pages (a truncated file) without trying it three times', async () => {
    const p = await printer();
    const job = writePage(out, 'cut', page('六', '<p>截断</p>').slice(0, 120));
    await expect(p.print(job)).rejects.toThrow(/cut: not a briefings page/u);
    expect((await queue.getJobs(['failed'])).find((j) => j.data.key === 'cut')?.attemptsMade).toBe(1);
  });

  it('with no worker on the queue it warns at once and fails the waiting pages after the idle timeout', async () => {
    const warnings: string[] = [];
    const lonely = await printer({
      url: redis.url.replace(/\/0$/u, '/3'),
      idleTimeoutMs: 1_500,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings[0]).toMatch(/no worker is connected to redis:\/\/127\.0\.0\.1:\d+\/3/u);
    const started = Date.now();
    await expect(lonely.print(writePage(out, 'alone', page('七', '<p>无人</p>')))).rejects.toThrow(
      /no worker started or finished a job for 2 s/u,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('Redis lost mid-build: the waiting pages fail, or go to the local printer when there is one', async () => {
    const second = await startRedis(REDIS!);
    const printedHere: string[] = [];
    const warnings: string[] = [];
    const failing = await createQueuePrinter({ url: second.url, lostAfterMs: 1_000 });
    const falling = await createQueuePrinter({
      url: second.url,
      lostAfterMs: 1_000,
      fallback: async () => fakeChromium(printedHere, new Map()),
      onWarning: (w) => warnings.push(w),
    });
    try {
      const a = failing.print(writePage(out, 'lost-a', page('八', '<p>断线</p>')));
      const b = falling.print(writePage(out, 'lost-b', page('九', '<p>改为本地</p>')));
      await new Promise((r) => setTimeout(r, 300));
      await second.stop();
      await expect(a).rejects.toThrow(/lost the queue at redis:\/\/127\.0\.0\.1:\d+\/0/u);
      await b;
      expect(printedHere.length).toBe(1);
      expect(falling.stats().local).toBe(1);
      expect(warnings.at(-1)).toMatch(/lost the queue .*printing the remaining PDFs here/u);
      expect(existsSync(path.join(out, 'lost-b.pdf'))).toBe(true);
    } finally {
      await failing.close();
      await falling.close();
      await second.stop();
    }
  });
});
