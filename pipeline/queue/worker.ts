// A render worker: takes PDF jobs from the queue and prints them with one local browser (launchChromium: its pool of
// persistent pages, recycling and restarts), as many at once as the machine has cores. Runs until its signal aborts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { pidAlive } from '../publish/lock.ts';
import { documentParts, type PdfPrinter } from '../render/browser.ts';
import { installWorkerAssets, PROJECT_VERSION } from './assets.ts';
import { connectRedis, probeRedis, redactUrl } from './connection.ts';
import { QUEUE_DEFAULTS, QUEUE_NAME, resultKey, type RenderJobData, type RenderJobResult } from './renderJob.ts';

export interface WorkerOptions {
  url: string;
  /** Jobs printed at once (and the browser's pool size); default: the cores, os.availableParallelism(). */
  concurrency?: number;
  /** A job whose worker stops renewing its lock this long goes to another worker (BullMQ's stalled jobs). */
  stallMs?: number;
  /** One print given up after this long. */
  printTimeoutMs?: number;
  /** Opens the browser; default launchChromium with the worker's concurrency. */
  openPrinter?: (concurrency: number) => Promise<PdfPrinter>;
  out: (line: string) => void;
  err: (line: string) => void;
  signal: AbortSignal;
}

const WORKDIR_PREFIX = 'briefings-worker-';

/** Work folders (assets and pages in flight) of workers killed with kill -9: their pid is in the name. */
function removeStaleWorkdirs(tmp = os.tmpdir()): void {
  for (const name of readdirSync(tmp)) {
    const pid = new RegExp(`^${WORKDIR_PREFIX}(\\d+)-`, 'u').exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !pidAlive(Number(pid)))
      rmSync(path.join(tmp, name), { recursive: true, force: true });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not printed within ${Math.round(ms / 1000)} s`)), ms);
  });
  work.catch(() => undefined); // settles after the timeout won: nobody is waiting for it any more
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Starts a worker and resolves with exit code 0 once `signal` aborts and the jobs in hand are done. */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const { url, out, err } = options;
  const shown = redactUrl(url);
  // Unreachable Redis at start is the operator's to fix (exit code 2); later outages are waited through.
  await probeRedis(url);
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const stallMs = options.stallMs ?? QUEUE_DEFAULTS.stallMs;
  const printTimeoutMs = options.printTimeoutMs ?? QUEUE_DEFAULTS.printTimeoutMs;
  const name = `${os.hostname()}:${process.pid}`;
  removeStaleWorkdirs();
  const workdir = mkdtempSync(path.join(os.tmpdir(), `${WORKDIR_PREFIX}${process.pid}-`));
  let printer: PdfPrinter | null = null;
  let worker: Worker<RenderJobData, RenderJobResult> | null = null;
  let connection: ReturnType<typeof connectRedis> | null = null;
  try {
    // The worker's own assets, built from its install as a build would: jobs must carry their fingerprint.
    const assetHash = installWorkerAssets(workdir);
    printer = options.openPrinter
      ? await options.openPrinter(concurrency)
      : await (await import('../render/browser.ts')).launchChromium({ concurrency });
    const session = printer;
    let away = false;
    connection = connectRedis(url, 'worker', (error) => {
      if (away) return;
      away = true;
      err(`worker ${name}: lost Redis at ${shown} (${error.message}); reconnecting`);
    });
    connection.on('ready', () => {
      if (away) out(`worker ${name}: Redis at ${shown} is back`);
      away = false;
    });
    const redis = connection;

    const printJob = async (job: Job<RenderJobData, RenderJobResult>): Promise<RenderJobResult> => {
      const started = performance.now();
      const data = job.data;
      const id = job.id!;
      if (data.assetHash !== assetHash)
        throw new UnrecoverableError(
          `worker ${name} (briefings ${PROJECT_VERSION}) cannot reproduce the stylesheet and fonts of ${data.key} ` +
            `(sent by briefings ${data.version}): install the coordinator's version of briefings on the worker`,
        );
      if (!documentParts(data.html))
        throw new UnrecoverableError(
          `${data.key}: not a briefings page (no <html lang>, <title> and <body>…</body>); refused by ${name}`,
        );
      out(`printing ${data.key} (${id}) attempt ${job.attemptsMade + 1}`);
      const htmlPath = path.join(workdir, `${id}.html`);
      const pdfPath = path.join(workdir, `${id}.pdf`);
      writeFileSync(htmlPath, data.html);
      try {
        await withTimeout(session.print({ htmlPath, pdfPath, title: data.title }), printTimeoutMs, data.key);
        const pdf = readFileSync(pdfPath);
        await redis.set(resultKey(id), pdf, 'PX', data.resultTtlMs);
        return { bytes: pdf.length, worker: name, ms: Math.round(performance.now() - started) };
      } catch (error) {
        throw new Error(`worker ${name}: ${data.key}: ${(error as Error).message}`, { cause: error });
      } finally {
        rmSync(htmlPath, { force: true });
        rmSync(pdfPath, { force: true });
      }
    };

    worker = new Worker<RenderJobData, RenderJobResult>(QUEUE_NAME, printJob, {
      connection: redis,
      concurrency,
      name,
      lockDuration: stallMs,
      stalledInterval: Math.max(500, Math.round(stallMs / 2)),
      // A job may outlive two dead workers; a third stall (a page that kills every worker) fails it.
      maxStalledCount: 2,
      autorun: false,
    });
    worker.on('completed', (job, result) => out(`printed ${job.data.key} (${job.id}) in ${result.ms} ms`));
    worker.on('failed', (job, error) => err(`failed ${job?.data.key ?? '?'} (${job?.id ?? '?'}): ${error.message}`));
    worker.on('error', (error) => {
      if (!away) err(`worker ${name}: ${error.message}`);
    });
    const running = worker.run();
    await worker.waitUntilReady();
    out(
      `worker ${name} ready: queue ${shown}, ${concurrency} at once, stall timeout ${stallMs} ms, ` +
        `briefings ${PROJECT_VERSION}, assets ${assetHash.slice(0, 12)}`,
    );
    if (!options.signal.aborted)
      await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
    out(`worker ${name}: stopping after the jobs in hand`);
    await worker.close();
    await running;
    worker = null;
    return 0;
  } finally {
    await worker?.close(true).catch(() => undefined);
    connection?.disconnect();
    await printer?.close().catch(() => undefined);
    rmSync(workdir, { recursive: true, force: true });
  }
}
