// The one orchestrator: the order of work and nothing else. Inputs → text pipeline → engine → render → PDFs →
// site files → release. Each step lives in its own module; a failing input does not stop the others.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFileMessage } from 'vfile-message';
import { articleSegments } from './bilingual/index.ts';
import type { BuildEvent } from './buildEvents.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { diagnostic } from './domain/diagnostics.ts';
import { LABELS } from './domain/labels.ts';
import { createEngine } from './engines/createEngine.ts';
import type { TranslationEngine } from './engines/engine.ts';
import { translateArticles } from './engines/translateArticles.ts';
import { readInput, readMeta, readReview, resolveInputs } from './inputs.ts';
import { buildManifest, type FailedInput, type Manifest } from './manifest.ts';
import { installFonts } from './publish/fonts.ts';
import { acquireLock } from './publish/lock.ts';
import { emptyRecord, pageFingerprint, readRecord, styleFingerprintOf, writeRecord } from './publish/pdfRecord.ts';
import { articleStartPages, readTopLevelOutline } from './publish/pdfOutline.ts';
import { printPdfs, type PdfPage } from './publish/printPdfs.ts';
import {
  currentRelease,
  discardRelease,
  markReleaseComplete,
  newReleaseDir,
  pruneReleases,
  removeIncompleteReleases,
  switchCurrent,
} from './publish/releases.ts';
import { writeSiteOutputs } from './publish/siteOutputs.ts';
import { writeFileAtomic } from './publish/writeFiles.ts';
import type { ChromiumSession, PdfPrinter } from './render/browser.ts';
import { renderArticlePages, type RenderedPage } from './render/renderArticlePages.ts';
import { loadTemplates } from './render/templates.ts';
import { loadLocalTerms, localTermsFile } from './review/localTerms.ts';
import { buildTextResources } from './review/textResources.ts';
import { processSource, type ProcessedSource } from './textPipeline.ts';
import { loadReviewed } from './xliff/reviewedStore.ts';

export { UsageError } from './inputs.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VERSION: string = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

export interface BuildOptions {
  /** Files or folders; in a folder every *.txt is an input. Default: seeds/. */
  inputs?: string[];
  outDir?: string;
  /** Publish a release under DIR/releases/ and switch DIR/current to it when the build is done. */
  publishDir?: string;
  pdf?: boolean;
  cwd?: string;
  config?: Partial<Config>;
  /** Adapter that opens the browser; tests and callers may pass their own. */
  openChromium?: () => Promise<ChromiumSession>;
  /** Called for every diagnostic as it happens (the CLI prints them). */
  onMessage?: (message: VFileMessage) => void;
  /** Called as the build goes: start, each input, each PDF, end (progress bars and schedulers). */
  onProgress?: (event: BuildEvent) => void;
}

export interface BuildTimings {
  textMs: number;
  htmlMs: number;
  pdfMs: number;
  totalMs: number;
}

export interface BuildResult {
  manifest: Manifest;
  messages: VFileMessage[];
  failed: FailedInput[];
  outDir: string;
  timings: BuildTimings;
  exitCode: 0 | 1;
}

const now = () => performance.now();

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = now();
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig(cwd, options.config);
  const messages: VFileMessage[] = [];
  const report = (list: VFileMessage[]) => {
    for (const m of list) {
      messages.push(m);
      options.onMessage?.(m);
    }
  };
  const inputMessages: VFileMessage[] = [];
  const inputs = resolveInputs(options.inputs?.length ? options.inputs : ['seeds'], cwd, inputMessages);
  report(inputMessages);
  // Everything that can be a usage or configuration error is settled before a file is written.
  let engine: TranslationEngine | null;
  try {
    engine = createEngine(config.engine);
  } catch (error) {
    throw new ConfigError(`briefings.config.json: engine: ${(error as Error).message}`, { cause: error });
  }
  let reviewed: ReturnType<typeof loadReviewed>;
  let localTerms: ReturnType<typeof loadLocalTerms>;
  try {
    reviewed = loadReviewed(path.resolve(cwd, config.reviewedFile));
    localTerms = loadLocalTerms(localTermsFile(cwd, config.reviewedFile));
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
  // PDFs by the workers of a queue when one is configured; Redis unreachable is a ConfigError, or local printing.
  const openLocal =
    options.openChromium ??
    (async () => (await import('./render/browser.ts')).launchChromium({ concurrency: config.pdfConcurrency }));
  const queueWarning = (reason: string) =>
    report([diagnostic({ file: '<queue>', rule: 'queue', severity: 'warning', reason })]);
  let openQueue: (() => Promise<PdfPrinter>) | null = null;
  if (config.queue && options.pdf !== false) {
    const { queuePrinterFor } = await import('./queue/index.ts');
    openQueue = await queuePrinterFor({ ...config, queue: config.queue }, openLocal, queueWarning);
  }
  // Staff corrections (NAME.review.json): one that cannot be read is a usage error, before anything is written.
  const reviews = new Map(inputs.map((input) => [input.file, readReview(input.path)]));
  const publishDir = options.publishDir ? path.resolve(cwd, options.publishDir) : null;
  const target = publishDir ?? path.resolve(cwd, options.outDir ?? 'output');
  // One run at a time per folder; a second run exits with code 3 (LockHeldError) instead of mixing files.
  const release = acquireLock(target);
  let outDir = target;
  let complete = false;
  try {
    if (publishDir) {
      // Under the lock no other run writes here: what failed or killed runs left goes before a new release.
      removeIncompleteReleases(publishDir);
      outDir = newReleaseDir(publishDir);
    }
    const result = await buildLocked();
    complete = true;
    return result;
  } finally {
    // A release that did not finish is not left behind for rollback to find (the live one never goes).
    if (publishDir && !complete && outDir !== target) discardRelease(outDir);
    release();
  }

  async function buildLocked(): Promise<BuildResult> {
    const progress = (event: BuildEvent) => options.onProgress?.(event);
    progress({ type: 'start', inputs: inputs.length, outDir, at: new Date().toISOString() });
    const previousDir = publishDir ? currentRelease(publishDir) : outDir;
    const previous = readRecord(previousDir);
    const record = emptyRecord();
    const resources = buildTextResources(reviewed, localTerms);
    const failed: FailedInput[] = [];
    const fail = (file: string, reason: string) => {
      if (!failed.some((f) => f.file === file)) failed.push({ file, reason });
    };
    /** One input's trouble is that input's failure: the others go on. */
    const isolate = (file: string, what: string, error: unknown) => {
      const reason = `${what} failed: ${(error as Error).message}`;
      report([diagnostic({ file, rule: what, severity: 'error', reason })]);
      fail(file, reason);
    };

    // Text stages, one input at a time.
    let processed: ProcessedSource[] = [];
    for (const [index, input] of inputs.entries()) {
      const local: VFileMessage[] = [];
      const inputStarted = now();
      const tell = (status: 'built' | 'failed', articles: number) =>
        progress({
          type: 'input',
          file: input.file,
          status,
          articles,
          ms: Math.round(now() - inputStarted),
          reason: failed.find((f) => f.file === input.file)?.reason,
          done: index + 1,
          total: inputs.length,
        });
      try {
        const meta = readMeta(input.path, local);
        const bytes = readInput(input, config.maxInputBytes);
        const result = processSource(input.file, bytes, meta, resources, reviews.get(input.file));
        report([...local, ...result.messages]);
        if (result.value) {
          processed.push(result.value);
          tell('built', result.value.articles.length);
        } else {
          const reasons = result.messages.filter((m) => m.fatal === true).map((m) => m.reason);
          fail(input.file, reasons.join('; ') || 'failed');
          tell('failed', 0);
        }
      } catch (error) {
        report(local);
        isolate(input.file, 'text stages', error);
        tell('failed', 0);
      }
    }
    if (engine) {
      const stats = await translateArticles(
        processed.flatMap((p) => p.articles),
        engine,
        config.engine,
        {
          cacheRoot: path.resolve(cwd, (config.engine as { cacheDir?: string }).cacheDir ?? '.briefings/cache'),
          onMessage: (line) =>
            report([diagnostic({ file: '<engine>', rule: 'engine', severity: 'warning', reason: line })]),
        },
      );
      const reason = `${engine.name}: ${stats.translated} translated, ${stats.cached} from cache, ${stats.failed} failed, ${stats.requests} requests`;
      report([diagnostic({ file: '<engine>', rule: 'engine', severity: 'info', reason })]);
    }
    const textDone = now();

    // Render: Markdown and HTML per article (a failing source is dropped whole), assets, the digest.
    const templates = loadTemplates(path.join(PROJECT_ROOT, 'templates'));
    const css = readFileSync(path.join(PROJECT_ROOT, 'templates', 'styles', 'briefing.css'));
    const fontsCss = installFonts(path.join(outDir, 'assets'));
    writeFileAtomic(path.join(outDir, 'assets', 'briefing.css'), css);
    writeFileAtomic(path.join(outDir, 'assets', 'fonts', 'fonts.css'), fontsCss);
    const style = styleFingerprintOf(css, fontsCss, VERSION);
    const pages: RenderedPage[] = [];
    processed = processed.filter((p) => {
      try {
        const rendered = renderArticlePages(p, { templates, version: VERSION });
        report(rendered.messages);
        for (const page of rendered.value) {
          const id = page.article.id;
          writeFileAtomic(path.join(outDir, 'md', `${id}.md`), page.markdown);
          writeFileAtomic(path.join(outDir, `${id}.html`), page.html);
          record.pdf[id] = pageFingerprint(page.html, style);
          record.files.push(`${id}.html`, `${id}.pdf`, `md/${id}.md`);
        }
        pages.push(...rendered.value);
        return true;
      } catch (error) {
        isolate(p.record.file, 'render', error);
        return false;
      }
    });
    const articles = processed.flatMap((p) => p.articles);
    // The digest's contents carry page numbers read back from its printed outline (see repaginate below).
    const digestHtmlFor = (startPages: (number | null)[]) =>
      templates.digest({
        title: config.title,
        version: VERSION,
        labels: LABELS,
        sources: processed.map((p) => p.record),
        articles: pages.map((page, i) => ({ ...page.data, startPage: startPages[i] ?? null })),
      });
    let startPages: (number | null)[] = previous.digestPages ?? [];
    if (startPages.length !== pages.length) startPages = [];
    let digestHtml = digestHtmlFor(startPages);
    writeFileAtomic(path.join(outDir, 'digest.html'), digestHtml);
    record.pdf.digest = pageFingerprint(digestHtml, style);
    record.files.push('digest.html', 'digest.pdf');
    const htmlDone = now();

    // PDFs: unchanged pages are kept, the rest printed; a failed print fails only its own input.
    let pdfStats = { printed: 0, reused: 0, failed: 0 };
    if (options.pdf !== false && articles.length > 0) {
      const pdfPages: PdfPage[] = [
        ...articles.map((a) => ({ key: a.id, file: a.source.file, title: a.title.zh })),
        {
          key: 'digest',
          file: '<digest>',
          title: config.title,
          repaginate: async (pdfPath: string) => {
            // A PDF that cannot be read back keeps contents without page numbers; the PDF itself is fine.
            const entries = await readTopLevelOutline(pdfPath).catch(() => []);
            const found = articleStartPages(
              entries,
              pages.map((page) => page.article.title.zh),
            );
            // No outline to read (a printer that makes none) or the same numbers: nothing to print again.
            if (found.every((n) => n === null) || found.every((n, i) => n === (startPages[i] ?? null))) return false;
            startPages = found;
            digestHtml = digestHtmlFor(startPages);
            writeFileAtomic(path.join(outDir, 'digest.html'), digestHtml);
            return true;
          },
        },
      ];
      const open = openQueue ?? openLocal;
      let pdfDoneCount = 0;
      let pdfTotal = 0;
      const outcome = await printPdfs(pdfPages, {
        outDir,
        previousDir,
        previous,
        record,
        open,
        onStart: (toPrint, reused) => {
          pdfTotal = toPrint;
          progress({ type: 'pdfs', total: toPrint, reused });
        },
        onPage: (page, status, ms, reason) => {
          pdfDoneCount += 1;
          progress({
            type: 'pdf',
            key: page.key,
            file: page.file,
            status,
            ms,
            reason,
            done: pdfDoneCount,
            total: pdfTotal,
          });
        },
      });
      pdfStats = { printed: outcome.printed, reused: outcome.reused, failed: outcome.failures.length };
      for (const { page, reason } of outcome.failures) {
        report([
          diagnostic({
            file: page.file,
            rule: 'pdf',
            severity: 'error',
            reason: `${page.key}.pdf not written: ${reason}`,
          }),
        ]);
        fail(page.file, `PDF of ${page.key} failed`);
      }
      if (outcome.reused > 0) {
        const reason = `${outcome.reused} unchanged PDFs kept from the last build`;
        report([diagnostic({ file: '<build>', rule: 'incremental', severity: 'info', reason })]);
      }
    }
    // The digest as printed, page numbers included, is what the next build compares against.
    record.pdf.digest = record.pdf.digest ? pageFingerprint(digestHtml, style) : record.pdf.digest;
    record.digestPages = startPages;
    const pdfDone = now();

    // Manifest, index and feeds last, so they record every failure, PDFs included.
    const manifest = buildManifest(
      processed.map((p) => p.record),
      articles,
      failed.filter((f) => f.file !== '<digest>'),
      `briefings ${VERSION}`,
    );
    report(writeSiteOutputs(outDir, { manifest, articles, failed, config, templates }));
    // Files of inputs that are gone (or articles no longer found) leave with them.
    if (!publishDir)
      for (const file of previous.files)
        if (!record.files.includes(file)) rmSync(path.join(outDir, file), { force: true });
    writeRecord(outDir, record);
    if (publishDir) {
      markReleaseComplete(outDir); // the release's last write: it lists every file above
      switchCurrent(publishDir, outDir);
      pruneReleases(publishDir, config.keepReleases);
    }
    const counts = articles
      .flatMap(articleSegments)
      .reduce<Record<string, number>>((acc, seg) => ((acc[seg.enStatus] = (acc[seg.enStatus] ?? 0) + 1), acc), {});
    const summary = `${inputs.length} inputs, ${articles.length} articles, ${failed.length} failed; segments ${Object.entries(
      counts,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`;
    report([diagnostic({ file: '<build>', rule: 'summary', severity: 'info', reason: summary })]);
    const timings = {
      textMs: textDone - started,
      htmlMs: htmlDone - textDone,
      pdfMs: pdfDone - htmlDone,
      totalMs: now() - started,
    };
    const exitCode = failed.length > 0 ? 1 : 0;
    progress({
      type: 'end',
      exitCode,
      inputs: inputs.length,
      built: processed.length,
      failed,
      articles: articles.length,
      pdfs: pdfStats,
      timings: {
        textMs: Math.round(timings.textMs),
        htmlMs: Math.round(timings.htmlMs),
        pdfMs: Math.round(timings.pdfMs),
        totalMs: Math.round(timings.totalMs),
      },
      at: new Date().toISOString(),
    });
    return { manifest, messages, failed, outDir, timings, exitCode };
  }
}
