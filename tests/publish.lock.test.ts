// One run per output folder: a live owner keeps the lock (LockHeldError, exit 3), a run killed with SIGKILL leaves a
// lock the next run takes over at once, and when several runs race for a dead run's lock exactly one gets it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LOCK_NAME, LockHeldError } from '../pipeline/publish/lock.ts';
import { ROOT } from './helpers.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockOf = (d: string) => path.join(d, LOCK_NAME);
const heldBy = (fn: () => unknown): number => {
  try {
    fn();
  } catch (error) {
    if (error instanceof LockHeldError) return error.pid;
    throw error;
  }
  throw new Error('the lock was taken');
};

/**
 * A run in a child process, driven over stdin: prints `ready` once loaded; on `go AT` waits for the instant AT,
 * tries the lock and prints `won` or `held PID` (anything else as `crash`); on `release` lets go and prints
 * `released`. It holds the lock it won until told, or until it is killed.
 */
const LOCK_MODULE = pathToFileURL(path.join(ROOT, 'pipeline/publish/lock.ts')).href;
const RACER = `
const { acquireLock, LockHeldError } = await import(${JSON.stringify(LOCK_MODULE)});
const dir = process.argv[1];
let release = null;
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let at = buffer.indexOf('\\n'); at >= 0; at = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, at);
    buffer = buffer.slice(at + 1);
    if (line === 'release') {
      release?.();
      release = null;
      process.stdout.write('released\\n');
      continue;
    }
    const go = Number(line.slice(3));
    while (Date.now() < go) {}
    try {
      release = acquireLock(dir);
      process.stdout.write('won\\n');
    } catch (error) {
      const answer = error instanceof LockHeldError ? 'held ' + error.pid : 'crash ' + error.stack;
      process.stdout.write(answer + '\\n');
    }
  }
});
process.stdout.write('ready\\n');
`;

class Racer {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  constructor(lockDir: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RACER, lockDir], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let text = '';
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (c: string) => {
      text += c;
      const parts = text.split('\n');
      text = parts.pop()!;
      this.lines.push(...parts);
    });
    this.child.stderr!.on('data', (c: Buffer) => this.lines.push(`crash (stderr) ${c.toString()}`));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }
  /** Sends a command and waits for its one-line answer. */
  async ask(command: string): Promise<string> {
    const seen = this.lines.length;
    this.child.stdin!.write(`${command}\n`);
    await until(() => this.lines.length > seen);
    return this.lines[seen];
  }
}

async function until(what: () => boolean, ms = 20000): Promise<void> {
  for (const end = Date.now() + ms; !what();) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A lock left by a run killed with SIGKILL while it held it; returns the dead run's pid. */
async function lockOfKilledRun(lockDir: string): Promise<number> {
  const holder = new Racer(lockDir);
  await until(() => holder.lines.includes('ready'));
  expect(await holder.ask(`go ${Date.now()}`)).toBe('won');
  holder.child.kill('SIGKILL');
  await holder.exited;
  expect(existsSync(lockOf(lockDir))).toBe(true);
  return holder.child.pid!;
}

/** The lock as a run that has died leaves it (its pid is beyond any pid the kernel gives out). */
function lockOfDeadRun(lockDir: string): void {
  mkdirSync(lockOf(lockDir), { recursive: true });
  const host = Buffer.from(os.hostname()).toString('base64url');
  writeFileSync(path.join(lockOf(lockDir), `owner.999999999.x.${Math.random().toString(16).slice(2, 8)}.${host}`), '');
}

describe('the lock in one process', () => {
  it('is held until released, then free again; releasing twice is harmless', () => {
    const release = acquireLock(dir);
    expect(readdirSync(lockOf(dir))).toEqual([expect.stringMatching(new RegExp(`^owner\\.${process.pid}\\.`, 'u'))]);
    expect(heldBy(() => acquireLock(dir))).toBe(process.pid);
    release();
    release();
    expect(existsSync(lockOf(dir))).toBe(false);
    acquireLock(dir)();
    expect(readdirSync(dir)).toEqual([]); // no staging directories left behind
  });

  it('reads a lock file of the earlier version: held while its pid lives, taken over after', () => {
    writeFileSync(lockOf(dir), String(process.pid));
    expect(heldBy(() => acquireLock(dir))).toBe(process.pid);
    writeFileSync(lockOf(dir), '999999999');
    acquireLock(dir)();
    expect(existsSync(lockOf(dir))).toBe(false);
  });

  it.runIf(existsSync('/proc/self/stat'))('does not take a reused pid for the owner', () => {
    mkdirSync(lockOf(dir));
    const host = Buffer.from(os.hostname()).toString('base64url');
    // Our pid, but a process started at another time: the owner is gone and its pid was given to us.
    writeFileSync(path.join(lockOf(dir), `owner.${process.pid}.1.abcdef.${host}`), '{}');
    const release = acquireLock(dir);
    expect(readdirSync(lockOf(dir))).toHaveLength(1);
    release();
  });

  it('counts a lock of another host as held, and says so', () => {
    mkdirSync(lockOf(dir));
    const host = Buffer.from('elsewhere.example').toString('base64url');
    writeFileSync(path.join(lockOf(dir), `owner.999999999.x.abcdef.${host}`), '{}');
    expect(() => acquireLock(dir)).toThrow(/pid 999999999.*on elsewhere\.example/u);
  });
});

describe('the lock across processes', () => {
  it('is taken over at once from a run killed with SIGKILL', async () => {
    const dead = await lockOfKilledRun(dir);
    expect(readdirSync(lockOf(dir))[0]).toMatch(new RegExp(`^owner\\.${dead}\\.`, 'u'));
    const release = acquireLock(dir);
    expect(readdirSync(lockOf(dir))[0]).toMatch(new RegExp(`^owner\\.${process.pid}\\.`, 'u'));
    release();
  });

  it('goes to exactly one of several runs racing for a dead run’s lock; the others see it held', async () => {
    const racers = 4;
    const rounds = 150;
    await lockOfKilledRun(dir);
    const runs = Array.from({ length: racers }, () => new Racer(dir));
    try {
      await until(() => runs.every((r) => r.lines.includes('ready')));
      for (let round = 0; round < rounds; round += 1) {
        // Every third round nobody holds the lock; the others start from a dead run's lock.
        if (round > 0 && round % 3 !== 0) lockOfDeadRun(dir);
        const at = Date.now() + 15;
        const outcome = await Promise.all(runs.map((r) => r.ask(`go ${at}`)));
        const winners = runs.filter((_r, i) => outcome[i] === 'won');
        expect(winners, `round ${round}: ${outcome.join(', ')}`).toHaveLength(1);
        // Every loser names the winner as the live owner; nobody crashed.
        expect(
          outcome.filter((o) => o !== 'won'),
          `round ${round}`,
        ).toEqual(Array.from({ length: racers - 1 }, () => `held ${winners[0].child.pid}`));
        expect(await winners[0].ask('release')).toBe('released');
        expect(existsSync(lockOf(dir))).toBe(false);
      }
    } finally {
      for (const r of runs) r.child.stdin!.end();
    }
    expect(await Promise.all(runs.map((r) => r.exited))).toEqual(Array.from({ length: racers }, () => 0));
    expect(readdirSync(dir)).toEqual([]);
  }, 60000);
});
