// Redis connections for the queue: the URL read once, a probe that says plainly when Redis is not there, and the
// ioredis options BullMQ asks for (blocking connections retry forever; the coordinator's commands fail fast).
import { Redis, type RedisOptions } from 'ioredis';
import { QueueUnreachableError } from './errors.ts';

/** The oldest Redis the README promises (BullMQ's scripts need 6.2 for some commands). */
export const MIN_REDIS_VERSION = [6, 2, 0] as const;

/** The URL with any password replaced, fit for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/u, '//***@');
  }
}

/** Checks that `url` is redis://[user:pass@]HOST[:PORT][/DB] (or rediss://) and names a database by number. */
export function parseQueueUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUnreachableError(`queue: ${redactUrl(url)} is not a URL (expected redis://HOST:PORT/DB)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new QueueUnreachableError(`queue: ${redactUrl(url)} is not a redis:// or rediss:// URL`);
  if (!parsed.hostname) throw new QueueUnreachableError(`queue: ${redactUrl(url)} names no host`);
  if (!/^\/?(\d+)?$/u.test(parsed.pathname))
    throw new QueueUnreachableError(`queue: ${redactUrl(url)}: the database is a number (redis://HOST:PORT/0)`);
  return parsed;
}

/**
 * `worker`: a worker's connection, which waits through any outage and reconnects. `events` and `commands`: the
 * coordinator's (queue events, blocking; queue commands, failing at once while Redis is away), which give up after
 * about a minute without Redis, so that a build whose queue is gone can end.
 */
export type ConnectionRole = 'worker' | 'events' | 'commands';

const GIVE_UP_AFTER_TRIES = 60;

export function connectRedis(url: string, role: ConnectionRole, onError?: (error: Error) => void): Redis {
  parseQueueUrl(url);
  const giveUp = (times: number) => (times > GIVE_UP_AFTER_TRIES ? null : Math.min(times * 100, 1_000));
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, connectTimeout: 5_000 }
      : role === 'events'
        ? { maxRetriesPerRequest: null, connectTimeout: 5_000, retryStrategy: giveUp }
        : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, retryStrategy: giveUp };
  const client = new Redis(url, options);
  // ioredis reports every failed reconnection as an 'error' event; unheard, each one would crash the process.
  client.on('error', (error: Error) => onError?.(error));
  return client;
}

/** Resolves once the client is connected and ready for commands. */
export function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}

function versionAtLeast(version: string, min: readonly number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < min.length; i += 1) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}

/** Connects once, asks Redis its version and lets go; throws QueueUnreachableError when it cannot (exit code 2). */
export async function probeRedis(url: string, timeoutMs = 3_000): Promise<{ version: string }> {
  parseQueueUrl(url);
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | null = null;
  client.on('error', (error: Error) => (lastError = error));
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /^redis_version:(\S+)/mu.exec(info)?.[1] ?? '0';
    if (!versionAtLeast(version, MIN_REDIS_VERSION))
      throw new QueueUnreachableError(
        `queue: Redis at ${redactUrl(url)} is version ${version}; ` +
          `briefings needs Redis ${MIN_REDIS_VERSION.join('.')} or newer`,
      );
    return { version };
  } catch (error) {
    if (error instanceof QueueUnreachableError) throw error;
    const reason = (lastError ?? (error as Error)).message;
    throw new QueueUnreachableError(
      `queue: cannot reach Redis at ${redactUrl(url)} (${reason}); start it (systemctl start redis-server) or ` +
        `check the URL`,
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}
