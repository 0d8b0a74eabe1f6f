// The staff page's work on an input folder, without HTTP: the inputs, each run through the same text pipeline and
// templates as a build (review file applied), pages written for the preview, corrections saved as staff make them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { build, PROJECT_ROOT, VERSION, type BuildResult } from '../build.ts';
import type { BuildEvent } from '../buildEvents.ts';
import { loadConfig, type Config } from '../config.ts';
import { formatDiagnostic } from '../domain/diagnostics.ts';
import { ingest } from '../ingest/index.ts';
import { readMeta, readReview, resolveInputs, UsageError, type InputFile } from '../inputs.ts';
import { buildManifest, type FailedInput, type Manifest } from '../manifest.ts';
import { installFonts } from '../publish/fonts.ts';
import { linkPrintFonts } from '../publish/printFonts.ts';
import { writeFileAtomic } from '../publish/writeFiles.ts';
import type { ChromiumSession } from '../render/browser.ts';
import { renderArticlePages } from '../render/renderArticlePages.ts';
import { loadTemplates, type Templates } from '../render/templates.ts';
import { SourceText } from '../review/anchors.ts';
import { articleSegments } from '../bilingual/index.ts';
import { loadLocalTerms, localTermsFile, saveLocalTerm, type LocalTerm } from '../review/localTerms.ts';
import { emptyReview, parseReview, reviewFileName, serialiseReview, type ReviewFile } from '../review/reviewFile.ts';
import { applyReviewOp, rebaseReview, ReviewOpError, type ReviewContext, type ReviewOp } from '../review/reviewOps.ts';
import { buildTextResources } from '../review/textResources.ts';
import { processSource, type ProcessedSource, type TextResources } from '../textPipeline.ts';
import { exportXliff } from '../xliff/exportXliff.ts';
import { loadReviewed, mergeReviewed } from '../xliff/reviewedStore.ts';
import { notesFor } from '../xliffCommands.ts';
import { HttpError } from './guards.ts';
import { inputFileName, pastedFileName, placeInput } from './inputNames.ts';
import { PrintQueue, type PrintStatus } from './printQueue.ts';
import { sourceView, uniqueSegments, type SourceView } from './sourceView.ts';

export interface WorkspaceOptions {
  /** The input folder: every *.txt in it is an input, as for a build. */
  inputDir: string;
  cwd: string;
  /** Where preview pages and PDFs go (default .briefings/studio/<hash of the input folder>). */
  workDir?: string;
  /** The web folder Publish writes releases into, or null when publishing is off. */
  publishDir?: string | null;
  openChromium?: () => Promise<ChromiumSession>;
}

interface Loaded {
  file: string;
  key: string;
  sha256: string;
  review: ReviewFile | null;
  reviewError: string | null;
  result: ProcessedSource | null;
  messages: VFileMessage[];
  version: number;
  /** Article ids whose page of this version is written (pages are made when first shown or printed). */
  rendered: Set<string>;
  /** How long the text stages and the last page took (the page's Server-Timing). */
  ms: { text: number; render: number };
}

export interface JobStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  message: string;
  done: number;
  total: number;
  result: { exitCode: number; articles: number; failed: FailedInput[]; outDir: string } | null;
}

/** The fonts of the staff page itself, beside the preview's (the same slices, shown in a fallback until loaded). */
export const STUDIO_FONTS = 'studio-fonts.css';
/** The preview frame's first page: the briefing's stylesheets and fonts, no article (pages are put into it). */
export const BLANK_PREVIEW = 'studio-blank.html';
const BLANK_PAGE = `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>预览 · Preview</title>
<link rel="stylesheet" href="assets/fonts/fonts.css">
<link rel="stylesheet" href="assets/briefing.css">
</head>
<body class="briefing"><p class="pending">粘贴文本或拖入文件，简报在此显示。 · <span lang="en">Paste a text or drop a file: the briefing shows here.</span></p></body>
</html>
`;

const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const stampOf = (file: string) => (existsSync(file) ? `${statSync(file).mtimeMs}:${statSync(file).size}` : '-');

export class Workspace {
  readonly inputDir: string;
  readonly cwd: string;
  readonly config: Config;
  readonly workDir: string;
  readonly previewDir: string;
  readonly publishDir: string | null;
  readonly printer: PrintQueue;
  private readonly templates: Templates;
  private readonly reviewedPath: string;
  private readonly localTermsPath: string;
  private resources: TextResources | null = null;
  private resourcesStamp = '';
  private readonly loaded = new Map<string, Loaded>();
  /** Article id → input file, for downloads. */
  private readonly articleFile = new Map<string, string>();
  private versions = 0;
  /** The version whose PDFs were last scheduled, per input. */
  private readonly printed = new Map<string, number>();
  private readonly jobs = new Map<'digest' | 'publish', JobStatus>();
  /** The input folder was not there and the studio made it (empty). */
  readonly madeInputDir: boolean = false;

  constructor(options: WorkspaceOptions) {
    this.cwd = options.cwd;
    const dir = path.resolve(options.cwd, options.inputDir);
    // Staff start with an empty folder and paste into it: one that is not there yet is made.
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeInputDir = true;
    }
    if (!statSync(dir).isDirectory()) throw new UsageError(`not a folder: ${options.inputDir}`);
    this.inputDir = realpathSync(dir);
    this.config = loadConfig(options.cwd);
    this.workDir = path.resolve(
      options.cwd,
      options.workDir ?? path.join('.briefings', 'studio', sha(this.inputDir).slice(0, 12)),
    );
    this.previewDir = path.join(this.workDir, 'preview');
    this.publishDir = options.publishDir ? path.resolve(options.cwd, options.publishDir) : null;
    this.reviewedPath = path.resolve(options.cwd, this.config.reviewedFile);
    this.localTermsPath = localTermsFile(options.cwd, this.config.reviewedFile);
    this.templates = loadTemplates(path.join(PROJECT_ROOT, 'templates'));
    mkdirSync(this.previewDir, { recursive: true });
    // The preview's stylesheet and fonts: the same files a build writes, so the page looks as it will.
    const css = readFileSync(path.join(PROJECT_ROOT, 'templates', 'styles', 'briefing.css'));
    writeFileAtomic(path.join(this.previewDir, 'assets', 'briefing.css'), css);
    const fonts = installFonts(path.join(this.previewDir, 'assets'));
    writeFileAtomic(path.join(this.previewDir, 'assets', 'fonts', 'fonts.css'), fonts);
    // Pasted text changes at every keystroke: its PDFs print with the print faces whole rather than cut again.
    linkPrintFonts(path.join(this.previewDir, 'assets'));
    // The staff page's own text shows at once in a fallback while a face loads (pasted text needs many slices):
    // blocking, as pages and PDFs must, would hide every Chinese label of the page meanwhile.
    writeFileAtomic(
      path.join(this.previewDir, 'assets', 'fonts', STUDIO_FONTS),
      fonts.replace(/font-display:\s*block/gu, 'font-display: swap'),
    );
    writeFileAtomic(path.join(this.previewDir, BLANK_PREVIEW), BLANK_PAGE);
    const open =
      options.openChromium ?? (async () => (await import('../render/browser.ts')).launchChromium({ concurrency: 1 }));
    this.printer = new PrintQueue(open);
  }

  /** The term base, memory and reviewed translations, read again whenever their files changed. */
  private textResources(): TextResources {
    const stamp = `${stampOf(this.reviewedPath)}|${stampOf(this.localTermsPath)}`;
    if (!this.resources || stamp !== this.resourcesStamp) {
      this.resources = buildTextResources(loadReviewed(this.reviewedPath), loadLocalTerms(this.localTermsPath));
      this.resourcesStamp = stamp;
    }
    return this.resources;
  }

  inputs(): InputFile[] {
    return resolveInputs([this.inputDir], this.cwd);
  }

  /** The input named `file` (exactly one of the folder's inputs: a request cannot name anything else). */
  input(file: string): InputFile {
    const found = this.inputs().find((i) => i.file === file);
    if (!found) throw new HttpError(404, `no input named "${file.slice(0, 60)}" in the input folder`);
    return found;
  }

  /** Runs the text pipeline on an input with its review, unless nothing it reads changed since last time. */
  load(file: string): Loaded {
    const input = this.input(file);
    const bytes = readFileSync(input.path);
    const reviewPath = path.join(this.inputDir, reviewFileName(file));
    const reviewText = existsSync(reviewPath) ? readFileSync(reviewPath, 'utf8') : '';
    const resources = this.textResources();
    const metaPath = input.path.replace(/\.txt$/u, '.meta.json');
    const key = sha(`${sha(bytes)}|${sha(reviewText)}|${this.resourcesStamp}|${stampOf(metaPath)}`);
    const cached = this.loaded.get(file);
    if (cached?.key === key) return cached;
    const messages: VFileMessage[] = [];
    let review: ReviewFile | null = null;
    let reviewError: string | null = null;
    try {
      review = readReview(input.path) ?? null;
    } catch (error) {
      reviewError = (error as Error).message;
    }
    const meta = readMeta(input.path, messages);
    const started = performance.now();
    const result = processSource(file, bytes, meta, resources, review ?? undefined);
    messages.push(...result.messages);
    const loaded: Loaded = {
      file,
      key,
      sha256: sha(bytes),
      review,
      reviewError,
      result: result.value,
      messages,
      version: (this.versions += 1),
      rendered: new Set(),
      ms: { text: performance.now() - started, render: 0 },
    };
    this.loaded.set(file, loaded);
    // Pages of articles the input no longer has (merged away) leave with them.
    const ids = new Set(result.value?.articles.map((a) => a.id) ?? []);
    for (const [id, owner] of this.articleFile)
      if (owner === file && !ids.has(id)) {
        this.articleFile.delete(id);
        for (const ext of ['html', 'pdf']) rmSync(path.join(this.previewDir, `${id}.${ext}`), { force: true });
      }
    for (const id of ids) this.articleFile.set(id, file);
    return loaded;
  }

  /** Writes the page of one article of the loaded version (the same templates as a build), unless it is written. */
  private renderPage(l: Loaded, id: string): string {
    const target = path.join(this.previewDir, `${id}.html`);
    if (l.rendered.has(id) || !l.result) return target;
    const article = l.result.articles.find((a) => a.id === id);
    if (!article) throw new HttpError(404, `no article ${id.slice(0, 60)}`);
    const started = performance.now();
    const rendered = renderArticlePages(
      { ...l.result, articles: [article] },
      { templates: this.templates, version: VERSION },
    );
    l.messages.push(...rendered.messages);
    writeFileAtomic(target, rendered.value[0].html);
    l.rendered.add(id);
    l.ms.render = performance.now() - started;
    return target;
  }

  /** The page of an article as it is now, written if need be; null when no loaded input has the article. */
  page(id: string): { file: string; html: string } | null {
    const file = this.articleFile.get(id);
    if (!file) return null;
    const l = this.load(file);
    if (!l.result?.articles.some((a) => a.id === id)) return null;
    return { file, html: this.renderPage(l, id) };
  }

  /** The PDFs of the version staff are looking at, printed in the background (once per version). */
  private print(l: Loaded): void {
    if (!l.result || l.result.articles.length === 0 || this.printed.get(l.file) === l.version) return;
    this.printed.set(l.file, l.version);
    // Pages are written when the print starts, after the burst of corrections settled, and only if still current.
    this.printer.schedule(l.file, l.version, () => {
      if (this.loaded.get(l.file) !== l) return null;
      return l.result!.articles.map((a) => ({
        htmlPath: this.renderPage(l, a.id),
        pdfPath: path.join(this.previewDir, `${a.id}.pdf`),
        title: a.title.zh,
      }));
    });
  }

  view(file: string): SourceView {
    const l = this.load(file);
    this.print(l);
    return sourceView({
      file,
      reviewFile: reviewFileName(file),
      sha256: l.sha256,
      review: l.review,
      reviewError: l.reviewError,
      result: l.result,
      messages: l.messages,
      version: l.version,
    });
  }

  private reviewContext(l: Loaded): ReviewContext {
    const p = l.result!;
    return {
      source: new SourceText(p.cleaned.source.text),
      lines: p.cleaned.lines,
      edits: p.record.edits,
      flags: p.record.flags,
    };
  }

  /** The review as it can be changed now: readable, and made against the source as it is. */
  private editable(l: Loaded): ReviewFile {
    if (l.reviewError) throw new HttpError(409, `${l.reviewError}: fix or remove the file, then reload`);
    if (!l.result) throw new HttpError(409, `${l.file} did not pass the text stages: nothing to correct`);
    if (l.review && l.review.source.sha256 !== l.sha256)
      throw new HttpError(409, `${l.file} changed since its corrections were made: move them onto the new text first`);
    return l.review ?? emptyReview(l.file, l.sha256);
  }

  private saveReview(file: string, review: ReviewFile): void {
    const text = serialiseReview(review);
    parseReview(text, reviewFileName(file)); // never write a file a build would refuse
    writeFileAtomic(path.join(this.inputDir, reviewFileName(file)), text);
  }

  /** One correction, saved at once; returns what the page shows next. */
  apply(file: string, op: ReviewOp): SourceView {
    const l = this.load(file);
    const review = this.editable(l);
    let next: ReviewFile;
    try {
      next = applyReviewOp(review, op, this.reviewContext(l));
    } catch (error) {
      if (error instanceof ReviewOpError) throw new HttpError(400, error.message);
      throw error;
    }
    this.saveReview(file, next);
    // Reviewed English enters the translation memory every build reads, as an XLIFF import would.
    if (op.op === 'english')
      mergeReviewed(this.reviewedPath, [{ id: op.id, zh: op.zh, en: op.en.trim() }], reviewFileName(file));
    return this.view(file);
  }

  /** A name or term's English fixed once, in the local term base every build reads. */
  fixTerm(file: string, term: LocalTerm): SourceView {
    this.editable(this.load(file));
    saveLocalTerm(this.localTermsPath, term);
    return this.view(file);
  }

  /** Moves the corrections onto the changed source (what is no longer there leaves); returns what left. */
  rebase(file: string): { view: SourceView; dropped: string[] } {
    const l = this.load(file);
    if (!l.review || !l.result || l.review.source.sha256 === l.sha256) return { view: this.view(file), dropped: [] };
    const segmentIds = new Set(l.result.articles.flatMap(articleSegments).map((s) => s.id));
    const { value, dropped } = rebaseReview(l.review, l.sha256, { ...this.reviewContext(l), segmentIds });
    this.saveReview(file, { ...value, updated: new Date().toISOString() });
    return { view: this.view(file), dropped };
  }

  /**
   * A new input from pasted text or a dropped file: decoded as a build decodes it (refused with the reason when it
   * cannot be), saved in the input folder under a safe name. Returns the file's name.
   */
  addInput(name: string, bytes: Uint8Array): string {
    if (bytes.length > this.config.maxInputBytes)
      throw new HttpError(
        413,
        `${name}: ${bytes.length} bytes is over the input size limit of ${this.config.maxInputBytes}`,
      );
    const decoded = ingest({ file: name, bytes, meta: {} });
    if (!decoded.value)
      throw new HttpError(
        422,
        decoded.messages
          .filter((m) => m.fatal === true)
          .map(formatDiagnostic)
          .join('\n'),
      );
    const { file, exists } = placeInput(this.inputDir, name, bytes);
    if (!exists) writeFileAtomic(path.join(this.inputDir, file), bytes);
    return file;
  }

  addPasted(text: string, wanted: string | undefined, now = new Date()): string {
    if (text.trim() === '') throw new HttpError(400, 'nothing pasted');
    return this.addInput(pastedFileName(wanted, now), Buffer.from(text, 'utf8'));
  }

  addFile(wanted: string, bytes: Uint8Array): string {
    return this.addInput(inputFileName(wanted), bytes);
  }

  /**
   * Runs the pipeline once so the first paste is as quick as the next (code paths compiled, word segmenter and
   * fonts loaded): on the folder's first input, or on a few invented lines when the folder is empty.
   */
  warm(): void {
    const first = this.inputs()[0];
    if (first) {
      this.load(first.file);
      return;
    }
    const sample =
      '市政府召开新闻发布会\n\n本报讯（记者 林一）昨日，市政府召开新闻发布会。\n\n今年有哪些新举措？\n\n市发展改革委负责人介绍，今年将推出十项举措。\n';
    const result = processSource('warm-up.txt', Buffer.from(sample, 'utf8'), {}, this.textResources());
    if (result.value) renderArticlePages(result.value, { templates: this.templates, version: VERSION });
  }

  /** Resolves once the PDFs of the input's current version are printed (printing them if nobody asked yet). */
  async pdfReady(file: string): Promise<Loaded> {
    const l = this.load(file);
    this.print(l);
    const status = await this.printer.whenPrinted(file, l.version);
    if (status.printed < l.version)
      throw new HttpError(502, `the PDF could not be printed: ${status.error ?? 'closed'}`);
    return l;
  }

  pdfStatus(file: string): PrintStatus {
    return this.printer.statusOf(file);
  }

  /** XLIFF 2.0 of the segments still without reviewed English, as the export-xliff command writes it. */
  xliff(file: string): string {
    const l = this.load(file);
    if (!l.result) throw new HttpError(409, `${file} did not pass the text stages`);
    const units = uniqueSegments(l.result.articles)
      .filter(({ segment }) => segment.enStatus !== 'reviewed')
      .map(({ segment, article }) => ({ segment, articleId: article.id, notes: notesFor(segment, article) }));
    if (units.length === 0) throw new HttpError(409, 'nothing to export: every segment has reviewed English');
    return exportXliff(units, { srcLang: 'zh-CN', trgLang: 'en' });
  }

  /** The manifest of the folder as the studio sees it (what `briefings build` writes for the same folder). */
  manifest(): Manifest {
    const records = [];
    const articles = [];
    const failed: FailedInput[] = [];
    for (const input of this.inputs()) {
      const l = this.load(input.file);
      if (l.reviewError) throw new HttpError(409, l.reviewError);
      if (!l.result) {
        const reasons = l.messages.filter((m) => m.fatal === true).map((m) => m.reason);
        failed.push({ file: input.file, reason: reasons.join('; ') || 'failed' });
        continue;
      }
      records.push(l.result.record);
      articles.push(...l.result.articles);
    }
    return buildManifest(records, articles, failed, `briefings ${VERSION}`);
  }

  jobStatus(kind: 'digest' | 'publish'): JobStatus {
    return this.jobs.get(kind) ?? { state: 'idle', message: '', done: 0, total: 0, result: null };
  }

  /**
   * A build of the folder with the studio's browser: the digest (into the work folder) or a release into the web
   * folder (the same atomic publishing as `briefings build --publish`). One of each at a time.
   */
  async runBuild(kind: 'digest' | 'publish'): Promise<JobStatus> {
    if (kind === 'publish' && !this.publishDir)
      throw new HttpError(409, 'no web folder: start the studio with --publish DIR');
    if (this.jobStatus(kind).state === 'running') throw new HttpError(409, `a ${kind} build is already running`);
    const status: JobStatus = { state: 'running', message: 'building', done: 0, total: 0, result: null };
    this.jobs.set(kind, status);
    const onProgress = (e: BuildEvent) => {
      if (e.type === 'input' || e.type === 'pdf') Object.assign(status, { done: e.done, total: e.total });
      if (e.type === 'pdfs') Object.assign(status, { message: 'printing PDFs', done: 0, total: e.total });
      if (e.type === 'input') status.message = `text: ${e.file}`;
    };
    try {
      const result: BuildResult = await build({
        cwd: this.cwd,
        inputs: [this.inputDir],
        outDir: kind === 'digest' ? path.join(this.workDir, 'site') : undefined,
        publishDir: kind === 'publish' ? this.publishDir! : undefined,
        openChromium: () => this.printer.browser(),
        onProgress,
      });
      Object.assign(status, {
        state: result.exitCode === 0 ? 'done' : 'failed',
        message: result.exitCode === 0 ? 'done' : `${result.failed.length} inputs failed`,
        result: {
          exitCode: result.exitCode,
          articles: result.manifest.articles.length,
          failed: result.failed,
          outDir: result.outDir,
        },
      });
    } catch (error) {
      Object.assign(status, { state: 'failed', message: (error as Error).message });
    }
    return status;
  }

  digestPath(): string | null {
    const file = path.join(this.workDir, 'site', 'digest.pdf');
    return existsSync(file) ? file : null;
  }

  async close(): Promise<void> {
    await this.printer.close();
  }
}
