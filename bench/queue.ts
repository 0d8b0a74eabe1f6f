// node bin/run-ts.mjs bench/queue.ts: the render queue's figures (issue 14), with a private redis-server and workers
// run as `briefings worker` child processes. (1) PDF throughput of two workers against one on the bench corpus, each
// worker pinned to a core of its own with taskset as if on a machine of its own; (2) a seeds build through the queue
// (two workers, one page each at once) against the embedded pool (one browser, two pages); (3) queue overhead, enqueue
// to start, with an idle worker. The machine is shared: load averages are printed beside every figure.
// Options: --articles N (default 100), --runs N (seeds builds of each kind, default 2), --only (default
// throughput,seeds,overhead), --pages-per-worker N (default 1). Writes bench/queue-results.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { build, PROJECT_ROOT } from '../pipeline/build.ts';
import { installWorkerAssets, PROJECT_VERSION } from '../pipeline/queue/assets.ts';
import { createQueuePrinter } from '../pipeline/queue/index.ts';
import { QUEUE_DEFAULTS, QUEUE_NAME, renderJobId, type RenderJobData } from '../pipeline/queue/renderJob.ts';
import { loadTextResources } from '../pipeline/textPipeline.ts';
import { redisServerPath, startRedis, startWorker, type WorkerProcess } from '../tests/queueServer.ts';
import { generateCorpus, loadUnits, writeCorpus } from './corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100' },
    runs: { type: 'string', default: '2' },
    only: { type: 'string', default: 'throughput,seeds,overhead' },
    'pages-per-worker': { type: 'string', default: '1' },
  },
});
const ONLY = new Set(values.only.split(','));
// Pages each pinned worker prints at once in the throughput runs (a worker on a machine of one core).
const PAGES_PER_WORKER = Number(values['pages-per-worker']);
const ARTICLES = Number(values.articles);
const RUNS = Number(values.runs);
const load = () => os.loadavg().map((n) => Number(n.toFixed(2)));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const log = (line: string) => process.stderr.write(`${line}\n`);

const binary = redisServerPath();
if (!binary) throw new Error('redis-server is needed: apt-get install redis-server');
const redis = await startRedis(binary);
const work = mkdtempSync(path.join(os.tmpdir(), 'briefings-queue-bench-'));
const workers: WorkerProcess[] = [];
const urlFor = (db: number) => redis.url.replace(/\/0$/u, `/${db}`);
const cpus = os.availableParallelism();

async function withWorkers<T>(db: number, pins: string[], task: () => Promise<T>): Promise<T> {
  const started = await Promise.all(
    pins.map((cpu) => startWorker(urlFor(db), { concurrency: PAGES_PER_WORKER, cpus: cpu })),
  );
  workers.push(...started);
  try {
    return await task();
  } finally {
    await Promise.all(started.map((w) => w.stop()));
  }
}

/** Prints every article page of `htmlDir` through the queue on `db`; pages per second from first send to last PDF. */
async function throughput(db: number, htmlDir: string, keys: string[]) {
  const pdfDir = mkdtempSync(path.join(work, 'pdf-'));
  const printer = await createQueuePrinter({ url: urlFor(db) });
  const loadBefore = load();
  const started = performance.now();
  try {
    await Promise.all(
      keys.map((key) =>
        printer.print({
          htmlPath: path.join(htmlDir, `${key}.html`),
          pdfPath: path.join(pdfDir, `${key}.pdf`),
          title: key,
        }),
      ),
    );
  } finally {
    await printer.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    pages: keys.length,
    seconds: Number(seconds.toFixed(1)),
    perSecond: keys.length / seconds,
    loadBefore,
    loadAfter: load(),
  };
}

const results: Record<string, unknown> = { at: new Date().toISOString(), cpus, version: PROJECT_VERSION };
try {
  // (1) Throughput on the bench corpus: HTML built once, then printed by one worker and by two.
  if (ONLY.has('throughput')) {
    log(`corpus: ${ARTICLES} articles`);
    const corpus = generateCorpus(loadUnits(PROJECT_ROOT, loadTextResources()), { articles: ARTICLES, seed: 14 });
    writeCorpus(corpus.sources, path.join(work, 'corpus'));
    const html = await build({ cwd: work, inputs: ['corpus'], outDir: 'corpus-html', pdf: false });
    const keys = html.manifest.articles.map((a) => a.id);
    const htmlDir = path.join(work, 'corpus-html');
    const single = ['0'];
    const pair = cpus > 1 ? ['0', '1'] : ['0', '0'];
    log(`throughput: ${keys.length} article PDFs, one worker (cpu ${single.join()})`);
    const one = await withWorkers(1, single, () => throughput(1, htmlDir, keys));
    log(`  ${one.seconds} s, ${one.perSecond.toFixed(2)} pages/s, load ${one.loadBefore} → ${one.loadAfter}`);
    log(`throughput: two workers (cpus ${pair.join(', ')})`);
    const two = await withWorkers(2, pair, () => throughput(2, htmlDir, keys));
    log(`  ${two.seconds} s, ${two.perSecond.toFixed(2)} pages/s, load ${two.loadBefore} → ${two.loadAfter}`);
    results.throughput = { one, two, speedup: Number((two.perSecond / one.perSecond).toFixed(2)), target: 1.7 };
    log(`  two workers / one worker: ${(two.perSecond / one.perSecond).toFixed(2)}× (target ≥ 1.7×)`);
  }

  if (ONLY.has('seeds')) {
    // (2) The seeds, fresh output and fresh results each run, alternating: the embedded pool (one browser, two pages)
    // against a coordinator with two workers of one page each, and with one worker of two pages.
    const kinds = { embedded: [] as number[], twoWorkers: [] as number[], oneWorkerTwoPages: [] as number[] };
    const loads: number[][] = [];
    let db = 3;
    const queued = async (shape: number[]) => {
      // A database of its own: the results of the last run would be fetched instead of printed.
      db += 1;
      const started = await Promise.all(shape.map((concurrency) => startWorker(urlFor(db), { concurrency })));
      workers.push(...started);
      try {
        const out = path.join(work, `seeds-queue-${db}`);
        return (await build({ cwd: PROJECT_ROOT, inputs: ['seeds'], outDir: out, config: { queue: urlFor(db) } }))
          .timings.pdfMs;
      } finally {
        await Promise.all(started.map((w) => w.stop()));
      }
    };
    for (let run = 0; run < RUNS; run += 1) {
      loads.push(load());
      const out = path.join(work, `seeds-local-${run}`);
      kinds.embedded.push((await build({ cwd: PROJECT_ROOT, inputs: ['seeds'], outDir: out })).timings.pdfMs);
      kinds.twoWorkers.push(await queued([1, 1]));
      kinds.oneWorkerTwoPages.push(await queued([2]));
      log(
        `seeds run ${run + 1}: PDF step embedded ${Math.round(kinds.embedded.at(-1)!)} ms, ` +
          `two workers ${Math.round(kinds.twoWorkers.at(-1)!)} ms, ` +
          `one worker of two pages ${Math.round(kinds.oneWorkerTwoPages.at(-1)!)} ms (load ${loads.at(-1)})`,
      );
    }
    const ratio = (xs: number[]) => Number((median(xs) / median(kinds.embedded)).toFixed(2));
    results.seeds = {
      pdfMs: kinds,
      loads,
      twoWorkersOverEmbedded: ratio(kinds.twoWorkers),
      oneWorkerOverEmbedded: ratio(kinds.oneWorkerTwoPages),
      target: 1.2,
    };
    log(
      `  PDF step over embedded (medians): two workers ${ratio(kinds.twoWorkers)}, ` +
        `one worker ${ratio(kinds.oneWorkerTwoPages)} (target ≤ 1.2)`,
    );
  }

  if (ONLY.has('overhead')) {
    // (3) Overhead: one small job at a time to an idle worker; BullMQ's timestamp (added) to processedOn (started).
    const overheadDir = path.join(work, 'overhead');
    mkdirSync(overheadDir);
    const assetHash = installWorkerAssets(overheadDir);
    const overhead = await withWorkers(9, ['0'], async () => {
      const connection = new Redis(urlFor(9), { maxRetriesPerRequest: null });
      const queue = new Queue<RenderJobData>(QUEUE_NAME, { connection });
      const events = new QueueEvents(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port, db: 9 } });
      await events.waitUntilReady();
      const toStart: number[] = [];
      const roundTrip: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        const page =
          `<!doctype html><html lang="zh-Hans"><head><title>${i}</title>` +
          `<link rel="stylesheet" href="assets/briefing.css"></head>` +
          `<body class="article"><p>第${i}页</p></body></html>`;
        const sent = performance.now();
        const job = await queue.add(
          `overhead-${i}`,
          {
            key: `overhead-${i}`,
            title: String(i),
            html: page,
            assetHash,
            version: PROJECT_VERSION,
            resultTtlMs: 60_000,
          },
          { jobId: renderJobId(page, String(i), assetHash) },
        );
        await job.waitUntilFinished(events);
        roundTrip.push(performance.now() - sent);
        const done = (await queue.getJob(job.id!))!;
        toStart.push(done.processedOn! - done.timestamp);
        await new Promise((r) => setTimeout(r, 100)); // the worker idle again, waiting on Redis
      }
      await events.close();
      await queue.close();
      connection.disconnect();
      const medianRoundTripMs = Math.round(median(roundTrip));
      return { toStartMs: toStart, medianToStartMs: median(toStart), medianRoundTripMs };
    });
    results.overhead = { ...overhead, target: 20, load: load() };
    log(
      `overhead: enqueue → start median ${overhead.medianToStartMs} ms (target < 20 ms), ` +
        `round trip median ${overhead.medianRoundTripMs} ms`,
    );
  }
  results.defaults = QUEUE_DEFAULTS;
} finally {
  await Promise.all(workers.map((w) => w.stop()));
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(path.join(PROJECT_ROOT, 'bench', 'queue-results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results)}\n`);
