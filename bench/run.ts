// npm run bench: the speed figures of issue 10 on a generated corpus, each beside a baseline measured in the same
// run and given as a ratio (the machine is shared, so only ratios within one run compare). Parts: text, html, pdf,
// cold, rebuild, rss, studio; `--only text,pdf` or `--skip rss` to choose. Writes bench/results.json.
import { spawn } from 'node:child_process';
// @ts-expect-error: a plain ES module of the CLI's, without types
import { tuneHeap } from '../bin/heap.mjs';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { build, PROJECT_ROOT, VERSION, type BuildResult } from '../pipeline/build.ts';
import type { BuildEvent } from '../pipeline/buildEvents.ts';
import { findPdfPrinter, launchChromium } from '../pipeline/render/browser.ts';
import { articleToMarkdown } from '../pipeline/render/articleToMarkdown.ts';
import { renderArticlePages } from '../pipeline/render/renderArticlePages.ts';
import { loadTemplates } from '../pipeline/render/templates.ts';
import {
  loadTextResources,
  processSource,
  type ProcessedSource,
  type TextResources,
} from '../pipeline/textPipeline.ts';
import {
  corpusSources,
  firstArticles,
  generateCorpus,
  loadUnits,
  writeCorpus,
  type Corpus,
  type CorpusSource,
  type CorpusUnit,
} from './corpus.ts';
import { MD_TO_PDF_ATTEMPTS, mdToPdfInProcess, mdToPdfProcess } from './mdToPdfBaseline.ts';
import { MemorySampler, type MemoryFigures } from './processMemory.ts';
import { profile } from './profile.ts';
import { benchStudio } from './studio.ts';
import { fixed, formatTable, machineInfo, mb, writeResults, type PartResult, type Row } from './results.ts';

// Measured as the CLI runs: the same heap tuning (bin/heap.mjs).
tuneHeap();
const PARTS = ['text', 'html', 'pdf', 'cold', 'rebuild', 'rss', 'studio'] as const;
type Part = (typeof PARTS)[number];

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    'pdf-n': { type: 'string', default: '40' },
    seed: { type: 'string', default: '20240601' },
    only: { type: 'string', multiple: true },
    skip: { type: 'string', multiple: true },
    'rss-n': { type: 'string', default: '1000,5000' },
    'cold-rounds': { type: 'string', default: '2' },
    'profile-n': { type: 'string', default: '40' },
    'studio-rounds': { type: 'string', default: '2' },
    results: { type: 'string', default: path.join(PROJECT_ROOT, 'bench', 'results.json') },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
    corpus: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const HELP = `npm run bench -- [--n 1000] [--pdf-n 40] [--seed N] [--only ${PARTS.join(',')}] [--skip PART]
  [--rss-n 1000,5000] [--cold-rounds 2] [--profile-n 40 (sources; 0 = no profile)] [--studio-rounds 2 (pastes of each seed)]
  [--results FILE] [--no-write] [--keep]`;

const positive = (name: string, value: string | undefined, min = 1) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`bench: --${name} must be an integer ≥ ${min}, got ${value}`);
  return n;
};
const N = positive('n', flags.n);
const PDF_N = positive('pdf-n', flags['pdf-n']);
const SEED = positive('seed', flags.seed, 0);
const COLD_ROUNDS = positive('cold-rounds', flags['cold-rounds']);
const PROFILE_N = positive('profile-n', flags['profile-n'], 0);
const RSS_N = (flags['rss-n'] ?? '')
  .split(',')
  .filter(Boolean)
  .map((v) => positive('rss-n', v));

const now = () => performance.now();
const benchStarted = now();
/** Progress on stderr, so a long part shows where it is (stdout keeps the tables). */
const step = (what: string) => process.stderr.write(`[${fixed((now() - benchStarted) / 1000, 0)} s] ${what}\n`);
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const sha1 = (bytes: Buffer | string) => createHash('sha1').update(bytes).digest('hex');
const markdownProcessor = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).freeze();

// ---- shared state, made when a part first needs it ----
let resources: TextResources | undefined;
let units: CorpusUnit[] | undefined;
let corpus: Corpus | undefined;
let processed: ProcessedSource[] | undefined;
let sample: { dir: string; outDir: string; build: BuildResult } | undefined;
let tmpRoot: string | undefined;
const getResources = () => (resources ??= loadTextResources());
const getUnits = () => (units ??= loadUnits(PROJECT_ROOT, getResources()));
const getCorpus = () => (corpus ??= generateCorpus(getUnits(), { articles: N, seed: SEED }));
const tmp = (name: string) => {
  tmpRoot ??= mkdtempSync(path.join(os.tmpdir(), 'briefings-bench-'));
  const dir = path.join(tmpRoot, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};
/** Debian's chromium, for md-to-pdf (our own printer finds it itself) and for its version in the results. */
const chromiumPath = () => {
  const found = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  if (!found) throw new Error('bench: Chromium not found (apt-get install -y chromium)');
  return found;
};
/** The browser our printer uses (chromium-headless-shell when installed): md-to-pdf gets the same one. */
const printerPath = () => findPdfPrinter() ?? chromiumPath();

interface PartOutput {
  figures: Record<string, unknown>;
  rows: Row[];
}

/** Runs the text stages (ingest to Markdown) on one source; null when the source failed. */
function textStages(s: CorpusSource, res: TextResources): { value: ProcessedSource; markdown: string[] } | null {
  const result = processSource(s.file, s.bytes, s.meta, res);
  if (!result.value) return null;
  return { value: result.value, markdown: result.value.articles.map((a) => articleToMarkdown(a)) };
}

const CHUNK = 20;

// ---- text: processSource + articleToMarkdown against bare unified on the same Markdown, interleaved by chunk ----
async function textPart(): Promise<PartOutput> {
  const c = getCorpus();
  const res = getResources();
  const kept: ProcessedSource[] = [];
  for (const s of c.sources.slice(0, 5)) textStages(s, res)?.markdown.forEach((m) => markdownProcessor.processSync(m));
  let sourceBytes = 0;
  let markdownBytes = 0;
  let articles = 0;
  let failed = 0;
  let textMs = 0;
  let unifiedMs = 0;
  // Chunks of both alternate so that a change of load on the shared machine falls on both sides alike.
  step(`text: ${c.sources.length} sources, ${c.plannedArticles} articles planned`);
  for (let i = 0; i < c.sources.length; i += CHUNK) {
    if (i > 0 && i % (CHUNK * 10) === 0) step(`text: ${i} sources`);
    const chunk = c.sources.slice(i, i + CHUNK);
    const markdown: string[] = [];
    let t = now();
    for (const s of chunk) {
      const r = textStages(s, res);
      sourceBytes += s.bytes.length;
      if (!r) {
        failed += 1;
        continue;
      }
      kept.push(r.value);
      articles += r.value.articles.length;
      markdown.push(...r.markdown);
    }
    textMs += now() - t;
    t = now();
    for (const m of markdown) markdownProcessor.processSync(m);
    unifiedMs += now() - t;
    for (const m of markdown) markdownBytes += Buffer.byteLength(m);
  }
  processed = kept;
  const textMBps = mb(sourceBytes) / (textMs / 1000);
  const unifiedMBps = mb(markdownBytes) / (unifiedMs / 1000);
  let where: Awaited<ReturnType<typeof profile>> | null = null;
  if (PROFILE_N > 0) {
    const subset = c.sources.slice(0, PROFILE_N);
    where = await profile(() => subset.forEach((s) => textStages(s, res)), PROJECT_ROOT);
  }
  const figures = {
    corpus: { sources: c.sources.length, plannedArticles: c.plannedArticles, seed: c.seed },
    articles,
    failedSources: failed,
    sourceMB: mb(sourceBytes),
    markdownMB: mb(markdownBytes),
    textSeconds: textMs / 1000,
    textMBps,
    textArticlesPerSecond: articles / (textMs / 1000),
    unifiedSeconds: unifiedMs / 1000,
    unifiedMBps,
    ratioToUnified: textMBps / unifiedMBps,
    timeTimesUnified: textMs / unifiedMs,
    maxRssMB: maxRssMB(),
    profile: where,
  };
  const rows: Row[] = [
    {
      measure: `text stages, ${articles} articles (${fixed(mb(sourceBytes), 1)} MB)`,
      value: `${fixed(textMBps, 3)} MB/s`,
      baseline: `unified ${fixed(unifiedMBps, 2)} MB/s`,
      ratio: fixed(textMBps / unifiedMBps, 3),
    },
    { measure: 'text stages, articles per second', value: fixed(articles / (textMs / 1000), 1) },
  ];
  if (where) {
    for (const f of where.byFolder.slice(0, 8))
      rows.push({ measure: `  profile: ${f.name}`, value: `${fixed(f.share, 1)} %` });
  }
  return { figures, rows };
}

// ---- html: renderArticlePages against bare unified on the same Markdown ----
async function htmlPart(): Promise<PartOutput> {
  const res = getResources();
  const list = processed ?? getCorpus().sources.flatMap((s) => textStages(s, res)?.value ?? []);
  const context = { templates: loadTemplates(path.join(PROJECT_ROOT, 'templates')), version: VERSION };
  for (const p of list.slice(0, 5)) renderArticlePages(p, context);
  let renderMs = 0;
  let unifiedMs = 0;
  let markdownBytes = 0;
  let htmlBytes = 0;
  let pages = 0;
  for (let i = 0; i < list.length; i += CHUNK) {
    let t = now();
    const markdown: string[] = [];
    for (const p of list.slice(i, i + CHUNK)) {
      for (const page of renderArticlePages(p, context).value) {
        markdown.push(page.markdown);
        htmlBytes += Buffer.byteLength(page.html);
        pages += 1;
      }
    }
    renderMs += now() - t;
    t = now();
    for (const m of markdown) markdownProcessor.processSync(m);
    unifiedMs += now() - t;
    for (const m of markdown) markdownBytes += Buffer.byteLength(m);
  }
  const renderMBps = mb(markdownBytes) / (renderMs / 1000);
  const unifiedMBps = mb(markdownBytes) / (unifiedMs / 1000);
  const figures = {
    pages,
    markdownMB: mb(markdownBytes),
    htmlMB: mb(htmlBytes),
    seconds: renderMs / 1000,
    pagesPerSecond: pages / (renderMs / 1000),
    markdownMBps: renderMBps,
    unifiedMBps,
    ratioToUnified: renderMBps / unifiedMBps,
    maxRssMB: maxRssMB(),
  };
  const rows: Row[] = [
    {
      measure: `HTML pages (renderArticlePages), ${pages}`,
      value: `${fixed(renderMBps, 2)} MB/s, ${fixed(pages / (renderMs / 1000), 0)} pages/s`,
      baseline: `unified ${fixed(unifiedMBps, 2)} MB/s`,
      ratio: fixed(renderMBps / unifiedMBps, 3),
    },
  ];
  return { figures, rows };
}

async function pageCount(file: string): Promise<number> {
  return (await PDFDocument.load(readFileSync(file), { updateMetadata: false, ignoreEncryption: true })).getPageCount();
}

async function pagesIn(files: string[]): Promise<number> {
  let total = 0;
  for (const f of files) total += await pageCount(f);
  return total;
}

/** Builds the PDF sample (the first sources of the corpus up to --pdf-n articles) with PDFs, once per run. */
async function getSample(): Promise<NonNullable<typeof sample> & { events: BuildEvent[]; memory: unknown }> {
  const dir = tmp('sample');
  writeCorpus(firstArticles(getCorpus().sources, PDF_N), path.join(dir, 'in'));
  const events: BuildEvent[] = [];
  step(`pdf sample: build with PDFs (${PDF_N} articles planned)`);
  const sampler = new MemorySampler().start();
  const result = await build({ cwd: dir, inputs: ['in'], outDir: 'out', onProgress: (e) => events.push(e) });
  const memory = sampler.stop().chromium;
  sample = { dir, outDir: result.outDir, build: result };
  return { ...sample, events, memory };
}

/** All sample articles' bodies in one document with the first page's head: Chromium's own ceiling. */
function combinedDocument(htmlFiles: string[]): string {
  const first = readFileSync(htmlFiles[0], 'utf8');
  const open = /<body[^>]*>/u.exec(first)!;
  const bodies = htmlFiles.map((f) => {
    const html = readFileSync(f, 'utf8');
    const start = /<body[^>]*>/u.exec(html)!;
    return html.slice(start.index + start[0].length, html.lastIndexOf('</body>'));
  });
  return `${first.slice(0, open.index + open[0].length)}${bodies.join('\n')}</body></html>\n`;
}

// ---- pdf: per-article PDFs and the digest against one combined print (the ceiling) and against md-to-pdf ----
async function pdfPart(): Promise<PartOutput> {
  const s = await getSample();
  const out = s.outDir;
  const ids = s.build.manifest.articles.map((a) => a.id);
  const titles = new Map(s.build.manifest.articles.map((a) => [a.id, a.title.zh]));
  const buildPdfFiles = [...ids.map((id) => path.join(out, `${id}.pdf`)), path.join(out, 'digest.pdf')].filter((f) =>
    existsSync(f),
  );
  const buildPages = await pagesIn(buildPdfFiles);
  const digestEvent = s.events.find((e) => e.type === 'pdf' && e.key === 'digest') as { ms?: number } | undefined;
  const measure = tmp('pdf-measure');
  const ceilingHtml = path.join(out, 'bench-ceiling.html');
  writeFileSync(ceilingHtml, combinedDocument(ids.map((id) => path.join(out, `${id}.html`))));
  const sampler = new MemorySampler().start();
  const launching = now();
  const session = await launchChromium();
  const launchMs = now() - launching;
  const timeOf = async (fn: () => Promise<unknown>) => {
    const started = now();
    await fn();
    return now() - started;
  };
  const print = (htmlPath: string, pdfPath: string, title: string) => session.print({ htmlPath, pdfPath, title });
  let closeMs = 0;
  // Each print is timed on its own: one that fails (a timeout on a loaded machine) leaves the others' figures.
  const errors: Record<string, string> = {};
  const attempt = async (name: string, fn: () => Promise<unknown>) => {
    try {
      return await timeOf(fn);
    } catch (error) {
      errors[name] = (error as Error).message;
      return Number.NaN;
    }
  };
  const ceilingPdf = (round: number) => path.join(measure, `ceiling-${round}.pdf`);
  const { ceilingMs, articleMs, digestMs } = await (async () => {
    try {
      // One page printed first so that no side pays for the first font load alone.
      await attempt('warm-up', () =>
        print(path.join(out, `${ids[0]}.html`), path.join(measure, 'warm-up.pdf'), 'warm-up'),
      );
      step('pdf: ceiling, per-article PDFs, digest, ceiling again');
      const ceilingFirst = await attempt('ceiling-1', () => print(ceilingHtml, ceilingPdf(1), 'ceiling'));
      const articles = await attempt('per-article', () =>
        Promise.all(
          ids.map((id) => print(path.join(out, `${id}.html`), path.join(measure, `${id}.pdf`), titles.get(id) ?? id)),
        ),
      );
      const digest = await attempt('digest', () =>
        print(path.join(out, 'digest.html'), path.join(measure, 'digest.pdf'), 'digest'),
      );
      // The ceiling again after the others: the mean of both evens out a change of load during the part.
      const ceilingLast = await attempt('ceiling-2', () => print(ceilingHtml, ceilingPdf(2), 'ceiling'));
      return { ceilingMs: [ceilingFirst, ceilingLast], articleMs: articles, digestMs: digest };
    } finally {
      const closing = now();
      await session.close();
      closeMs = now() - closing;
    }
  })();
  const sessionMemory = sampler.stop().chromium;
  rmSync(ceilingHtml, { force: true });
  const pagesOr0 = async (files: string[]) => (files.every((f) => existsSync(f)) ? pagesIn(files) : 0);
  const ceilingRounds = [1, 2].filter((r, i) => Number.isFinite(ceilingMs[i]));
  const ceilingPages = ceilingRounds.length > 0 ? await pageCount(ceilingPdf(ceilingRounds[0])) : 0;
  const articlePages = Number.isFinite(articleMs)
    ? await pagesOr0(ids.map((id) => path.join(measure, `${id}.pdf`)))
    : 0;
  const digestPages = Number.isFinite(digestMs) ? await pagesOr0([path.join(measure, 'digest.pdf')]) : 0;
  const okCeiling = ceilingMs.filter(Number.isFinite);
  const meanCeilingMs = okCeiling.reduce((x, y) => x + y, 0) / okCeiling.length;
  const ceilingRate = ceilingPages / (meanCeilingMs / 1000);
  const articleRate = articlePages / (articleMs / 1000);
  const digestRate = digestPages / (digestMs / 1000);
  const buildRate = buildPages / (s.build.timings.pdfMs / 1000);
  const oursWithLaunch = articlePages / ((launchMs + articleMs + closeMs) / 1000);

  // md-to-pdf on the same Markdown files (md/<id>.md), one call for all, the project's fonts served beside them.
  const base = tmp('md-to-pdf');
  cpSync(path.join(out, 'assets'), path.join(base, 'assets'), { recursive: true });
  mkdirSync(path.join(base, 'md'), { recursive: true });
  const mdFiles = ids.map((id) => {
    const to = path.join(base, 'md', `${id}.md`);
    cpSync(path.join(out, 'md', `${id}.md`), to);
    return to;
  });
  step('pdf: md-to-pdf on the same Markdown files');
  const mdSampler = new MemorySampler().start();
  // md-to-pdf opens every file at once and waits for each page with a pushState trick that now and then never
  // resolves (a navigation timeout with the machine idle): such a call is tried again, and only a whole one timed.
  let mdError: string | null = null;
  let mdMs = Number.NaN;
  let mdPages = 0;
  let mdAttempts = 0;
  while (mdAttempts < MD_TO_PDF_ATTEMPTS) {
    mdAttempts += 1;
    try {
      mdMs = await mdToPdfInProcess(mdFiles, base, printerPath());
      mdPages = await pagesIn(mdFiles.map((f) => f.replace(/\.md$/u, '.pdf')));
      mdError = null;
      break;
    } catch (error) {
      mdError = (error as Error).message;
      step(`pdf: md-to-pdf attempt ${mdAttempts} failed (${mdError.slice(0, 60)})`);
    }
  }
  const mdMemory = mdSampler.stop().chromium;
  const mdRate = mdPages / (mdMs / 1000);

  const figures = {
    articles: ids.length,
    sampleBuild: {
      failed: s.build.failed,
      timings: s.build.timings,
      pdfFiles: buildPdfFiles.length,
      pages: buildPages,
      pagesPerSecond: buildRate,
      digestMsInBuild: digestEvent?.ms ?? null,
      chromiumMemory: s.memory,
    },
    launchMs,
    closeMs,
    perArticle: { pages: articlePages, seconds: articleMs / 1000, pagesPerSecond: articleRate },
    digest: { pages: digestPages, seconds: digestMs / 1000, pagesPerSecond: digestRate },
    ceiling: { pages: ceilingPages, seconds: ceilingMs.map((m) => m / 1000), pagesPerSecond: ceilingRate },
    printErrors: errors,
    mdToPdfAttempts: mdAttempts,
    mdToPdf: mdError
      ? { error: mdError }
      : { pages: mdPages, seconds: mdMs / 1000, pagesPerSecond: mdRate, chromiumMemory: mdMemory },
    perArticleWithLaunchPagesPerSecond: oursWithLaunch,
    ratios: {
      perArticleToCeiling: articleRate / ceilingRate,
      digestToCeiling: digestRate / ceilingRate,
      buildPdfStepToCeiling: buildRate / ceilingRate,
      perArticleWithLaunchToMdToPdf: mdError ? null : oursWithLaunch / mdRate,
    },
    chromiumMemory: sessionMemory,
    maxRssMB: maxRssMB(),
  };
  const rows: Row[] = [
    {
      measure: `ceiling: ${ids.length} articles in one print`,
      value: rateText(ceilingRate, ceilingPages, errors['ceiling-1'] ?? errors['ceiling-2']),
    },
    {
      measure: `per-article PDFs, ${ids.length}`,
      value: rateText(articleRate, articlePages, errors['per-article']),
      baseline: 'ceiling',
      ratio: fixed(articleRate / ceilingRate),
      target: '≥ 0.6',
      met: meets(articleRate / ceilingRate, 0.6),
    },
    {
      measure: 'digest PDF, one print',
      value: rateText(digestRate, digestPages, errors.digest),
      baseline: 'ceiling',
      ratio: fixed(digestRate / ceilingRate),
      target: '≥ 0.8',
      met: meets(digestRate / ceilingRate, 0.8),
    },
    {
      measure: 'build PDF step (launch, articles, digest)',
      value: `${fixed(buildRate, 2)} pages/s (${buildPages} pages)`,
      baseline: 'ceiling',
      ratio: fixed(buildRate / ceilingRate),
    },
    {
      measure: 'per-article PDFs incl. browser start',
      value: `${fixed(oursWithLaunch, 2)} pages/s`,
      baseline: mdError
        ? `md-to-pdf failed: ${mdError.slice(0, 60)}`
        : `md-to-pdf ${fixed(mdRate, 2)} pages/s (${mdPages} pages)`,
      ratio: mdError ? undefined : fixed(oursWithLaunch / mdRate),
    },
    {
      measure: 'Chromium peak (our session)',
      value: memoryText(sessionMemory),
      baseline: mdError ? undefined : `md-to-pdf ${memoryText(mdMemory)}`,
    },
  ];
  return { figures, rows };
}

/** pages/s, or why there is no figure. */
function rateText(rate: number, pages: number, error?: string): string {
  return Number.isFinite(rate)
    ? `${fixed(rate, 2)} pages/s (${pages} pages)`
    : `failed: ${(error ?? '?').slice(0, 70)}`;
}

/** Whether a ratio reaches its target; no answer when the ratio could not be measured. */
function meets(ratio: number, atLeast: number): boolean | undefined {
  return Number.isFinite(ratio) ? ratio >= atLeast : undefined;
}

function memoryText(m: MemoryFigures): string {
  return `${m.peakConcurrentMB} MB at once, largest ${m.largestPeakMB} MB, ${m.processes} proc`;
}

/**
 * Runs a command; returns wall time, exit code, its stdout and, with `sampled`, the peaks of its process tree. A
 * sampled run is not a timing: reading /proc (smaps_rollup walks each process's page tables) every 100 ms took a
 * tenth of a core and slowed the run it watched.
 */
async function timedProcess(command: string, args: string[], cwd: string, sampled = false) {
  const sampler = sampled ? new MemorySampler().start(100) : null;
  const started = now();
  let stdout = '';
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
  });
  const ms = now() - started;
  return { ms, code, memory: sampler?.stop() ?? null, stdout };
}

/** The build's own timings from its last `--json` event line (the rest of the wall time is start-up and exit). */
function endTimings(stdout: string): Record<string, number> | null {
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      const event = JSON.parse(line);
      if (event.type === 'end') return event.timings;
    } catch {
      // Not an event line.
    }
  }
  return null;
}

// ---- cold: a whole `briefings build` of the seeds against md-to-pdf's CLI on the five seed texts ----
async function coldPart(): Promise<PartOutput> {
  const dir = tmp('cold');
  const seeds = readdirSync(path.join(PROJECT_ROOT, 'seeds')).filter((f) => f.endsWith('.txt'));
  const base = path.join(dir, 'md-to-pdf');
  mkdirSync(base, { recursive: true });
  const mdFiles = seeds.map((f) => {
    const to = path.join(base, f.replace(/\.txt$/u, '.md'));
    cpSync(path.join(PROJECT_ROOT, 'seeds', f), to);
    return to;
  });
  const ours: Awaited<ReturnType<typeof timedProcess>>[] = [];
  // md-to-pdf with the browser we print with (the fair pair), and with the full chromium the issue first named.
  const theirs: { ms: number }[] = [];
  const theirsChromium: { ms: number }[] = [];
  const samePrinter = printerPath();
  const otherPrinter = chromiumPath() !== samePrinter ? chromiumPath() : null;
  let ourPages = 0;
  // The CLI bundle is built on a fresh clone's first command (like npm ci, once): not part of a build's time.
  await timedProcess(process.execPath, ['bin/briefings.mjs', '--version'], PROJECT_ROOT);
  for (let round = 0; round < COLD_ROUNDS; round += 1) {
    step(`cold: round ${round + 1} of ${COLD_ROUNDS}, briefings build then md-to-pdf`);
    const out = path.join(dir, `out-${round}`);
    const run = await timedProcess(
      process.execPath,
      ['bin/briefings.mjs', 'build', 'seeds', '--out', out, '--json'],
      PROJECT_ROOT,
    );
    ours.push(run);
    if (round === 0) {
      ourPages = await pagesIn(
        readdirSync(out)
          .filter((f) => f.endsWith('.pdf'))
          .map((f) => path.join(out, f)),
      );
      if (existsSync(path.join(out, 'assets')))
        cpSync(path.join(out, 'assets'), path.join(base, 'assets'), { recursive: true });
    }
    theirs.push({ ms: await mdToPdfProcess(mdFiles, base, samePrinter) });
    if (otherPrinter) theirsChromium.push({ ms: await mdToPdfProcess(mdFiles, base, otherPrinter) });
  }
  // Memory from a run of its own: both sides' timed runs above ran unwatched.
  step('cold: one more build, its process tree sampled for memory');
  const watched = await timedProcess(
    process.execPath,
    ['bin/briefings.mjs', 'build', 'seeds', '--out', path.join(dir, 'out-memory'), '--json'],
    PROJECT_ROOT,
    true,
  );
  const memory = watched.memory!;
  const theirPages = await pagesIn(mdFiles.map((f) => f.replace(/\.md$/u, '.pdf')));
  const best = (list: { ms: number }[]) => Math.min(...list.map((r) => r.ms));
  const ratio = best(ours) / best(theirs);
  const ratioChromium = theirsChromium.length > 0 ? best(ours) / best(theirsChromium) : null;
  const figures = {
    rounds: COLD_ROUNDS,
    build: {
      seconds: ours.map((r) => r.ms / 1000),
      exitCodes: ours.map((r) => r.code),
      ownTimings: ours.map((r) => endTimings(r.stdout)),
      pages: ourPages,
      nodePeakMB: memory.other.largestPeakMB,
      chromium: memory.chromium,
      sampledRunSeconds: watched.ms / 1000,
      printer: samePrinter,
    },
    mdToPdf: { seconds: theirs.map((r) => r.ms / 1000), pages: theirPages, browser: samePrinter },
    mdToPdfChromium: otherPrinter
      ? { seconds: theirsChromium.map((r) => r.ms / 1000), pages: theirPages, browser: otherPrinter }
      : null,
    ratioBestToBest: ratio,
    ratioBestToBestChromium: ratioChromium,
  };
  const rows: Row[] = [
    {
      measure: 'cold build of the seeds (whole process)',
      value: `${fixed(best(ours) / 1000, 1)} s, ${ourPages} pages, exit ${ours.map((r) => r.code).join('/')}`,
      baseline: `md-to-pdf ${fixed(best(theirs) / 1000, 1)} s, ${theirPages} pages, same browser`,
      ratio: `${fixed(ratio)}×`,
      target: '≤ 1.0×',
      met: ratio <= 1,
    },
    ...(ratioChromium === null
      ? []
      : [
          {
            measure: 'cold build of the seeds, md-to-pdf on full chromium',
            value: `${fixed(best(ours) / 1000, 1)} s`,
            baseline: `md-to-pdf ${fixed(best(theirsChromium) / 1000, 1)} s (${otherPrinter})`,
            ratio: `${fixed(ratioChromium)}×`,
          },
        ]),
    {
      measure: 'cold build: where the time goes (fastest round)',
      value: (() => {
        const fastest = ours.reduce((a, b) => (b.ms < a.ms ? b : a));
        const t = endTimings(fastest.stdout);
        if (!t) return 'no end event';
        const startup = fastest.ms - t.totalMs;
        return `start-up+exit ${fixed(startup / 1000, 1)} s, text ${fixed(t.textMs / 1000, 1)}, HTML ${fixed(t.htmlMs / 1000, 1)}, PDF ${fixed(t.pdfMs / 1000, 1)}`;
      })(),
    },
    {
      measure: 'cold build: peak RSS of node / Chromium',
      value: `${figures.build.nodePeakMB} MB / ${memoryText(memory.chromium)}`,
    },
  ];
  return { figures, rows };
}

interface Snapshot {
  [file: string]: { mtimeMs: number; hash: string };
}

function snapshot(dir: string): Snapshot {
  const files: Snapshot = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(full);
    files[path.relative(dir, full)] = { mtimeMs, hash: sha1(readFileSync(full)) };
  }
  return files;
}

/** Which files a rebuild wrote (mtime moved) and which changed (content), grouped by what they are. */
function compare(before: Snapshot, after: Snapshot, changedArticles: string[], changedSource?: string) {
  const group = (file: string) => {
    const id = /^(?:md\/)?(.+?)\.(?:html|pdf|md)$/u.exec(file)?.[1];
    if (file === 'digest.html' || file === 'digest.pdf') return 'digest';
    if (['index.html', 'briefings.json', 'feed.xml', 'sitemap.xml'].includes(file) || file.startsWith('search/'))
      return 'index';
    if (file.startsWith('assets/')) return 'assets';
    if (id && changedArticles.includes(id)) return 'changed article';
    const inSource = changedSource && id?.startsWith(`${changedSource.replace(/\.txt$/u, '')}-`);
    if (inSource) return 'same-source articles';
    if (id && (!file.includes('/') || file.startsWith('md/'))) return 'other articles';
    return 'build record and other';
  };
  const written: Record<string, number> = {};
  const changed: Record<string, number> = {};
  // A few names of each group whose content changed, to tell what differs (a PDF reprinted, a timestamp).
  const changedFiles: Record<string, string[]> = {};
  for (const [file, a] of Object.entries(after)) {
    const b = before[file];
    const g = group(file);
    if (!b || b.mtimeMs !== a.mtimeMs) written[g] = (written[g] ?? 0) + 1;
    if (!b || b.hash !== a.hash) {
      changed[g] = (changed[g] ?? 0) + 1;
      if ((changedFiles[g] ??= []).length < 8) changedFiles[g].push(file);
    }
  }
  const removed = Object.keys(before).filter((f) => !(f in after));
  return { written, changed, changedFiles, removed };
}

/** Appends an invented clause to the last long closed line of a source: one article's text changes. */
function changeOneArticle(file: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (lines[i].length >= 40 && lines[i].endsWith('。')) {
      lines[i] = `${lines[i].slice(0, -1)}，有关工作正在稳步推进。`;
      writeFileSync(file, lines.join('\n'));
      return;
    }
  }
  throw new Error(`bench: no closed body line to change in ${file}`);
}

function changedMarkdown(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after)
    .filter((f) => f.startsWith('md/') && before[f]?.hash !== after[f].hash)
    .map((f) => f.slice(3, -3));
}

async function rebuildOf(dir: string, pdf: boolean, source: string) {
  const events: BuildEvent[] = [];
  const options = { cwd: dir, inputs: ['in'], outDir: 'out', pdf, onProgress: (e: BuildEvent) => events.push(e) };
  const outDir = path.join(dir, 'out');
  const s0 = snapshot(outDir);
  const noop = await build(options);
  const s1 = snapshot(outDir);
  const noopPrinted = events.filter((e) => e.type === 'pdf' && e.status === 'printed').length;
  events.length = 0;
  changeOneArticle(path.join(dir, 'in', source));
  const changed = await build(options);
  const s2 = snapshot(outDir);
  const articlesChanged = changedMarkdown(s1, s2);
  const printed = events
    .filter((e) => e.type === 'pdf' && e.status === 'printed')
    .map((e) => (e as { key: string }).key);
  const diff = compare(s1, s2, articlesChanged, source);
  return {
    noop: {
      seconds: noop.timings.totalMs / 1000,
      timings: noop.timings,
      pdfsPrinted: noopPrinted,
      ...compare(s0, s1, []),
    },
    oneArticleChanged: {
      source,
      seconds: changed.timings.totalMs / 1000,
      timings: changed.timings,
      articlesWithNewMarkdown: articlesChanged,
      pdfsPrinted: printed,
      ...diff,
    },
  };
}

// ---- rebuild: a no-op rebuild and a rebuild after one article changed, on the corpus (no PDFs) and the sample ----
async function rebuildPart(): Promise<PartOutput> {
  const c = getCorpus();
  const dir = tmp('corpus');
  writeCorpus(c.sources, path.join(dir, 'in'));
  step(`rebuild: full build of the corpus without PDFs, then a no-op and a one-article rebuild`);
  const first = await build({ cwd: dir, inputs: ['in'], outDir: 'out', pdf: false });
  const rssAfterCorpusBuild = maxRssMB();
  // A source in the middle with several articles: the change must stay within one of them.
  const middle = c.sources.slice(Math.floor(c.sources.length / 2)).find((s) => s.plannedArticles >= 2) ?? c.sources[0];
  const corpusRebuild = await rebuildOf(dir, false, middle.file);
  const s = sample ?? (await getSample());
  step('rebuild: no-op and one-article rebuilds of the PDF sample');
  const sampleSources = readdirSync(path.join(s.dir, 'in')).filter((f) => f.endsWith('.txt'));
  const sampleRebuild = await rebuildOf(s.dir, true, sampleSources[Math.floor(sampleSources.length / 2)]);
  const figures = {
    corpusFirstBuild: {
      articles: first.manifest.articles.length,
      failed: first.failed.length,
      timings: first.timings,
      maxRssMB: rssAfterCorpusBuild,
    },
    corpus: corpusRebuild,
    sampleWithPdfs: sampleRebuild,
  };
  const scoped = (r: typeof corpusRebuild) => {
    const w = r.oneArticleChanged.written;
    const okGroups = ['changed article', 'index', 'digest', 'build record and other'];
    return (
      r.oneArticleChanged.articlesWithNewMarkdown.length === 1 && Object.keys(w).every((g) => okGroups.includes(g))
    );
  };
  const writtenText = (written: Record<string, number>, changed: Record<string, number>) =>
    Object.entries(written)
      .map(([g, n]) => `${g} ${n} (${changed[g] ?? 0})`)
      .join(', ') || 'none';
  const rows: Row[] = [
    {
      measure: `full build of the corpus, no PDFs (${first.manifest.articles.length} articles)`,
      value: `${fixed(first.timings.totalMs / 1000, 1)} s (text ${fixed(first.timings.textMs / 1000, 1)}, HTML ${fixed(first.timings.htmlMs / 1000, 1)})`,
    },
    {
      measure: 'no-op rebuild of the corpus, no PDFs',
      value: `${fixed(corpusRebuild.noop.seconds, 2)} s`,
      target: '< 1 s',
      met: corpusRebuild.noop.seconds < 1,
    },
    {
      measure: '  files rewritten (content changed)',
      value: writtenText(corpusRebuild.noop.written, corpusRebuild.noop.changed),
      target: 'none',
      met: Object.keys(corpusRebuild.noop.written).length === 0,
    },
    {
      measure: `no-op rebuild of the PDF sample, PDFs on`,
      value: `${fixed(sampleRebuild.noop.seconds, 2)} s, ${sampleRebuild.noop.pdfsPrinted} PDFs printed`,
      target: '< 1 s',
      met: sampleRebuild.noop.seconds < 1,
    },
    {
      measure: 'rebuild after one article changed (corpus)',
      value: `${fixed(corpusRebuild.oneArticleChanged.seconds, 2)} s; new Markdown for ${corpusRebuild.oneArticleChanged.articlesWithNewMarkdown.length} article(s)`,
    },
    {
      measure: '  files rewritten (content changed)',
      value: writtenText(corpusRebuild.oneArticleChanged.written, corpusRebuild.oneArticleChanged.changed),
      target: 'article, index, digest',
      met: scoped(corpusRebuild),
    },
    {
      measure: 'rebuild after one article changed (sample, PDFs)',
      value: `${fixed(sampleRebuild.oneArticleChanged.seconds, 2)} s; PDFs printed: ${sampleRebuild.oneArticleChanged.pdfsPrinted.join(' ') || 'none'}`,
    },
    {
      measure: '  files rewritten (content changed)',
      value: writtenText(sampleRebuild.oneArticleChanged.written, sampleRebuild.oneArticleChanged.changed),
      target: 'article, index, digest',
      met: scoped(sampleRebuild),
    },
  ];
  return { figures, rows };
}

// ---- rss: the text stages alone in a fresh process over the largest corpus, peak RSS read at each corpus size ----
interface CorpusList {
  files: { file: string; plannedArticles: number }[];
}

/** In the child: reads the corpus folder one file at a time, so only the text stages' memory is measured. */
function childTextRss(dir: string, sizes: number[]): void {
  const res = loadTextResources();
  const before = maxRssMB();
  const list = JSON.parse(readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as CorpusList;
  const checkpoints = [...sizes].sort((a, b) => a - b);
  const reached: Record<string, unknown>[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  let planned = 0;
  let articles = 0;
  let bytes = 0;
  const started = now();
  for (const entry of list.files) {
    const file = path.join(dir, entry.file);
    const metaFile = file.replace(/\.txt$/u, '.meta.json');
    const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {};
    const source = {
      file: entry.file,
      bytes: readFileSync(file),
      meta,
      plannedArticles: entry.plannedArticles,
      units: [],
    };
    bytes += source.bytes.length;
    planned += entry.plannedArticles;
    articles += textStages(source, res)?.value.articles.length ?? 0;
    while (checkpoints.length > 0 && planned >= checkpoints[0]) {
      const seconds = (now() - started) / 1000;
      const peak = maxRssMB();
      const { rss, heapUsed } = process.memoryUsage();
      // What is still reachable after a full collection: growth here is memory the text stages keep.
      gc?.();
      reached.push({
        n: checkpoints.shift(),
        articles,
        sourceMB: mb(bytes),
        seconds,
        maxRssMB: peak,
        rssMB: Math.round(rss / 1024 / 1024),
        heapUsedMB: Math.round(heapUsed / 1024 / 1024),
        heapAfterGcMB: gc ? Math.round(process.memoryUsage().heapUsed / 1024 / 1024) : null,
      });
    }
  }
  process.stdout.write(`${JSON.stringify({ rssBeforeMB: before, checkpoints: reached })}\n`);
}

async function rssPart(): Promise<PartOutput> {
  // The corpus of a smaller size is the start of the larger one (same seed), so one pass reads every size.
  const dir = tmp('rss-corpus');
  const files: CorpusList['files'] = [];
  for (const s of corpusSources(getUnits(), { articles: Math.max(...RSS_N), seed: SEED })) {
    writeCorpus([s], dir);
    files.push({ file: s.file, plannedArticles: s.plannedArticles });
  }
  writeFileSync(path.join(dir, 'corpus.json'), JSON.stringify({ files }));
  step(`rss: text stages alone over ${Math.max(...RSS_N)} articles in a fresh process`);
  const stdout = await new Promise<string>((resolve, reject) => {
    const args = ['--expose-gc', 'bin/run-ts.mjs', 'bench/run.ts', '--child', 'text-rss', '--corpus', dir];
    const child = spawn(process.execPath, [...args, '--rss-n', RSS_N.join(',')], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`text-rss child exited ${code}`))));
  });
  const run = JSON.parse(stdout.trim().split('\n').pop()!) as {
    rssBeforeMB: number;
    checkpoints: {
      n: number;
      articles: number;
      seconds: number;
      maxRssMB: number;
      heapUsedMB: number;
      heapAfterGcMB: number | null;
    }[];
  };
  const first = run.checkpoints[0];
  const last = run.checkpoints[run.checkpoints.length - 1];
  const growth = last.maxRssMB / first.maxRssMB;
  const figures = { ...run, growthLargestToSmallest: growth, benchProcessMaxRssMB: maxRssMB() };
  const rows: Row[] = run.checkpoints.map((c, i) => ({
    measure: `text stages alone, after ${c.articles} articles (${c.n} planned)`,
    value: `peak RSS ${c.maxRssMB} MB (heap ${c.heapUsedMB} MB, ${c.heapAfterGcMB ?? '?'} after GC), ${fixed(c.seconds, 0)} s`,
    baseline: i === 0 ? `${run.rssBeforeMB} MB before` : `${first.maxRssMB} MB at ${first.n}`,
    ratio: i === 0 ? undefined : `${fixed(c.maxRssMB / first.maxRssMB)}×`,
    target: i === 0 ? undefined : 'flat (≤ 1.15×)',
    met: i === 0 ? undefined : c.maxRssMB / first.maxRssMB <= 1.15,
  }));
  return { figures, rows };
}

const RUNNERS: Record<Part, () => Promise<PartOutput>> = {
  text: textPart,
  html: htmlPart,
  pdf: pdfPart,
  cold: coldPart,
  rebuild: rebuildPart,
  rss: rssPart,
  studio: () => benchStudio({ rounds: positive('studio-rounds', flags['studio-rounds']), step }),
};

async function main(): Promise<void> {
  if (flags.help) {
    console.log(HELP);
    return;
  }
  if (flags.child === 'text-rss') {
    childTextRss(flags.corpus!, RSS_N);
    return;
  }
  const chosen = (list: string[] | undefined) => (list ?? []).flatMap((v) => v.split(',')).filter(Boolean);
  const only = chosen(flags.only);
  const skip = chosen(flags.skip);
  for (const p of [...only, ...skip])
    if (!PARTS.includes(p as Part)) throw new Error(`bench: unknown part ${p} (parts: ${PARTS.join(', ')})`);
  const parts = PARTS.filter((p) => (only.length === 0 || only.includes(p)) && !skip.includes(p));
  let chromium: string | null = null;
  try {
    chromium = chromiumPath();
  } catch {
    // Parts that need no browser still run; the results say none was found.
  }
  const machine = machineInfo(PROJECT_ROOT, chromium, findPdfPrinter());
  console.log(
    `bench: ${parts.join(', ')}; corpus ${N} articles (seed ${SEED}), PDF sample ${PDF_N}; ${machine.cpus}× ${machine.cpuModel}, ` +
      `${machine.totalMemoryMB} MB, node ${machine.node}, ${machine.chromium ?? 'no chromium'}` +
      `${machine.printer ? `, printing with ${machine.printer}` : ''}; load ${os
        .loadavg()
        .map((l) => fixed(l))
        .join(' ')}`,
  );
  const results: Record<string, PartResult> = {};
  const tables: string[] = [];
  let failures = 0;
  for (const part of parts) {
    const loadBefore = os.loadavg();
    const started = now();
    let output: PartOutput;
    try {
      output = await RUNNERS[part]();
    } catch (error) {
      failures += 1;
      const message = (error as Error).stack ?? String(error);
      console.error(`bench: part ${part} failed: ${message}`);
      output = {
        figures: { error: (error as Error).message },
        rows: [{ measure: `${part} failed`, value: (error as Error).message.slice(0, 100) }],
      };
    }
    const seconds = (now() - started) / 1000;
    const loadAfter = os.loadavg();
    results[part] = {
      ranAt: new Date().toISOString(),
      seconds,
      loadBefore,
      loadAfter,
      options: { n: N, pdfN: PDF_N, seed: SEED, rssN: RSS_N, coldRounds: COLD_ROUNDS, profileN: PROFILE_N },
      figures: output.figures,
    };
    const table = formatTable(
      `${part} (${fixed(seconds, 0)} s, load ${loadBefore.map((l) => fixed(l, 1)).join(' ')} → ${loadAfter
        .map((l) => fixed(l, 1))
        .join(' ')})`,
      output.rows,
    );
    tables.push(table);
    console.log(table);
    if (!flags['no-write']) writeResults(flags.results!, machine, results);
  }
  if (parts.length > 1) console.log(`\n== all parts\n${tables.join('\n')}`);
  if (!flags['no-write']) console.log(`\nwritten: ${path.relative(process.cwd(), flags.results!)}`);
  if (tmpRoot && !flags.keep) rmSync(tmpRoot, { recursive: true, force: true });
  else if (tmpRoot) console.log(`kept: ${tmpRoot}`);
  if (failures > 0) process.exitCode = 1;
}

await main();
