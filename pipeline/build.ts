// The one orchestrator: the order of work and nothing else. Inputs → text pipeline → engine → render → PDFs →
// site files → release. Each step lives in its own module; a failing input does not stop the others.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFileMessage } from 'vfile-message';
import { articleSegments } from './bilingual/index.ts';
import type { BuildEvent } from './buildEvents.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { diagnostic } from './domain/diagnostics.ts';
import * as labelTables from './domain/labels.ts';
import { LABELS } from './domain/labels.ts';
import { createEngine } from './engines/createEngine.ts';
import type { TranslationEngine } from './engines/engine.ts';
import { translateArticles } from './engines/translateArticles.ts';
import { readInput, readMeta, readReview, resolveInputs } from './inputs.ts';
import { buildManifest, type FailedInput, type Manifest, type SourceRecord } from './manifest.ts';
import type { Article } from './domain/types.ts';
import { fontPackageVersions, installFonts } from './publish/fonts.ts';
import {
  ALWAYS_CUT,
  charactersOf,
  missingFrom,
  openPrintFontCutter,
  textsIn,
  type PrintFontCutter,
} from './publish/printFonts.ts';
import { acquireLock } from './publish/lock.ts';
import {
  emptyRecord,
  pageFingerprint,
  readRecord,
  styleFingerprintOf,
  writeRecord,
  type BuildRecord,
} from './publish/pdfRecord.ts';
import { printPdfs, type PdfPage } from './publish/printPdfs.ts';
import {
  currentRelease,
  discardRelease,
  isCompleteRelease,
  markReleaseComplete,
  newReleaseDir,
  pruneReleases,
  removeIncompleteReleases,
  switchCurrent,
} from './publish/releases.ts';
import { writeSiteOutputs } from './publish/siteOutputs.ts';
import { writeFileIfChanged } from './publish/writeFiles.ts';
import { codeFingerprint, fingerprintOf, restoreMessage, SourceCache, sourceKey } from './publish/sourceCache.ts';
import type { ChromiumSession, PdfPrinter } from './render/browser.ts';
import { renderArticlePages, type RenderedPage } from './render/renderArticlePages.ts';
import { loadTemplates } from './render/templates.ts';
import { loadLocalTerms, localTermsFile } from './review/localTerms.ts';
import { buildTextResources } from './review/textResources.ts';
import { processSource, type ProcessedSource, type TextResources } from './textPipeline.ts';
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

/** One input as the build carries it: made now (`fresh`) or brought back whole from the cache. */
interface BuiltSource {
  record: SourceRecord;
  articles: Article[];
  pages: RenderedPage[];
  key: string | null;
  fresh: ProcessedSource | null;
  /** The text stages' diagnostics of a fresh source, kept with its cache entry. */
  messages: VFileMessage[];
}

/** The render code's sources: the words it writes itself (the key terms' heading, the edit record's marks). */
function renderCodeTexts(): string[] {
  const dir = path.join(PROJECT_ROOT, 'pipeline', 'render');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

/** The last build's output is all there: a complete release, or a folder with every file its record lists. */
function previousOutputIsWhole(dir: string | null, record: BuildRecord, isRelease: boolean, pdf: boolean): boolean {
  if (!dir || !existsSync(path.join(dir, 'briefings.json'))) return false;
  if (isRelease) return isCompleteRelease(dir);
  return record.files.every((file) => (!pdf && file.endsWith('.pdf')) || existsSync(path.join(dir, file)));
}

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
  // Started beside the text stages once the build has work to do (the worker cutting the print faces, the local
  // browser), stopped whatever happens.
  const early: { cutter: PrintFontCutter | null; printer: Promise<PdfPrinter> | null } = {
    cutter: null,
    printer: null,
  };
  try {
    const result = await buildLocked();
    complete = true;
    return result;
  } finally {
    // A release that did not finish is not left behind for rollback to find (the live one never goes).
    if (publishDir && !complete && outDir !== target) discardRelease(outDir);
    early.cutter?.close();
    await early.printer?.then((printer) => printer.close()).catch(() => undefined);
    release();
  }

  async function buildLocked(): Promise<BuildResult> {
    const progress = (event: BuildEvent) => options.onProgress?.(event);
    const previousDir = publishDir ? currentRelease(publishDir) : outDir;
    const previous = readRecord(previousDir);
    const record = emptyRecord();
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

    // What each input made last time is reused while its bytes, meta, review, the settings and the code are the
    // same. With an engine the English may change between runs (its own cache keeps that cheap), so no reuse.
    const cache = engine ? null : new SourceCache(target);
    const settings = fingerprintOf(
      codeFingerprint(PROJECT_ROOT),
      VERSION,
      JSON.stringify({ ...config, queue: null }),
      JSON.stringify([...reviewed]),
      JSON.stringify(localTerms),
      String(options.pdf !== false),
    );
    const readInputs = inputs.map((input) => {
      const local: VFileMessage[] = [];
      try {
        const meta = readMeta(input.path, local);
        const bytes = readInput(input, config.maxInputBytes);
        const review = reviews.get(input.file);
        const key = cache ? sourceKey(settings, input.file, bytes, meta, review) : null;
        return { input, local, meta, bytes, review, key, error: null };
      } catch (error) {
        return { input, local, meta: null, bytes: null, review: undefined, key: null, error };
      }
    });
    const buildKey = fingerprintOf(
      settings,
      ...readInputs.map((r) => `${r.input.file}\0${r.key ?? `failed: ${(r.error as Error | null)?.message}`}`),
    );
    const entries = new Map(readInputs.map((r) => [r.input.file, r.key && cache ? cache.entry(r.key) : null]));

    // Nothing changed since the last complete build: its output stays as it is, and its diagnostics are told again.
    const lastBuild = cache && previous.buildKey === buildKey ? cache.buildMessages(buildKey) : null;
    if (
      cache &&
      lastBuild &&
      readInputs.every((r) => r.error === null && entries.get(r.input.file)) &&
      previousOutputIsWhole(previousDir, previous, publishDir !== null, options.pdf !== false)
    ) {
      const manifest = JSON.parse(readFileSync(path.join(previousDir!, 'briefings.json'), 'utf8')) as Manifest;
      // Under the lock no other run writes here: what failed or killed runs left goes, even when nothing is built.
      if (publishDir) removeIncompleteReleases(publishDir);
      outDir = previousDir!;
      progress({ type: 'start', inputs: inputs.length, outDir, at: new Date().toISOString() });
      let articleCount = 0;
      for (const [index, r] of readInputs.entries()) {
        const entry = entries.get(r.input.file)!;
        report([...r.local, ...entry.messages.map(restoreMessage)]);
        if (entry.failed !== null) fail(r.input.file, entry.failed);
        articleCount += entry.articles;
        progress({
          type: 'input',
          file: r.input.file,
          status: entry.failed === null ? 'built' : 'failed',
          articles: entry.articles,
          ms: 0,
          reason: entry.failed ?? undefined,
          done: index + 1,
          total: inputs.length,
        });
      }
      report(lastBuild.map(restoreMessage));
      // Schedulers that follow the PDF step see it: nothing to print, every PDF kept.
      if (options.pdf !== false) progress({ type: 'pdfs', total: 0, reused: Object.keys(previous.pdf).length });
      const reason = `nothing changed since the last build: ${inputs.length} inputs, ${articleCount} articles; ${path.relative(cwd, outDir) || '.'} kept as it is`;
      report([diagnostic({ file: '<build>', rule: 'incremental', severity: 'info', reason })]);
      const totalMs = now() - started;
      const timings = { textMs: totalMs, htmlMs: 0, pdfMs: 0, totalMs };
      const exitCode = failed.length > 0 ? 1 : 0;
      progress({
        type: 'end',
        exitCode,
        inputs: inputs.length,
        built: inputs.length - failed.length,
        failed,
        articles: articleCount,
        pdfs: { printed: 0, reused: options.pdf === false ? 0 : Object.keys(previous.pdf).length, failed: 0 },
        timings: { textMs: Math.round(totalMs), htmlMs: 0, pdfMs: 0, totalMs: Math.round(totalMs) },
        at: new Date().toISOString(),
      });
      return { manifest, messages, failed, outDir, timings, exitCode };
    }

    // Ready by the time the pages are: the font worker's start and wasm, Chromium's launch (on the core the text
    // stages leave idle).
    early.cutter = openPrintFontCutter();
    if (options.pdf !== false && !openQueue) {
      // The text stages hold the thread until the pages are written: the browser module is loaded first (it would
      // be later) and Chromium spawned before them, so that it starts beside them instead of after.
      if (!options.openChromium) await import('./render/browser.ts');
      early.printer = openLocal();
      early.printer.catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (publishDir) {
      // Under the lock no other run writes here: what failed or killed runs left goes before a new release.
      removeIncompleteReleases(publishDir);
      outDir = newReleaseDir(publishDir);
    } else if (previous.buildKey) {
      // A run killed from here on must not leave a record that says its half-written folder is the last build.
      writeRecord(outDir, { ...previous, buildKey: undefined });
    }
    progress({ type: 'start', inputs: inputs.length, outDir, at: new Date().toISOString() });
    /** Same file in the release before (publishing): unchanged files are linked from it, not written again. */
    const reuseOf = (relative: string) =>
      previousDir && previousDir !== outDir ? path.join(previousDir, relative) : null;
    const write = (relative: string, content: string | Uint8Array) =>
      writeFileIfChanged(path.join(outDir, relative), content, reuseOf(relative));

    // Text stages, one input at a time; an input whose entry is in the cache brings its pages with it.
    let resources: TextResources | null = null;
    let processed: BuiltSource[] = [];
    for (const [index, r] of readInputs.entries()) {
      const { input, local } = r;
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
      if (r.error !== null) {
        report(local);
        isolate(input.file, 'text stages', r.error);
        tell('failed', 0);
        continue;
      }
      const entry = entries.get(input.file);
      const cached = entry && entry.failed === null && r.key ? cache!.value(r.key) : null;
      if (entry && (entry.failed !== null || cached)) {
        report([...local, ...entry.messages.map(restoreMessage)]);
        if (cached) {
          processed.push({ ...cached, key: r.key, fresh: null, messages: [] });
          tell('built', cached.articles.length);
        } else {
          fail(input.file, entry.failed!);
          tell('failed', 0);
        }
        continue;
      }
      try {
        resources ??= buildTextResources(reviewed, localTerms);
        const result = processSource(input.file, r.bytes!, r.meta!, resources, r.review);
        report([...local, ...result.messages]);
        if (result.value) {
          const { record: sourceRecord, articles: sourceArticles } = result.value;
          processed.push({
            record: sourceRecord,
            articles: sourceArticles,
            pages: [],
            key: r.key,
            fresh: result.value,
            messages: result.messages,
          });
          tell('built', result.value.articles.length);
        } else {
          const reasons = result.messages.filter((m) => m.fatal === true).map((m) => m.reason);
          fail(input.file, reasons.join('; ') || 'failed');
          if (cache && r.key)
            cache.put(r.key, input.file, { failed: reasons.join('; ') || 'failed', messages: result.messages });
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
    const templates = loadTemplates(path.join(PROJECT_ROOT, 'templates'));
    // The print faces are cut while the pages render, to what the pages can hold: the articles' data (a cached
    // input's pages), the templates, the render code's own words, the labels, the settings (the title), the
    // stylesheet and ALWAYS_CUT; the pages are checked against it once written.
    const css = readFileSync(path.join(PROJECT_ROOT, 'templates', 'styles', 'briefing.css'));
    const expectedCharacters = charactersOf([
      ALWAYS_CUT,
      css.toString(),
      ...templates.sources,
      ...renderCodeTexts(),
      ...textsIn(labelTables),
      ...textsIn(config),
      ...processed.flatMap((p) => (p.fresh ? textsIn(p.fresh) : p.pages.map((page) => page.html))),
    ]);
    const firstCut = (early.cutter ??= openPrintFontCutter()).write(expectedCharacters, write);
    firstCut.catch(() => undefined);

    // Render: Markdown and HTML per article (a failing source is dropped whole), assets, the digest.
    const fontsCss = installFonts(path.join(outDir, 'assets'));
    write(path.join('assets', 'briefing.css'), css);
    write(path.join('assets', 'fonts', 'fonts.css'), fontsCss);
    const style = styleFingerprintOf(css, fontsCss, VERSION, fontPackageVersions().join(','));
    const pages: RenderedPage[] = [];
    const renderedNow: string[] = [];
    processed = processed.filter((p) => {
      try {
        if (p.fresh) {
          const rendered = renderArticlePages(p.fresh, { templates, version: VERSION });
          report(rendered.messages);
          p.pages = rendered.value;
          renderedNow.push(...p.pages.map((page) => page.html));
          if (cache && p.key)
            cache.put(p.key, p.record.file, {
              failed: null,
              messages: [...p.messages, ...rendered.messages],
              record: p.record,
              pages: p.pages,
            });
        }
        for (const page of p.pages) {
          const id = page.article.id;
          write(`md/${id}.md`, page.markdown);
          write(`${id}.html`, page.html);
          record.pdf[id] = pageFingerprint(page.html, style);
          record.files.push(`${id}.html`, `${id}.pdf`, `md/${id}.md`);
        }
        pages.push(...p.pages);
        return true;
      } catch (error) {
        isolate(p.record.file, 'render', error);
        return false;
      }
    });
    const articles = processed.flatMap((p) => p.articles);
    // The digest's contents get their page numbers after its one print (see afterPrint below).
    const digestHtml = templates.digest({
      title: config.title,
      version: VERSION,
      labels: LABELS,
      sources: processed.map((p) => p.record),
      articles: pages.map((page) => page.data),
    });
    let startPages: (number | null)[] = previous.digestPages ?? [];
    // Said with the build's own messages, so that a build with nothing to do says them again.
    const pdfMessages: ReturnType<typeof diagnostic>[] = [];
    if (startPages.length !== pages.length) startPages = [];
    write('digest.html', digestHtml);
    record.pdf.digest = pageFingerprint(digestHtml, style);
    record.files.push('digest.html', 'digest.pdf');
    // A page with a character the first cut lacks (rare) has the faces cut again, to everything, before printing.
    // Only the pages made in this build are read: a cached page's characters were in the first cut already.
    const pageCharacters = charactersOf([digestHtml, ...renderedNow]);
    const missing = missingFrom(expectedCharacters, pageCharacters);
    if (missing !== '') {
      // Said so that a character the first cut should have foreseen is seen and added to what it takes.
      const reason = `print faces cut again: the pages hold ${[...missing].length} characters the first cut did not foresee (${[...missing].slice(0, 20).join('')})`;
      pdfMessages.push(diagnostic({ file: '<build>', rule: 'print-fonts', severity: 'info', reason }));
    }
    const printFonts = (
      missing === ''
        ? firstCut
        : firstCut
            .catch(() => [])
            .then(() => openPrintFontCutter().write(charactersOf([expectedCharacters, pageCharacters]), write))
    )
      .catch((error: Error) => [error.message])
      .then((problems) => {
        for (const problem of problems) {
          const reason = `print font not cut (${problem}): its characters print in the fontsource slices`;
          pdfMessages.push(diagnostic({ file: '<build>', rule: 'print-fonts', severity: 'warning', reason }));
        }
      });
    const htmlDone = now();

    // PDFs: unchanged pages are kept, the rest printed; a failed print fails only its own input.
    let pdfStats = { printed: 0, reused: 0, failed: 0 };
    if (options.pdf !== false && articles.length > 0) {
      if (!publishDir) {
        // Printing overwrites PDFs in place: a run killed mid-way must not leave a record vouching for them.
        const vouched = Object.entries(previous.pdf).filter(([key, fp]) => record.pdf[key] === fp);
        writeRecord(outDir, { ...previous, buildKey: undefined, pdf: Object.fromEntries(vouched) });
      }
      // The PDF library takes about 0.25 s to load: loaded once the browser is up and printing, not before.
      let stamping: Promise<typeof import('./publish/digestContentsPages.ts')> | null = null;
      const loadStamping = () => (stamping ??= import('./publish/digestContentsPages.ts'));
      const pdfPages: PdfPage[] = [
        ...articles.map((a) => ({ key: a.id, file: a.source.file, title: a.title.zh })),
        {
          key: 'digest',
          file: '<digest>',
          title: config.title,
          afterPrint: async (pdfPath: string) => {
            // A PDF that cannot be read back keeps contents without page numbers; the PDF itself is fine.
            try {
              const { stampContentsPages } = await loadStamping();
              const ids = pages.map((page) => page.article.id);
              startPages = (await stampContentsPages(pdfPath, ids)).startPages;
            } catch (error) {
              const reason = `digest.pdf: contents left without page numbers: ${(error as Error).message}`;
              pdfMessages.push(diagnostic({ file: '<digest>', rule: 'digest-contents', severity: 'warning', reason }));
            }
          },
        },
      ];
      const openPrinter = () => {
        // The browser started early is handed over once: printPdfs closes it.
        const started = early.printer;
        early.printer = null;
        return openQueue?.() ?? started ?? openLocal();
      };
      const open = async () => {
        const [printer] = await Promise.all([openPrinter(), printFonts]);
        loadStamping().catch(() => undefined);
        return printer;
      };
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
    await printFonts;
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
    const siteMessages = writeSiteOutputs(outDir, { manifest, articles, failed, config, templates }, write);
    const counts = articles
      .flatMap(articleSegments)
      .reduce<Record<string, number>>((acc, seg) => ((acc[seg.enStatus] = (acc[seg.enStatus] ?? 0) + 1), acc), {});
    const summary = `${inputs.length} inputs, ${articles.length} articles, ${failed.length} failed; segments ${Object.entries(
      counts,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`;
    const buildMessages = [
      ...pdfMessages,
      ...siteMessages,
      diagnostic({ file: '<build>', rule: 'summary', severity: 'info', reason: summary }),
    ];
    // Files of inputs that are gone (or articles no longer found) leave with them.
    const kept = new Set(record.files);
    if (!publishDir)
      for (const file of previous.files) if (!kept.has(file)) rmSync(path.join(outDir, file), { force: true });
    // A build whose PDFs all printed can be recognised as unchanged next time; its cache keeps only what it used.
    if (cache && pdfStats.failed === 0) {
      cache.putBuild(buildKey, buildMessages);
      record.buildKey = buildKey;
    }
    cache?.prune(new Set(readInputs.flatMap((r) => (r.key ? [r.key] : []))));
    writeRecord(outDir, record);
    if (publishDir) {
      markReleaseComplete(outDir); // the release's last write: it lists every file above
      switchCurrent(publishDir, outDir);
      pruneReleases(publishDir, config.keepReleases);
    }
    report(buildMessages);
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
