// briefings watch on a temporary folder: inputs added after the start are built, bursts of changes make one build,
// a failing build does not stop the watching, builds never overlap, and stopping closes everything.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchAndRebuild } from '../pipeline/publish/watch.ts';

let dir: string;
let inputs: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-watch-'));
  inputs = path.join(dir, 'in');
  mkdirSync(inputs);
  writeFileSync(path.join(inputs, 'a.txt'), '第一篇');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, ms = 10000): Promise<void> {
  for (const end = Date.now() + ms; !what();) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

/** A watcher whose build lists the inputs it finds, fails when told, and records overlapping builds. */
function startWatching(options: { files?: string[]; buildMs?: number; failOn?: (n: number) => boolean } = {}) {
  const stop = new AbortController();
  const built: string[][] = [];
  const errors: string[] = [];
  let active = 0;
  let overlapped = false;
  let calls = 0;
  let ready = false;
  const done = watchAndRebuild({
    folders: [inputs],
    files: options.files ?? [],
    quietMs: 100,
    signal: stop.signal,
    onReady: () => (ready = true),
    rebuild: async () => {
      calls += 1;
      active += 1;
      overlapped ||= active > 1;
      try {
        await sleep(options.buildMs ?? 0);
        if (options.failOn?.(calls)) throw new Error(`build ${calls} failed`);
        return readdirSync(inputs)
          .filter((n) => n.endsWith('.txt'))
          .sort();
      } finally {
        active -= 1;
      }
    },
    onBuild: (result) => {
      if (result instanceof Error) errors.push(result.message);
      else built.push(result);
    },
  });
  return {
    stop,
    done,
    built,
    errors,
    get calls() {
      return calls;
    },
    get overlapped() {
      return overlapped;
    },
    get ready() {
      return ready;
    },
  };
}

describe('watch', () => {
  it('builds once at the start, then an input added afterwards', async () => {
    const w = startWatching();
    await until(() => w.built.length === 1);
    expect(w.built[0]).toEqual(['a.txt']);
    writeFileSync(path.join(inputs, 'b.txt'), '第二篇');
    await until(() => w.built.length === 2);
    expect(w.built[1]).toEqual(['a.txt', 'b.txt']);
    // The added file is watched too: changing it builds again.
    appendFileSync(path.join(inputs, 'b.txt'), '续');
    await until(() => w.built.length === 3);
    unlinkSync(path.join(inputs, 'a.txt'));
    await until(() => w.built.length === 4);
    expect(w.built[3]).toEqual(['b.txt']);
    w.stop.abort();
    await w.done;
  });

  it('gathers a burst of changes into one build, and ignores files a build does not read', async () => {
    const w = startWatching();
    await until(() => w.built.length === 1);
    for (let i = 0; i < 5; i += 1) {
      appendFileSync(path.join(inputs, 'a.txt'), `${i}`);
      writeFileSync(path.join(inputs, 'a.meta.json'), JSON.stringify({ page: i }));
      await sleep(20);
    }
    await until(() => w.built.length === 2);
    writeFileSync(path.join(inputs, 'notes.md'), 'not an input');
    writeFileSync(path.join(inputs, '.a.txt.swp'), 'editor scratch');
    await sleep(600);
    expect(w.calls).toBe(2);
    w.stop.abort();
    await w.done;
  });

  it('keeps watching after a build fails, and builds again on the next change', async () => {
    const w = startWatching({ failOn: (n) => n === 2 });
    await until(() => w.built.length === 1);
    writeFileSync(path.join(inputs, 'b.txt'), '第二篇');
    await until(() => w.errors.length === 1);
    expect(w.errors).toEqual(['build 2 failed']);
    writeFileSync(path.join(inputs, 'c.txt'), '第三篇');
    await until(() => w.built.length === 2);
    expect(w.built[1]).toEqual(['a.txt', 'b.txt', 'c.txt']);
    w.stop.abort();
    await w.done;
  });

  it('never runs two builds at once: changes during a build make one more build after it', async () => {
    const w = startWatching({ buildMs: 400 });
    await until(() => w.ready);
    await sleep(50); // the first build is running
    writeFileSync(path.join(inputs, 'b.txt'), '第二篇');
    await sleep(150);
    writeFileSync(path.join(inputs, 'c.txt'), '第三篇');
    await until(() => w.built.length === 2);
    await sleep(500);
    expect(w.overlapped).toBe(false);
    expect(w.built.at(-1)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(w.calls).toBeLessThanOrEqual(3);
    w.stop.abort();
    await w.done;
  });

  it('watches a single file that does not exist yet (the reviewed translations)', async () => {
    const reviewed = path.join(dir, 'translations', 'reviewed.json');
    const w = startWatching({ files: [reviewed] });
    await until(() => w.built.length === 1);
    mkdirSync(path.dirname(reviewed));
    writeFileSync(reviewed, '{}');
    await until(() => w.built.length === 2);
    w.stop.abort();
    await w.done;
  });

  it('stops when asked: waits for a running build, then builds no more', async () => {
    const w = startWatching({ buildMs: 300 });
    await until(() => w.ready);
    w.stop.abort();
    await w.done;
    expect(w.built).toHaveLength(1); // the running build finished before done resolved
    writeFileSync(path.join(inputs, 'b.txt'), '第二篇');
    await sleep(400);
    expect(w.calls).toBe(1);
  });
});
