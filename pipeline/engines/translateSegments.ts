// Sends pending segments to a translation engine: cache first, a concurrency limit, a timeout per request,
// retries with exponential back-off on network errors, HTTP 429 and 5xx. Mutates the segments it translates.
import type { Segment } from '../domain/types.ts';
import type { GlossaryEntry, TranslationEngine, TranslationRequest } from './engine.ts';
import { checkTranslation } from './checkTranslation.ts';
import type { TranslationCache } from './engineCache.ts';
import { EngineError, isRetryable } from './http.ts';

export interface TranslateItem {
  segment: Segment;
  glossary: GlossaryEntry[];
  context?: string;
}

export interface TranslateOptions {
  cache?: TranslationCache;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Per request (default 30000). */
  timeoutMs?: number;
  /** Further attempts after the first (default 2). */
  retries?: number;
  /** First back-off; doubles at each retry (default 500). */
  backoffMs?: number;
  /** Failures and cache trouble, one line each. Never holds the API key. */
  onMessage?: (message: string) => void;
  /** Cancels the whole run (no further attempts). */
  signal?: AbortSignal;
}

export interface TranslateStats {
  /** Segments translated by a fresh engine answer. */
  translated: number;
  /** Segments filled from the cache. */
  cached: number;
  /** Segments left pending after the last attempt. */
  failed: number;
  /** Calls made to the engine, retries included. */
  requests: number;
}

interface Job {
  request: TranslationRequest;
  segments: Segment[];
}

const MAX_RETRY_AFTER_MS = 60_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** One call with its own AbortController: aborted after `timeoutMs` (or when the run is cancelled). */
async function attempt(
  engine: TranslationEngine,
  request: TranslationRequest,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<string> {
  const controller = new AbortController();
  const cancel = () =>
    controller.abort(new EngineError(`${engine.name}: cancelled`, { kind: 'aborted', retryable: false }));
  if (outer?.aborted) cancel();
  outer?.addEventListener('abort', cancel, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Also races the call, in case an engine ignores its signal.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new EngineError(`${engine.name}: no answer within ${timeoutMs} ms`, {
        kind: 'timeout',
        retryable: true,
      });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const cancelled = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  cancelled.catch(() => {});
  try {
    return await Promise.race([engine.translate(request, controller.signal), timeout, cancelled]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', cancel);
  }
}

const shortZh = (zh: string) => (zh.length > 24 ? `${zh.slice(0, 24)}…` : zh);

function noteFor(engineName: string, problems: string[]): string {
  return [engineName, ...problems.map((p) => `check: ${p}`)].join('; ');
}

/** Groups pending segments by id (equal texts share an id, and so one request). */
function jobsOf(items: readonly TranslateItem[]): Job[] {
  const jobs = new Map<string, Job>();
  for (const { segment, glossary, context } of items) {
    if (segment.enStatus !== 'pending' || segment.zh.trim() === '') continue;
    const job = jobs.get(segment.id);
    if (!job) {
      jobs.set(segment.id, {
        request: { segmentId: segment.id, zh: segment.zh, glossary: [...glossary], context },
        segments: [segment],
      });
      continue;
    }
    if (!job.segments.includes(segment)) job.segments.push(segment);
    for (const g of glossary)
      if (!job.request.glossary.some((h) => h.zh === g.zh && h.en === g.en)) job.request.glossary.push(g);
  }
  return [...jobs.values()];
}

export async function translateSegments(
  items: readonly TranslateItem[],
  engine: TranslationEngine,
  options: TranslateOptions = {},
): Promise<TranslateStats> {
  const { cache, concurrency = 2, timeoutMs = 30_000, retries = 2, backoffMs = 500, onMessage, signal } = options;
  const stats: TranslateStats = { translated: 0, cached: 0, failed: 0, requests: 0 };

  const apply = (job: Job, en: string) => {
    const note = noteFor(engine.name, checkTranslation(job.request.zh, en, job.request.glossary));
    for (const segment of job.segments) {
      segment.en = en;
      segment.enStatus = 'engine';
      segment.enNote = note;
    }
  };

  const queue: Job[] = [];
  for (const job of jobsOf(items)) {
    const hit = cache?.get(engine.name, job.request.segmentId);
    if (hit !== undefined && hit.trim() !== '') {
      apply(job, hit);
      stats.cached += job.segments.length;
    } else queue.push(job);
  }

  const run = async (job: Job) => {
    let lastError: unknown;
    let attempts = 0;
    for (let n = 0; n <= retries; n += 1) {
      if (signal?.aborted) break;
      if (n > 0) {
        const hinted =
          lastError instanceof EngineError && lastError.retryAfterMs !== undefined
            ? Math.min(lastError.retryAfterMs, MAX_RETRY_AFTER_MS)
            : 0;
        await sleep(Math.max(backoffMs * 2 ** (n - 1), hinted), signal);
        if (signal?.aborted) break;
      }
      attempts += 1;
      stats.requests += 1;
      try {
        const en = (await attempt(engine, job.request, timeoutMs, signal)).trim();
        if (en === '') {
          lastError = new EngineError(`${engine.name}: empty translation`, { kind: 'malformed', retryable: false });
          break;
        }
        cache?.set(engine.name, job.request.segmentId, en, job.request.zh);
        apply(job, en);
        stats.translated += job.segments.length;
        return;
      } catch (error) {
        lastError = error;
        if (!isRetryable(error)) break;
      }
    }
    stats.failed += job.segments.length;
    const reason = signal?.aborted ? 'cancelled' : lastError instanceof Error ? lastError.message : String(lastError);
    onMessage?.(
      `segment ${job.request.segmentId} (${shortZh(job.request.zh)}) not translated after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`,
    );
  };

  let next = 0;
  const worker = async () => {
    while (next < queue.length) await run(queue[next++]);
  };
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(Math.floor(concurrency) || 1, queue.length)) }, worker),
    );
  } finally {
    try {
      await cache?.flush();
    } catch (error) {
      onMessage?.(`engine cache not saved: ${(error as Error).message}`);
    }
  }
  return stats;
}
