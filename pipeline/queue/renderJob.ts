// One render job: a page's HTML and the fingerprint of the assets it links in, its PDF out. The job id is the hash
// of what it prints, so the same page asked twice (a retry, a restarted coordinator, two builds) is one job.
import { createHash } from 'node:crypto';

/** The BullMQ queue every coordinator and worker of a Redis database share. */
export const QUEUE_NAME = 'briefings-pdf';

export interface RenderJobData {
  /** Article id or `digest` (for logs and errors; the PDF does not depend on it). */
  key: string;
  title: string;
  html: string;
  /** assetFingerprint() of the stylesheet and fonts the HTML links: the worker must reproduce it. */
  assetHash: string;
  /** The coordinator's project version, named in the error when the worker's assets differ. */
  version: string;
  /** How long the worker keeps the PDF in Redis for the coordinator (and a restarted one) to fetch. */
  resultTtlMs: number;
}

export interface RenderJobResult {
  /** Size of the PDF stored at resultKey(jobId). */
  bytes: number;
  /** host:pid of the worker that printed it. */
  worker: string;
  ms: number;
}

/** The content hash of a page as printed: its HTML, its title and its assets. */
export function renderJobId(html: string, title: string, assetHash: string): string {
  const hash = createHash('sha256').update(assetHash).update('\n').update(title).update('\n').update(html);
  return `pdf-${hash.digest('hex')}`;
}

/** Where a job's PDF waits for its coordinator (a plain key with a time to live, not the job's return value). */
export function resultKey(jobId: string): string {
  return `briefings:result:${jobId}`;
}

/** Tunables shared by coordinator and worker, with the production defaults. */
export const QUEUE_DEFAULTS = {
  /** A worker that stops renewing its lock this long (killed, frozen) loses the job to another worker. */
  stallMs: 30_000,
  /** Tries of one job before it goes to the failed set (stalls count apart, see maxStalledCount). */
  attempts: 3,
  /** Results stay in Redis this long (a coordinator restarted within it fetches instead of printing). */
  resultTtlMs: 6 * 60 * 60 * 1000,
  /** A build with jobs pending fails them after this long without any job finishing (no worker running). */
  idleTimeoutMs: 10 * 60 * 1000,
  /** A worker gives up on one print after this long (the local browser allows 60 s to load and 120 s to print). */
  printTimeoutMs: 240_000,
} as const;
