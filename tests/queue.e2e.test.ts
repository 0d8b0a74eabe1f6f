// End to end with a real Redis and real Chromium: a coordinator (build --queue) and two workers, each a child process
// running `briefings worker`, build the seeds exactly as a local build does; a rebuild enqueues nothing; a poisoned
// page fails only its article; a coordinator killed mid-build and run again prints nothing twice; a worker killed
// with SIGKILL while it prints loses nothing. The fault tests use small invented texts.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../pipeline/build.ts';
import { QUEUE_NAME } from '../pipeline/queue/renderJob.ts';
import { ROOT } from './helpers.ts';
import {
  redisServerPath,
  SKIP_REASON,
  startRedis,
  startWorker,
  type RedisServer,
  type WorkerProcess,
} from './queueServer.ts';

const REDIS = redisServerPath();
if (!REDIS) console.warn(SKIP_REASON);

const STALL_MS = 5_000;
const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
const pdfsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();

describe.skipIf(!REDIS)('PDFs printed by workers through the queue', () => {
  let redis: RedisServer;
  let work: string;
  let queue: Queue;
  let workers: WorkerProcess[] = [];
  let local: BuildResult;
  const killed: number[] = [];
  const allPrinting = () => workers.flatMap((w) => w.printing());
  const jobsInQueue = async () => Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0);
  const texts = (folder: string, ...names: string[]) => {
    mkdirSync(path.join(work, folder));
    for (const name of names) cpSync(path.join(ROOT, 'tests', 'texts', name), path.join(work, folder, name));
  };

  beforeAll(async () => {
    redis = await startRedis(REDIS!);
    work = mkdtempSync(path.join(os.tmpdir(), 'briefings-queue-e2e-'));
    cpSync(path.join(ROOT, 'seeds'), path.join(work, 'seeds'), { recursive: true });
    queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port } });
    // One print at a time per worker: two workers share the jobs, and a killed one holds exactly one.
    const starting = [1, 2].map(() => startWorker(redis.url, { concurrency: 1, stallMs: STALL_MS }));
    local = await build({ cwd: work, inputs: ['seeds'], outDir: 'local' });
    workers = await Promise.all(starting);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await queue?.close();
    await redis?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    // What the SIGKILLed workers could not clean up: their work folder and browser profile.
    for (const name of readdirSync(os.tmpdir()))
      if (
        killed.some(
          (pid) => name.startsWith(`briefings-worker-${pid}-`) || name.startsWith(`briefings-chromium-${pid}-`),
        )
      )
        rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  });

  it('builds the seeds as a local build does: the same manifest and the same text in every PDF', async () => {
    const queued = await build({ cwd: work, inputs: ['seeds'], outDir: 'queued', config: { queue: redis.url } });
    expect(local.exitCode).toBe(0);
    expect(queued.exitCode).toBe(0);
    expect(readFileSync(path.join(work, 'queued', 'briefings.json'), 'utf8')).toBe(
      readFileSync(path.join(work, 'local', 'briefings.json'), 'utf8'),
    );
    const pdfs = pdfsIn(path.join(work, 'local'));
    expect(pdfs.length).toBe(local.manifest.articles.length + 1);
    expect(pdfsIn(path.join(work, 'queued'))).toEqual(pdfs);
    for (const pdf of pdfs)
      expect(pdfText(path.join(work, 'queued', pdf)), pdf).toBe(pdfText(path.join(work, 'local', pdf)));
    // Both workers took part, and every page went through a worker (the digest twice: its page numbers).
    for (const w of workers) expect(w.printing().length).toBeGreaterThan(0);
    expect(new Set(allPrinting()).size).toBeGreaterThanOrEqual(pdfs.length);
  }, 600_000);

  it('a rebuild with nothing changed enqueues no job', async () => {
    const jobs = await jobsInQueue();
    const printing = allPrinting().length;
    const events: string[] = [];
    const again = await build({
      cwd: work,
      inputs: ['seeds'],
      outDir: 'queued',
      config: { queue: redis.url },
      onProgress: (e) => events.push(JSON.stringify(e)),
    });
    expect(again.exitCode).toBe(0);
    expect(events.find((e) => e.includes('"type":"pdfs"'))).toContain(`"total":0`);
    expect(await jobsInQueue()).toBe(jobs);
    expect(allPrinting().length).toBe(printing);
  }, 300_000);

  it('a page that makes the worker fail fails only its own article, and its job keeps the error', async () => {
    texts('poison-in', 'news-page-three-items.txt');
    const out = path.join(work, 'poison');
    let poisoned = '';
    const result = await build({
      cwd: work,
      inputs: ['poison-in'],
      outDir: 'poison',
      config: { queue: redis.url },
      onProgress: (event) => {
        // Between the HTML and the PDFs: one article's page is cut off, as a half-written file would be.
        if (event.type !== 'pdfs') return;
        poisoned = readdirSync(out).find((f) => /^news-page-three-items-\d+\.html$/u.test(f))!;
        const html = readFileSync(path.join(out, poisoned), 'utf8');
        writeFileSync(path.join(out, poisoned), html.slice(0, html.indexOf('</head>')));
      },
    });
    const id = poisoned.replace(/\.html$/u, '');
    expect(result.manifest.articles.length).toBeGreaterThan(1);
    expect(result.exitCode).toBe(1);
    expect(result.failed).toEqual([{ file: 'news-page-three-items.txt', reason: `PDF of ${id} failed` }]);
    const error = result.messages.find((m) => m.ruleId === 'pdf');
    expect(error?.reason).toMatch(new RegExp(`^${id}\\.pdf not written: .*${id}: not a briefings page`, 'u'));
    expect(existsSync(path.join(out, `${id}.pdf`))).toBe(false);
    for (const a of result.manifest.articles.filter((x) => x.id !== id))
      expect(existsSync(path.join(out, `${a.id}.pdf`)), a.id).toBe(true);
    expect(existsSync(path.join(out, 'digest.pdf'))).toBe(true);
    const failed = (await queue.getJobs(['failed'])).find((j) => j.data.key === id);
    expect(failed?.failedReason).toMatch(/not a briefings page/u);
  }, 300_000);

  it('a coordinator killed mid-build, run again, fetches what the workers printed: none twice', async () => {
    texts('restart-in', 'district-resolution.txt', 'action-plan.txt', 'communique-numbered.txt');
    const before = allPrinting().length;
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'briefings.mjs'),
        'build',
        'restart-in',
        '--out',
        'restart',
        '--queue',
        redis.url,
        '--json',
      ],
      { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let printedBeforeKill = 0;
    await new Promise<void>((resolve, reject) => {
      let rest = '';
      child.stdout.on('data', (chunk: Buffer) => {
        rest += chunk.toString();
        printedBeforeKill = (rest.match(/"type":"pdf",.*"status":"printed"/gu) ?? []).length;
        if (printedBeforeKill > 0) child.kill('SIGKILL');
      });
      child.once('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`the coordinator ended by itself (${code})`)),
      );
    });
    expect(printedBeforeKill).toBeGreaterThan(0);
    const again = await build({ cwd: work, inputs: ['restart-in'], outDir: 'restart', config: { queue: redis.url } });
    expect(again.exitCode).toBe(0);
    expect(pdfsIn(path.join(work, 'restart')).length).toBe(again.manifest.articles.length + 1);
    const printed = allPrinting().slice(before);
    expect(new Set(printed).size).toBe(printed.length);
  }, 300_000);

  it('a worker killed with SIGKILL while it prints loses nothing: its job is printed by the other', async () => {
    texts('kill-in', 'press-conference-four-questions.txt', 'commentary-column.txt');
    const seen = workers.map((w) => w.lines.length);
    const building = build({ cwd: work, inputs: ['kill-in'], outDir: 'kill', config: { queue: redis.url } });
    const victim = await Promise.any(
      workers.map(async (w, i) => {
        await w.waitFor(/^printing /u, { timeoutMs: 240_000, from: seen[i] });
        return i;
      }),
    );
    const line = workers[victim]!.lines.slice(seen[victim]).find((l) => l.startsWith('printing '))!;
    const jobId = /\((pdf-[0-9a-f]+)\)/u.exec(line)![1]!;
    killed.push(workers[victim]!.pid);
    workers[victim]!.child.kill('SIGKILL');
    const result = await building;
    expect(result.exitCode).toBe(0);
    expect(pdfsIn(path.join(work, 'kill')).length).toBe(result.manifest.articles.length + 1);
    const survivor = workers[1 - victim]!;
    expect(survivor.printing()).toContain(jobId);
    workers = [survivor];
  }, 300_000);
});
