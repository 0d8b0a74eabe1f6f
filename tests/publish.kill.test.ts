// A publishing run killed with SIGKILL at 20 points spread over its duration: after every kill the live site
// (DIR/current), when there is one, is a complete release whose manifest and index parse and whose files exist;
// no run that ends by itself fails (a dead run's lock is taken over), and a last run succeeds and leaves nothing
// of the killed runs behind.
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_FOLDER } from '../pipeline/publish/sourceCache.ts';
import { LOCK_NAME } from '../pipeline/publish/lock.ts';
import { isCompleteRelease, releaseDirs, verifyRelease } from '../pipeline/publish/releases.ts';
import { ROOT } from './helpers.ts';

const KILLS = 20;
const SEED = path.join(ROOT, 'seeds', '000_b9fc0974fe387ea8.txt');
let dir: string;
let site: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-kill-'));
  site = path.join(dir, 'site');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** mulberry32: the same delays on every run of the test. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  /** When the run had taken the lock on DIR, its first write there (null if never seen). */
  lockedAtMs: number | null;
  stderr: string;
}

/**
 * One `briefings build page.txt --publish site --no-pdf`, killed with SIGKILL after `killAfterMs` if still running.
 * The page is the seed with a line that differs every run, so no run finds nothing to do (the source cache).
 * Without a kill it also notes when the lock appeared (so only while no dead run's lock is there).
 */
let runs = 0;
function publish(killAfterMs?: number): Promise<Run> {
  runs += 1;
  writeFileSync(path.join(dir, 'page.txt'), `${readFileSync(SEED, 'utf8')}\n第${runs}次补记。\n`);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'briefings.mjs'), 'build', 'page.txt', '--publish', 'site', '--no-pdf', '--quiet'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  let lockedAtMs: number | null = null;
  const watch = setInterval(() => {
    if (killAfterMs === undefined && lockedAtMs === null && existsSync(path.join(site, LOCK_NAME)))
      lockedAtMs = Date.now() - started;
  }, 5);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearInterval(watch);
      resolve({ code, signal, ms: Date.now() - started, lockedAtMs, stderr });
    }),
  );
}

/** A whole HTML document: doctype, every non-void element closed in order, nothing after </html>. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (!/^\s*<!doctype html>/iu.test(html)) problems.push('no doctype');
  if (!/<\/html>\s*$/iu.test(html)) problems.push('does not end with </html>');
  const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);
  const stack: string[] = [];
  const body = html.replace(/<!--[\s\S]*?-->/gu, '').replace(/<(script|style)\b[\s\S]*?<\/\1>/giu, '');
  for (const [, close, name] of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/gu)) {
    const tag = name.toLowerCase();
    if (VOID.has(tag)) continue;
    if (!close) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`</${tag}> closes another element`);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' ')}`);
  return problems;
}

/** What is wrong with the live site; empty when DIR/current is absent or a complete, readable release. */
function liveSiteProblems(): string[] {
  const link = path.join(site, 'current');
  let isLink = false;
  try {
    isLink = lstatSync(link).isSymbolicLink();
  } catch {
    // no DIR/current yet: nothing is live, which is fine
  }
  if (!isLink) return existsSync(link) ? ['DIR/current is not a symlink'] : [];
  if (!existsSync(link)) return ['DIR/current points at nothing'];
  const release = realpathSync(link);
  const problems = verifyRelease(release);
  if (problems.length > 0) return problems;
  let manifest: { articles: { id: string }[] };
  try {
    manifest = JSON.parse(readFileSync(path.join(release, 'briefings.json'), 'utf8'));
  } catch (error) {
    return [`briefings.json does not parse: ${(error as Error).message}`];
  }
  problems.push(...htmlProblems(readFileSync(path.join(release, 'index.html'), 'utf8')).map((p) => `index.html: ${p}`));
  if (manifest.articles.length === 0) problems.push('the manifest lists no articles');
  for (const { id } of manifest.articles)
    for (const file of [`${id}.html`, `md/${id}.md`])
      if (!existsSync(path.join(release, file))) problems.push(`${file} is listed in the manifest but missing`);
  return problems;
}

describe('a publishing run killed with SIGKILL', () => {
  it('never leaves the live site incomplete, and the next run succeeds', async () => {
    // How long a whole run takes here, and when it starts writing to DIR, so the kills spread over both.
    const whole = await publish();
    expect(whole.code, whole.stderr).toBe(0);
    expect(liveSiteProblems()).toEqual([]);
    const locked = whole.lockedAtMs ?? 0;
    const random = seeded(9);
    const outcomes: string[] = [];
    const half = KILLS / 2;
    for (let i = 0; i < KILLS; i += 1) {
      // One delay in each tenth of the whole run (start-up included), then one in each tenth of its publishing
      // part, from taking the lock to the switch of DIR/current at the end.
      const delay = Math.round(
        i < half ? ((i + random()) / half) * whole.ms : locked + ((i - half + random()) / half) * (whole.ms - locked),
      );
      const run = await publish(delay);
      outcomes.push(run.signal ? `killed at ${delay} ms` : `finished (exit ${run.code}) before ${delay} ms`);
      // A run that was not killed finished: it took over the dead run's lock and built (no exit 3, no 70).
      if (!run.signal) expect(run.code, `run ${i}: ${run.stderr}`).toBe(0);
      expect(liveSiteProblems(), `after run ${i}, ${outcomes.at(-1)}`).toEqual([]);
    }
    const last = await publish();
    expect(last.code, last.stderr).toBe(0);
    expect(liveSiteProblems()).toEqual([]);
    // Nothing of the killed runs is left: no incomplete release, no half-made link, no lock.
    expect(releaseDirs(site).filter((d) => !isCompleteRelease(d))).toEqual([]);
    expect(readdirSync(site).filter((n) => !['current', 'releases', CACHE_FOLDER].includes(n))).toEqual([]);
    // The source cache keeps no half-written file of a killed run once a run finished.
    const cached = readdirSync(path.join(site, CACHE_FOLDER), { recursive: true }).map(String);
    expect(cached.filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(existsSync(path.join(site, LOCK_NAME))).toBe(false);
    expect(outcomes.filter((o) => o.startsWith('killed')).length).toBeGreaterThanOrEqual(KILLS / 2);
  }, 300000);
});
