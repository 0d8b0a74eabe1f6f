// The PDF step: pages whose fingerprint is unchanged are copied from the last build, the rest printed through the
// browser adapter (one session for the build, closed whatever happens). A failed print fails only its own page.
import { copyFileSync, rmSync } from 'node:fs';
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
   * For a page that lists page numbers of its own PDF (the digest's contents): given the printed PDF, rewrites the
   * HTML and says whether it changed, in which case the page is printed again (at most twice more).
   */
  repaginate?: (pdfPath: string) => Promise<boolean>;
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
          for (let pass = 0; page.repaginate && pass < 2 && (await page.repaginate(job.pdfPath)); pass += 1)
            await printer.print(job);
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
