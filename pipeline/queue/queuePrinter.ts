// The coordinator's side of the queue: a PdfPrinter whose print() sends the page to the workers and waits for its
// PDF, so the PDF step, the incremental cache and the digest's repagination work as with the local browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { PdfJob, PdfPrinter } from '../render/browser.ts';
import { writeFileAtomic } from '../publish/writeFiles.ts';
import { outputAssetFingerprint, PROJECT_VERSION } from './assets.ts';
import { connectRedis, ready, redactUrl } from './connection.ts';
import {
  QUEUE_DEFAULTS,
  QUEUE_NAME,
  renderJobId,
  resultKey,
  type RenderJobData,
  type RenderJobResult,
} from './renderJob.ts';

export interface QueuePrinterOptions {
  url: string;
  attempts?: number;
  resultTtlMs?: number;
  idleTimeoutMs?: number;
  /** How long opening may wait for Redis. */
  connectTimeoutMs?: number;
  /** How long Redis may stay away mid-build before the pages still waiting fail (or go to `fallback`). */
  lostAfterMs?: number;
  /** Prints here what the queue can no longer take (Redis gone mid-build) when the config says `local`. */
  fallback?: () => Promise<PdfPrinter>;
  onWarning?: (reason: string) => void;
}

export interface QueueStats {
  /** Jobs this printer added to the queue. */
  enqueued: number;
  /** Jobs already in the queue (another or an earlier coordinator's) that it waited for instead. */
  joined: number;
  /** PDFs fetched from results kept in Redis, with no job at all. */
  fromResults: number;
  /** PDFs printed by the fallback printer. */
  local: number;
}

export interface QueuePrinter extends PdfPrinter {
  stats(): QueueStats;
}

/** Redis went away while pages were waiting: what the fallback printer takes over, if there is one. */
class QueueLostError extends Error {}

const isPdf = (bytes: Buffer | null): bytes is Buffer =>
  bytes !== null && bytes.subarray(0, 5).toString('latin1') === '%PDF-';

export async function createQueuePrinter(options: QueuePrinterOptions): Promise<QueuePrinter> {
  const url = options.url;
  const shown = redactUrl(url);
  const attempts = options.attempts ?? QUEUE_DEFAULTS.attempts;
  const resultTtlMs = options.resultTtlMs ?? QUEUE_DEFAULTS.resultTtlMs;
  const idleTimeoutMs = options.idleTimeoutMs ?? QUEUE_DEFAULTS.idleTimeoutMs;
  const lostAfterMs = options.lostAfterMs ?? 30_000;
  let lastError: Error | null = null;
  const commands = connectRedis(url, 'commands', (error) => (lastError = error));
  const blocking = connectRedis(url, 'events', (error) => (lastError = error));
  const queue = new Queue<RenderJobData, RenderJobResult>(QUEUE_NAME, { connection: commands });
  // One 'closing' listener per waiting job (BullMQ's waitUntilFinished): a build waits for hundreds.
  queue.setMaxListeners(0);
  queue.on('error', (error) => (lastError = error));
  let events: QueueEvents | null = null;
  const close = async () => {
    // Closing talks to Redis; when Redis is gone it would wait for ever, so it gets two seconds.
    const closing = Promise.all([events?.close(), queue.close()]).catch(() => undefined);
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    commands.disconnect();
    blocking.disconnect();
  };
  // Both connections retry while Redis is away: without a deadline a build would wait here for ever.
  const inTime = async <T>(work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`cannot reach Redis at ${shown} (${lastError?.message ?? 'no answer'})`)),
        options.connectTimeoutMs ?? 10_000,
      );
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  };
  try {
    await inTime(Promise.all([queue.waitUntilReady(), ready(blocking)]));
    // Made only once Redis answers: BullMQ's events object cannot be closed before its connection was ready once.
    events = new QueueEvents(QUEUE_NAME, { connection: blocking });
    events.setMaxListeners(0);
    events.on('error', (error) => (lastError = error));
    await inTime(events.waitUntilReady());
    // Workers of the same queue name on another database of this Redis do not serve this one.
    const db = String(commands.options.db ?? 0);
    const workers = await queue
      .getWorkers()
      .then((list) => list.filter((w) => w.db === undefined || w.db === db).length)
      .catch(() => -1);
    if (workers === 0)
      options.onWarning?.(
        `no worker is connected to ${shown}: the PDFs wait until one starts (briefings worker --queue ${shown})`,
      );
  } catch (error) {
    await close();
    throw error;
  }
  const queueEvents = events;

  const stats: QueueStats = { enqueued: 0, joined: 0, fromResults: 0, local: 0 };
  const assetHashes = new Map<string, string>();
  /** Pages waiting for a worker: each can be failed from outside (no progress for too long, Redis gone). */
  const waiting = new Set<(error: Error) => void>();
  const failWaiting = (error: Error) => {
    for (const reject of waiting) reject(error);
    waiting.clear();
  };
  // Any job starting or finishing (ours or another coordinator's) shows that workers are alive.
  let lastProgress = Date.now();
  const progressed = () => (lastProgress = Date.now());
  queueEvents.on('active', progressed);
  queueEvents.on('completed', progressed);
  queueEvents.on('failed', progressed);
  let awaySince: number | null = null;
  const watchdog = setInterval(() => {
    const now = Date.now();
    awaySince = commands.status === 'ready' && blocking.status === 'ready' ? null : (awaySince ?? now);
    if (awaySince !== null && now - awaySince >= lostAfterMs)
      failWaiting(new QueueLostError(`lost the queue at ${shown}: ${lastError?.message ?? 'connection closed'}`));
    else if (waiting.size > 0 && now - lastProgress >= idleTimeoutMs)
      failWaiting(
        new Error(
          `no worker started or finished a job for ${Math.round(idleTimeoutMs / 1000)} s on ${shown}: ` +
            `is a worker running (briefings worker --queue ${shown})?`,
        ),
      );
  }, 1_000);
  watchdog.unref();

  const fetchResult = async (id: string) => {
    const bytes = await commands.getBuffer(resultKey(id));
    return isPdf(bytes) ? bytes : null;
  };

  const waitFor = (job: Job<RenderJobData, RenderJobResult>) =>
    new Promise<void>((resolve, reject) => {
      const stop = (error: Error) => reject(error);
      waiting.add(stop);
      job.waitUntilFinished(queueEvents).then(
        () => {
          waiting.delete(stop);
          resolve();
        },
        (error: Error) => {
          waiting.delete(stop);
          reject(error);
        },
      );
    });

  const viaQueue = async (printJob: PdfJob): Promise<Buffer> => {
    const html = readFileSync(printJob.htmlPath, 'utf8');
    const dir = path.dirname(printJob.htmlPath);
    let assetHash = assetHashes.get(dir);
    if (!assetHash) assetHashes.set(dir, (assetHash = outputAssetFingerprint(dir)));
    const id = renderJobId(html, printJob.title, assetHash);
    // A page finished earlier (a coordinator restarted mid-build, a build of the same page) is fetched, not printed.
    const kept = await fetchResult(id);
    if (kept) {
      stats.fromResults += 1;
      return kept;
    }
    const key = path.basename(printJob.htmlPath, '.html');
    const data: RenderJobData = { key, title: printJob.title, html, assetHash, version: PROJECT_VERSION, resultTtlMs };
    let job: Job<RenderJobData, RenderJobResult>;
    try {
      const existing = await queue.getJob(id);
      const state = existing ? await existing.getState() : 'unknown';
      // Finished between the two looks: its PDF is there after all.
      const done = state === 'completed' ? await fetchResult(id) : null;
      if (done) {
        stats.fromResults += 1;
        return done;
      }
      // A job that failed before, or finished but whose PDF has expired, is asked for again.
      if (existing && (state === 'failed' || state === 'completed')) await existing.remove();
      else if (existing) stats.joined += 1;
      job = await queue.add(key, data, {
        jobId: id,
        attempts,
        backoff: { type: 'fixed', delay: 500 },
        removeOnComplete: { age: Math.ceil(resultTtlMs / 1000) },
        removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
      });
      if (!existing || state === 'failed' || state === 'completed') stats.enqueued += 1;
    } catch (error) {
      throw new QueueLostError(`queue at ${shown}: ${(error as Error).message}`, { cause: error });
    }
    await waitFor(job);
    const pdf = await fetchResult(id);
    if (!pdf) throw new Error(`${key}: the worker finished the job but its PDF is no longer in Redis`);
    return pdf;
  };

  let fallbackPrinter: Promise<PdfPrinter> | null = null;
  return {
    async print(printJob) {
      let pdf: Buffer;
      try {
        pdf = await viaQueue(printJob);
      } catch (error) {
        // Any failure while Redis is away is the queue's, not the page's.
        const away = commands.status !== 'ready' || blocking.status !== 'ready';
        if (!(error instanceof QueueLostError || away) || !options.fallback) throw error;
        if (!fallbackPrinter) {
          const reason = error instanceof QueueLostError ? error.message : `lost the queue at ${shown}`;
          options.onWarning?.(`${reason}; printing the remaining PDFs here`);
          fallbackPrinter = options.fallback();
        }
        await (await fallbackPrinter).print(printJob);
        stats.local += 1;
        return;
      }
      writeFileAtomic(printJob.pdfPath, pdf);
    },
    stats: () => ({ ...stats }),
    async close() {
      clearInterval(watchdog);
      failWaiting(new Error('the PDF step closed the queue'));
      await close();
      if (fallbackPrinter) await (await fallbackPrinter).close();
    },
  };
}
