// Sends pending segments to a translation engine: cache first, then at most `concurrency` requests at once (p-limit),
// each with its own timeout, retried with exponential back-off (p-retry) on network errors, timeouts, HTTP 429
// (waiting at least its Retry-After) and 5xx, never on other 4xx or malformed answers. Mutates the segments it fills.
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import pRetry from 'p-retry';
import type { Segment } from '../domain/types.ts';
import type { GlossaryEntry, TranslationEngine, TranslationRequest } from './engine.ts';
import { checkTranslation } from './checkTranslation.ts';
import { translationCacheKey, type TranslationCache } from './engineCache.ts';
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

/** Longest wait between two attempts, whatever the back-off or the server's Retry-After says. */
const MAX_WAIT_MS = 60_000;

/** One call, aborted after `timeoutMs` or on cancel; raced as well, for an engine that ignores its signal. */
async function attempt(
  engine: TranslationEngine,
  request: TranslationRequest,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<string> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
  const aborted = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
  );
  aborted.catch(() => {});
  try {
    return await Promise.race([engine.translate(request, signal), aborted]);
  } catch (error) {
    if (outer?.aborted) throw new EngineError(`${engine.name}: cancelled`, { kind: 'aborted', retryable: false });
    if (timeout.aborted)
      throw new EngineError(`${engine.name}: no answer within ${timeoutMs} ms`, { kind: 'timeout', retryable: true });
    throw error;
  }
}

const shortZh = (zh: string) => (zh.length > 24 ? `${zh.slice(0, 24)}…` : zh);

function noteFor(engineName: string, problems: string[]): string {
  return [engineName, ...problems.map((p) => `check: ${p}`)].join('; ');
}

const byTerm = (a: GlossaryEntry, b: GlossaryEntry) =>
  a.zh < b.zh ? -1 : a.zh > b.zh ? 1 : a.en < b.en ? -1 : a.en > b.en ? 1 : 0;

/** Groups pending segments by id (equal texts share an id, and so one request with the union of their glossaries). */
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
  // One order for the same terms, so that the prompt and its cache key do not depend on the order of articles.
  for (const job of jobs.values()) job.request.glossary.sort(byTerm);
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
    const problems = checkTranslation(job.request.zh, en, job.request.glossary);
    const note = noteFor(engine.name, problems);
    for (const segment of job.segments) {
      segment.enNote = note;
      // An answer that fails a check is a draft for translators, never shown as the translation.
      if (problems.length > 0) {
        segment.enDraft = en;
        continue;
      }
      segment.en = en;
      segment.enStatus = 'engine';
    }
  };

  const queue: { job: Job; key: string }[] = [];
  for (const job of jobsOf(items)) {
    const key = translationCacheKey(engine, job.request);
    const hit = cache?.get(engine.name, key);
    if (hit !== undefined && hit.trim() !== '') {
      apply(job, hit);
      stats.cached += job.segments.length;
    } else queue.push({ job, key });
  }

  const ask = async (job: Job) => {
    const en = (await attempt(engine, job.request, timeoutMs, signal)).trim();
    if (en === '') throw new EngineError(`${engine.name}: empty translation`, { kind: 'malformed', retryable: false });
    return en;
  };

  const run = async ({ job, key }: { job: Job; key: string }) => {
    let attempts = 0;
    try {
      const en = await pRetry(
        () => {
          attempts += 1;
          stats.requests += 1;
          return ask(job);
        },
        {
          retries,
          minTimeout: backoffMs,
          factor: 2,
          maxTimeout: MAX_WAIT_MS,
          signal,
          shouldRetry: ({ error }) => isRetryable(error),
          // p-retry waits backoffMs · 2^retriesConsumed next; a longer Retry-After is waited out here first.
          onFailedAttempt: async ({ error, retriesLeft, retriesConsumed }) => {
            const hinted = error instanceof EngineError ? error.retryAfterMs : undefined;
            if (hinted === undefined || retriesLeft === 0 || !isRetryable(error)) return;
            const backoff = Math.min(backoffMs * 2 ** retriesConsumed, MAX_WAIT_MS);
            const extra = Math.min(hinted, MAX_WAIT_MS) - backoff;
            if (extra > 0) await sleep(extra, undefined, { signal });
          },
        },
      );
      cache?.set(engine.name, key, en, job.request.zh);
      apply(job, en);
      stats.translated += job.segments.length;
    } catch (error) {
      stats.failed += job.segments.length;
      const reason = signal?.aborted ? 'cancelled' : error instanceof Error ? error.message : String(error);
      onMessage?.(
        `segment ${job.request.segmentId} (${shortZh(job.request.zh)}) not translated after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`,
      );
    }
  };

  const limit = pLimit(Math.max(1, Math.floor(concurrency) || 1));
  try {
    await Promise.all(queue.map((entry) => limit(run, entry)));
  } finally {
    try {
      await cache?.flush();
    } catch (error) {
      onMessage?.(`engine cache not saved: ${(error as Error).message}`);
    }
  }
  return stats;
}
