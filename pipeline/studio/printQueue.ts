// PDFs in the background: one browser for the whole server (opened on first use, closed with it), one print at a
// time on a shared machine. Each source's latest version is printed; a change while printing queues the new one.
import { renameSync, rmSync } from 'node:fs';
import type { ChromiumSession, PdfJob } from '../render/browser.ts';

export interface PrintStatus {
  state: 'idle' | 'waiting' | 'printing' | 'done' | 'failed';
  /** The version of the source's pages the PDFs on disk show (each re-render of the pages is a new version). */
  printed: number;
  /** The version being printed or waiting, while state is waiting or printing. */
  next: number | null;
  done: number;
  total: number;
  error: string | null;
}

interface Pending {
  version: number;
  /** The pages to print, made when printing starts; null when the version is no longer current. */
  jobs: () => PdfJob[] | null;
}

export class PrintQueue {
  private readonly open: () => Promise<ChromiumSession>;
  private session: Promise<ChromiumSession> | null = null;
  private readonly status = new Map<string, PrintStatus>();
  private readonly pending = new Map<string, Pending>();
  private readonly waiters: { key: string; version: number; resolve: (s: PrintStatus) => void }[] = [];
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Keys someone waits for: printed at once, not after the pause that lets a burst of corrections settle. */
  private readonly urgent = new Set<string>();
  private readonly settleMs: number;

  constructor(open: () => Promise<ChromiumSession>, settleMs = 1200) {
    this.open = open;
    this.settleMs = settleMs;
  }

  private async shared(): Promise<ChromiumSession> {
    this.session ??= this.open();
    try {
      return await this.session;
    } catch (error) {
      this.session = null; // a browser that failed to start is tried again next time
      throw error;
    }
  }

  /** The shared browser, for builds the studio runs (their close() leaves it open). */
  async browser(): Promise<ChromiumSession> {
    const session = await this.shared();
    return { print: (job) => session.print(job), inspect: (u, s) => session.inspect(u, s), close: async () => {} };
  }

  statusOf(key: string): PrintStatus {
    return this.status.get(key) ?? { state: 'idle', printed: 0, next: null, done: 0, total: 0, error: null };
  }

  /** Prints the pages `jobs` gives for `key` at `version`; an older version still waiting is replaced. */
  schedule(key: string, version: number, jobs: () => PdfJob[] | null): void {
    if (this.closed) return;
    const queued = this.pending.has(key);
    this.pending.set(key, { version, jobs });
    const s = this.statusOf(key);
    if (s.state !== 'printing')
      this.status.set(key, { ...s, state: 'waiting', next: version, done: 0, total: 0, error: null });
    if (!queued) this.chain = this.chain.then(() => this.run(key));
  }

  /** Resolves once `key` is printed at `version` or later, or printing it failed. */
  whenPrinted(key: string, version: number): Promise<PrintStatus> {
    const s = this.statusOf(key);
    if (s.printed >= version || (s.state === 'failed' && (s.next ?? 0) >= version)) return Promise.resolve(s);
    this.urgent.add(key);
    return new Promise((resolve) => this.waiters.push({ key, version, resolve }));
  }

  private settle(key: string, failedVersion: number | null): void {
    const s = this.statusOf(key);
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const w = this.waiters[i];
      if (w.key !== key || (s.printed < w.version && (failedVersion === null || failedVersion < w.version))) continue;
      this.waiters.splice(i, 1);
      w.resolve(s);
    }
  }

  private async run(key: string): Promise<void> {
    // Corrections come in bursts: wait for them to settle, then print the latest version only.
    for (let waited = 0; waited < this.settleMs && !this.urgent.has(key) && !this.closed; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const job = this.pending.get(key);
    if (!job || this.closed) return;
    this.pending.delete(key);
    const pages = job.jobs();
    if (pages === null) return;
    const s: PrintStatus = {
      ...this.statusOf(key),
      state: 'printing',
      next: job.version,
      done: 0,
      total: pages.length,
    };
    this.status.set(key, s);
    let failed: number | null = null;
    try {
      const session = await this.shared();
      for (const page of pages) {
        // Printed beside the final name and renamed: a download never gets half a PDF.
        const temp = `${page.pdfPath}.printing`;
        try {
          await session.print({ ...page, pdfPath: temp });
          renameSync(temp, page.pdfPath);
        } finally {
          rmSync(temp, { force: true });
        }
        s.done += 1;
      }
      Object.assign(s, { state: 'done', printed: job.version, next: null, error: null });
    } catch (error) {
      failed = job.version;
      Object.assign(s, { state: 'failed', error: (error as Error).message });
    }
    // A newer version came in while this one printed: it waits for its turn in the chain.
    const newer = this.pending.get(key);
    if (newer) Object.assign(s, { state: 'waiting', next: newer.version, done: 0, total: 0 });
    if (!newer) this.urgent.delete(key);
    this.settle(key, failed);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending.clear();
    await this.chain.catch(() => undefined);
    for (const w of this.waiters.splice(0)) w.resolve(this.statusOf(w.key));
    if (this.session) await (await this.session.catch(() => null))?.close();
    this.session = null;
  }
}
