// For the queue tests: a private redis-server on a free loopback port (no persistence), and render workers run as
// child processes of the real CLI, with their output lines kept for the assertions.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Not helpers.ts: that one loads vitest, and the bench (bench/queue.ts) uses this file outside of it.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

function findRedisServer(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** redis-server, installed with apt-get as set-up would when it is missing and this is root; null if it cannot be. */
export function redisServerPath(): string | null {
  const found = findRedisServer();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    const install = ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'];
    spawnSync('apt-get', install, { env, stdio: 'ignore' });
  }
  return findRedisServer();
}

export const SKIP_REASON =
  'redis-server is not installed and cannot be installed here (not root, or no apt-get): ' +
  'the queue tests are skipped; install it with `apt-get install redis-server` (any Redis 6.2+)';

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  /** A redis-cli command against this server (for looking at the queue's keys). */
  cli(...args: string[]): string;
  stop(): Promise<void>;
}

export async function startRedis(binary: string): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}:\n${log}`)), 15_000);
    const check = () => {
      if (/Ready to accept connections/u.test(log)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${log}`));
    });
  });
  const cliBinary = path.join(path.dirname(binary), 'redis-cli');
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    cli: (...args) =>
      execFileSync(existsSync(cliBinary) ? cliBinary : 'redis-cli', ['-p', String(port), ...args], {
        encoding: 'utf8',
      }).trim(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Every line the worker printed so far (stdout and stderr). */
  lines: string[];
  /** Resolves with the first line from line number `from` on (already printed or to come) that matches. */
  waitFor(pattern: RegExp, options?: { timeoutMs?: number; from?: number }): Promise<string>;
  /** Job ids the worker started printing. */
  printing(): string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `briefings worker --queue URL` as a child process, resolved once it says it is ready. */
export async function startWorker(
  url: string,
  /** cpus: a taskset CPU list the worker and its browser are pinned to (a machine of its own, for the bench). */
  options: { concurrency?: number; stallMs?: number; cwd?: string; cpus?: string } = {},
): Promise<WorkerProcess> {
  const args = [path.join(ROOT, 'bin', 'briefings.mjs'), 'worker', '--queue', url];
  if (options.concurrency) args.push('--concurrency', String(options.concurrency));
  if (options.stallMs) args.push('--stall-ms', String(options.stallMs));
  const [command, commandArgs] = options.cpus
    ? ['taskset', ['-c', options.cpus, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, commandArgs, { cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let rest = '';
  const take = (chunk: Buffer) => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters])
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, { timeoutMs = 120_000, from = 0 } = {}) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.slice(from).find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () =>
          reject(
            new Error(`worker ${child.pid}: no line matching ${pattern} in ${timeoutMs} ms:\n${lines.join('\n')}`),
          ),
        timeoutMs,
      );
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`worker ${child.pid} exited with ${code} before ${pattern}:\n${lines.join('\n')}`));
      });
    });
  await waitFor(/ ready: queue /u);
  return {
    child,
    pid: child.pid!,
    lines,
    waitFor,
    printing: () => lines.flatMap((l) => /^printing \S+ \((pdf-[0-9a-f]+)\)/u.exec(l)?.[1] ?? []),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
