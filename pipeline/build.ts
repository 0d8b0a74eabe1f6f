// The one orchestrator: read inputs, run the pure stages, render, publish. A failing input does not stop the others.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFileMessage } from 'vfile-message';
import { articleSegments } from './bilingual/index.ts';
import { TranslationMemory } from './bilingual/translationMemory.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { diagnostic } from './domain/diagnostics.ts';
import { loadGazetteer } from './domain/gazetteer.ts';
import { GENRE_LABELS, LABELS } from './domain/labels.ts';
import { loadTermBase } from './domain/termBase.ts';
import { createEngine, engineConfigSchema, type EngineConfig } from './engines/createEngine.ts';
import type { TranslationEngine } from './engines/engine.ts';
import { createEngineCache } from './engines/engineCache.ts';
import { translateSegments } from './engines/translateSegments.ts';
import { readInput, readMeta, resolveInputs, type InputFile } from './inputs.ts';
import { buildManifest, type FailedInput, type Manifest } from './manifest.ts';
import { atomFeed, sitemap } from './publish/feeds.ts';
import { installFonts } from './publish/fonts.ts';
import { acquireLock } from './publish/lock.ts';
import { currentRelease, newReleaseDir, pruneReleases, switchCurrent } from './publish/releases.ts';
import { writeFileAtomic } from './publish/writeFiles.ts';
import { articleToMarkdown } from './render/articleToMarkdown.ts';
import type { ChromiumSession } from './render/browser.ts';
import { markdownToHtml } from './render/markdownToHtml.ts';
import { articlePageData } from './render/pageData.ts';
import { loadTemplates } from './render/templates.ts';
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
  const inputs = resolveInputs(options.inputs && options.inputs.length > 0 ? options.inputs : ['seeds'], cwd);
  const publishDir = options.publishDir ? path.resolve(cwd, options.publishDir) : null;
  // One run at a time per folder; a second run exits with code 3 (LockHeldError) instead of mixing files.
  const release = acquireLock(publishDir ?? path.resolve(cwd, options.outDir ?? 'output'));
  try {
    return await buildLocked(options, cwd, config, inputs, publishDir, started);
  } finally {
    release();
  }
}

/** What the last build printed, so an unchanged page is not printed again and a removed input's files go. */
interface BuildRecord {
  pdf: Record<string, string>;
  files: string[];
}
const RECORD = '.briefings-build.json';

function readRecord(dir: string | null): BuildRecord {
  if (!dir || !existsSync(path.join(dir, RECORD))) return { pdf: {}, files: [] };
  try {
    return JSON.parse(readFileSync(path.join(dir, RECORD), 'utf8')) as BuildRecord;
  } catch {
    return { pdf: {}, files: [] };
  }
}

async function buildLocked(
  options: BuildOptions,
  cwd: string,
  config: Config,
  inputs: InputFile[],
  publishDir: string | null,
  started: number,
): Promise<BuildResult> {
  const messages: VFileMessage[] = [];
  const report = (list: VFileMessage[]) => {
    for (const m of list) {
      messages.push(m);
      options.onMessage?.(m);
    }
  };
  // Configuration first: a bad engine entry is a usage error before anything is written.
  const engineConfig = engineConfigSchema.safeParse(config.engine);
  if (!engineConfig.success)
    throw new ConfigError(
      `briefings.config.json: engine: ${engineConfig.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  let engine: TranslationEngine | null;
  try {
    engine = createEngine(engineConfig.data);
  } catch (error) {
    throw new ConfigError(`briefings.config.json: engine: ${(error as Error).message}`);
  }
  const previousDir = publishDir ? currentRelease(publishDir) : path.resolve(cwd, options.outDir ?? 'output');
  const outDir = publishDir ? newReleaseDir(publishDir) : path.resolve(cwd, options.outDir ?? 'output');
  const previous = readRecord(previousDir);
  const record: BuildRecord = { pdf: {}, files: [] };
  const memory = TranslationMemory.load();
  const reviewed = loadReviewed(path.resolve(cwd, config.reviewedFile));
  for (const [, r] of reviewed) memory.add(r.zh, r.en, 'reviewed');
  const reviewedById = new Map([...reviewed].map(([id, r]) => [id, r.en]));
  const failed: FailedInput[] = [];
  const fail = (file: string, reason: string) => {
    if (!failed.some((f) => f.file === file)) failed.push({ file, reason });
  };
  /** One input's trouble is that input's failure: the others go on. */
  const isolate = (file: string, what: string, error: unknown) => {
    report([
      diagnostic({ file, rule: what, severity: 'error', reason: `${what} failed: ${(error as Error).message}` }),
    ]);
    fail(file, `${what} failed: ${(error as Error).message}`);
  };

  // Text stages.
  const resources: TextResources = {
    terms: loadTermBase(),
    gazetteer: loadGazetteer(),
    memory,
    reviewed: reviewedById,
  };
  let processed: ProcessedSource[] = [];
  for (const input of inputs) {
    const local: VFileMessage[] = [];
    try {
      const meta = readMeta(input.path, local);
      const bytes = readInput(input, config.maxInputBytes);
      const result = processSource(input.file, bytes, meta, resources);
      report([...local, ...result.messages]);
      if (!result.value)
        fail(
          input.file,
          result.messages
            .filter((m) => m.fatal === true)
            .map((m) => m.reason)
            .join('; ') || 'failed',
        );
      else processed.push(result.value);
    } catch (error) {
      report(local);
      isolate(input.file, 'text stages', error);
    }
  }
  // Full text through the configured engine, for what offline rules and memory left pending.
  if (engine) {
    const settings = engineConfig.data as EngineConfig & {
      concurrency?: number;
      timeoutMs?: number;
      retries?: number;
      cacheDir?: string;
    };
    const items = processed.flatMap((p) =>
      p.articles.flatMap((article) =>
        articleSegments(article)
          .filter((segment) => segment.enStatus === 'pending')
          .map((segment) => ({
            segment,
            glossary: article.terms.filter((t) => segment.zh.includes(t.zh)).map((t) => ({ zh: t.zh, en: t.en })),
            context: article.title.zh,
          })),
      ),
    );
    const stats = await translateSegments(items, engine, {
      cache: createEngineCache(path.resolve(cwd, settings.cacheDir ?? '.briefings/cache')),
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      onMessage: (line) =>
        report([diagnostic({ file: '<engine>', rule: 'engine', severity: 'warning', reason: line })]),
    });
    report([
      diagnostic({
        file: '<engine>',
        rule: 'engine',
        severity: 'info',
        reason: `${engine.name}: ${stats.translated} translated, ${stats.cached} from cache, ${stats.failed} failed, ${stats.requests} requests`,
      }),
    ]);
  }
  const textDone = now();

  // Render: Markdown and HTML per article (a failing source is dropped whole), assets.
  const templates = loadTemplates(path.join(PROJECT_ROOT, 'templates'));
  const css = readFileSync(path.join(PROJECT_ROOT, 'templates', 'styles', 'briefing.css'));
  const fontsCss = installFonts(path.join(outDir, 'assets'));
  writeFileAtomic(path.join(outDir, 'assets', 'briefing.css'), css);
  writeFileAtomic(path.join(outDir, 'assets', 'fonts', 'fonts.css'), fontsCss);
  // A page's PDF depends on its HTML, the stylesheet and the fonts: any change prints it again.
  const styleFingerprint = createHash('sha256').update(css).update(fontsCss).update(VERSION).digest('hex');
  const pages: ReturnType<typeof articlePageData>[] = [];
  processed = processed.filter((p) => {
    try {
      for (const article of p.articles) {
        const markdown = articleToMarkdown(article);
        writeFileAtomic(path.join(outDir, 'md', `${article.id}.md`), markdown);
        const { html: body, messages: mdMessages } = markdownToHtml(markdown, {
          path: `md/${article.id}.md`,
          zhLang: 'zh-Hans',
        });
        report(mdMessages as VFileMessage[]);
        const data = articlePageData(article, p.record, p.cleaned, p.ranges.get(article.id)!, body, VERSION);
        pages.push(data);
        const html = templates.article(data);
        writeFileAtomic(path.join(outDir, `${article.id}.html`), html);
        record.pdf[article.id] = createHash('sha256').update(html).update(styleFingerprint).digest('hex');
        record.files.push(`${article.id}.html`, `${article.id}.pdf`, `md/${article.id}.md`);
      }
      return true;
    } catch (error) {
      isolate(p.record.file, 'render', error);
      return false;
    }
  });
  const articles = processed.flatMap((p) => p.articles);
  // The digest: every briefing of the build in one document for reviewers.
  const digestHtml = templates.digest({
    title: config.title,
    version: VERSION,
    labels: LABELS,
    sources: processed.map((p) => p.record),
    articles: pages.filter((d) => articles.includes(d.article)),
  });
  writeFileAtomic(path.join(outDir, 'digest.html'), digestHtml);
  record.pdf.digest = createHash('sha256').update(digestHtml).update(styleFingerprint).digest('hex');
  record.files.push('digest.html', 'digest.pdf');
  const htmlDone = now();

  // PDF: one browser for the build, a bounded pool of pages, closed whatever happens. Unchanged pages are kept.
  let reused = 0;
  const jobs = [
    ...articles.map((a) => ({ key: a.id, file: a.source.file, title: a.title.zh })),
    { key: 'digest', file: '<digest>', title: config.title },
  ];
  const unchanged = (key: string) =>
    Boolean(previousDir && previous.pdf[key] === record.pdf[key] && existsSync(path.join(previousDir, `${key}.pdf`)));
  if (options.pdf !== false && articles.length > 0) {
    let session: ChromiumSession | null = null;
    const open =
      options.openChromium ??
      (async () => (await import('./render/browser.ts')).launchChromium({ concurrency: config.pdfConcurrency }));
    try {
      for (const job of jobs.filter((j) => unchanged(j.key))) {
        const from = path.join(previousDir!, `${job.key}.pdf`);
        if (from !== path.join(outDir, `${job.key}.pdf`)) copyFileSync(from, path.join(outDir, `${job.key}.pdf`));
        reused += 1;
      }
      const toPrint = jobs.filter((j) => !unchanged(j.key));
      if (toPrint.length > 0) session = await open();
      await Promise.all(
        toPrint.map(async (job) => {
          const pdfPath = path.join(outDir, `${job.key}.pdf`);
          try {
            await session!.print({ htmlPath: path.join(outDir, `${job.key}.html`), pdfPath, title: job.title });
          } catch (error) {
            // No stale PDF survives a failed print, and the next build tries again.
            rmSync(pdfPath, { force: true });
            delete record.pdf[job.key];
            report([
              diagnostic({
                file: job.file,
                rule: 'pdf',
                severity: 'error',
                reason: `${job.key}.pdf not written: ${(error as Error).message}`,
              }),
            ]);
            fail(job.file, `PDF of ${job.key} failed`);
          }
        }),
      );
    } catch (error) {
      report([
        diagnostic({ file: '<build>', rule: 'pdf', severity: 'error', reason: `no PDFs: ${(error as Error).message}` }),
      ]);
      for (const job of jobs)
        if (!unchanged(job.key)) {
          delete record.pdf[job.key];
          fail(job.file, 'PDF not written');
        }
    } finally {
      await session?.close();
    }
  }
  const pdfDone = now();
  if (reused > 0)
    report([
      diagnostic({
        file: '<build>',
        rule: 'incremental',
        severity: 'info',
        reason: `${reused} unchanged PDFs kept from the last build`,
      }),
    ]);

  // Manifest, index and feeds last, so they record every failure, PDFs included.
  const manifest = buildManifest(
    processed.map((p) => p.record),
    articles,
    failed.filter((f) => f.file !== '<digest>'),
    `briefings ${VERSION}`,
  );
  writeFileAtomic(path.join(outDir, 'briefings.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileAtomic(
    path.join(outDir, 'index.html'),
    templates.index({
      title: config.title,
      labels: LABELS,
      sources: manifest.sources,
      failed,
      articles: [...articles]
        .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id))
        .map((a) => ({ ...a, genreZh: GENRE_LABELS[a.genre].zh, genreEn: GENRE_LABELS[a.genre].en })),
    }),
  );
  writeFileAtomic(path.join(outDir, 'feed.xml'), atomFeed(articles, config));
  writeFileAtomic(path.join(outDir, 'sitemap.xml'), sitemap(articles, config));
  // Files of inputs that are gone (or articles no longer found) leave with them.
  if (!publishDir) {
    for (const file of previous.files)
      if (!record.files.includes(file)) rmSync(path.join(outDir, file), { force: true });
  }
  writeFileAtomic(path.join(outDir, RECORD), `${JSON.stringify(record)}\n`);
  if (publishDir) {
    switchCurrent(publishDir, outDir);
    pruneReleases(publishDir, config.keepReleases);
  }
  const counts = articles
    .flatMap(articleSegments)
    .reduce<Record<string, number>>((acc, seg) => ((acc[seg.enStatus] = (acc[seg.enStatus] ?? 0) + 1), acc), {});
  report([
    diagnostic({
      file: '<build>',
      rule: 'summary',
      severity: 'info',
      reason: `${inputs.length} inputs, ${articles.length} articles, ${failed.length} failed; segments ${Object.entries(
        counts,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    }),
  ]);
  return {
    manifest,
    messages,
    failed,
    outDir,
    timings: {
      textMs: textDone - started,
      htmlMs: htmlDone - textDone,
      pdfMs: pdfDone - htmlDone,
      totalMs: pdfDone - started,
    },
    exitCode: failed.length > 0 ? 1 : 0,
  };
}
