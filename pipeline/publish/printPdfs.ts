// The PDF step: pages whose fingerprint is unchanged are copied from the last build, the rest printed through the
// browser adapter (one session for the build, closed whatever happens). A failed print fails only its own page.
import { copyFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PdfPrinter } from '../render/browser.ts';
import { reusablePdf, type BuildRecord } from './pdfRecord.ts';
import { linkFileAtomic } from './writeFiles.ts';

export interface PdfPage {
  /** Article id or `digest`; the files are <key>.html and <key>.pdf in the output folder. */
  key: string;
  /** The input file the page belongs to (for failures). */
  file: string;
  title: string;
  /**
   * Run on the printed PDF before the page counts as printed (the digest writes its contents' page numbers); a
   * failure fails the page.
   */
  afterPrint?: (pdfPath: string) => Promise<void>;
}

export interface PdfOutcome {
  reused: number;
  printed: number;
  failures: { page: PdfPage; reason: string }[];
}

export async function printPdfs(
  pages: PdfPage[],
  options: {
    outDir: string;
    previousDir: string | null;
    previous: BuildRecord;
    /** This build's record; a failed page's fingerprint is removed so the next build prints it again. */
    record: BuildRecord;
    open: () => Promise<PdfPrinter>;
    /** Called once the reused pages are known, and after each page printed or failed. */
    onStart?: (toPrint: number, reused: number) => void;
    onPage?: (page: PdfPage, status: 'printed' | 'failed', ms: number, reason?: string) => void;
  },
): Promise<PdfOutcome> {
  const { outDir, previousDir, previous, record } = options;
  const outcome: PdfOutcome = { reused: 0, printed: 0, failures: [] };
  const toPrint: PdfPage[] = [];
  for (const page of pages) {
    const from = reusablePdf(previous, previousDir, page.key, record.pdf[page.key]);
    if (!from) {
      toPrint.push(page);
      continue;
    }
    const to = path.join(outDir, `${page.key}.pdf`);
    // A release reuses the last one's PDF as a hard link (a copy where links are refused).
    if (from !== to && !linkFileAtomic(from, to)) copyFileSync(from, to);
    outcome.reused += 1;
  }
  options.onStart?.(toPrint.length, outcome.reused);
  if (toPrint.length === 0) return outcome;
  // Longest first (by HTML size): the digest starts at once beside the articles instead of printing alone at the end.
  const sizeOf = (page: PdfPage) => {
    try {
      return statSync(path.join(outDir, `${page.key}.html`)).size;
    } catch {
      return 0;
    }
  };
  const sizes = new Map(toPrint.map((page) => [page, sizeOf(page)]));
  toPrint.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const fail = (page: PdfPage, reason: string, ms = 0) => {
    options.onPage?.(page, 'failed', ms, reason);
    // No stale PDF survives a failed print, and the next build tries again.
    rmSync(path.join(outDir, `${page.key}.pdf`), { force: true });
    delete record.pdf[page.key];
    outcome.failures.push({ page, reason });
  };
  let printer: PdfPrinter;
  try {
    printer = await options.open();
  } catch (error) {
    for (const page of toPrint) fail(page, `no browser: ${(error as Error).message}`);
    return outcome;
  }
  try {
    await Promise.all(
      toPrint.map(async (page) => {
        const started = performance.now();
        try {
          const job = {
            htmlPath: path.join(outDir, `${page.key}.html`),
            pdfPath: path.join(outDir, `${page.key}.pdf`),
            title: page.title,
          };
          await printer.print(job);
          await page.afterPrint?.(job.pdfPath);
          outcome.printed += 1;
          options.onPage?.(page, 'printed', performance.now() - started);
        } catch (error) {
          fail(page, (error as Error).message, performance.now() - started);
        }
      }),
    );
  } finally {
    await printer.close();
  }
  return outcome;
}
