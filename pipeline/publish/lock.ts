// One build at a time per output folder. The lock is a directory, DIR/.briefings.lock, holding one owner file whose
// unique name carries the owner's host, pid and process start time. Every step is one atomic POSIX call:
// - taking it: a prepared directory with our owner file is renamed onto the lock name, which succeeds only while
//   the name is free or an empty directory (a lock being released or taken over);
// - taking over a dead owner's lock: unlinking that owner's file by its unique name, which only one run can do;
//   the others then lose the rename to whoever comes first, and see a live owner;
// - releasing it: unlinking our owner file, then removing the directory only if it is still empty.
// So no two runs ever hold it, a run killed with SIGKILL leaves a lock the next run takes over at once, and a lock
// released while another run looks at it is simply taken. (proper-lockfile was the other candidate: its stale
// takeover removes and recreates by name, which lets two racing runs both win, and it needs seconds of staleness.)
import { randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_NAME = '.briefings.lock';
const STAGING = `${LOCK_NAME}.new-`;

export class LockHeldError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
    detail = '',
  ) {
    super(`another briefings run (pid ${pid}) holds ${lockFile}${detail}`);
  }
}

interface Owner {
  host: string;
  pid: number;
  /** Start time of the process in clock ticks since boot (Linux), so a reused pid is not taken for the owner. */
  started: string;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

function startTimeOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name before it is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? 'x';
  } catch {
    return 'x';
  }
}

function ownerFileName(owner: Owner): string {
  const host = Buffer.from(owner.host).toString('base64url');
  return `owner.${owner.pid}.${owner.started}.${randomBytes(6).toString('hex')}.${host}`;
}

function parseOwner(name: string): Owner | null {
  const m = /^owner\.(\d+)\.(\w+)\.[0-9a-f]+\.([\w-]*)$/u.exec(name);
  return m ? { pid: Number(m[1]), started: m[2], host: Buffer.from(m[3], 'base64url').toString() } : null;
}

/** Whether a process with this pid exists (on this host). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

/** A run on another host cannot be checked from here: its lock counts as held. */
function ownerAlive(owner: Owner): boolean {
  if (owner.host !== os.hostname()) return true;
  if (!pidAlive(owner.pid)) return false;
  const started = startTimeOf(owner.pid);
  return owner.started === 'x' || started === 'x' || started === owner.started;
}

/** Staging directories of runs killed while taking the lock. */
function removeDeadStaging(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = name.startsWith(STAGING) ? Number.parseInt(name.slice(STAGING.length), 10) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !pidAlive(pid))
      rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Takes the lock on `dir` or throws LockHeldError naming the live owner; returns the function that releases it
 * (calling it twice is harmless). A lock whose owner died is taken over, also when several runs try at once: exactly
 * one of them gets it.
 */
export function acquireLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  removeDeadStaging(dir);
  const lock = path.join(dir, LOCK_NAME);
  const me: Owner = { host: os.hostname(), pid: process.pid, started: startTimeOf(process.pid) };
  const mine = ownerFileName(me);
  const staging = path.join(dir, `${STAGING}${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging);
  writeFileSync(
    path.join(staging, mine),
    `${JSON.stringify({ ...me, since: new Date().toISOString(), argv: process.argv.slice(2) })}\n`,
  );
  try {
    // Each pass either takes the lock, finds a live owner, or removes a dead owner's file: a few passes suffice.
    for (let pass = 0; pass < 50; pass += 1) {
      try {
        renameSync(staging, lock);
        return releaser(lock, mine);
      } catch (error) {
        if (!['ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EISDIR'].includes(code(error) ?? '')) throw error;
      }
      const found = lookAt(lock);
      if (found === 'gone') continue;
      if (found.kind === 'legacy') {
        // A lock file of an earlier version: unlink cannot remove a directory lock taken meanwhile.
        if (found.alive) throw new LockHeldError(lock, found.pid);
        try {
          unlinkSync(lock);
        } catch {
          // taken or removed by another run meanwhile: look again
        }
        continue;
      }
      if (found.kind === 'foreign') throw new LockHeldError(lock, -1, ` (unexpected ${found.name} in it)`);
      if (ownerAlive(found.owner))
        throw new LockHeldError(
          lock,
          found.owner.pid,
          found.owner.host === me.host ? '' : ` on ${found.owner.host}, which this run cannot check`,
        );
      try {
        unlinkSync(path.join(lock, found.name));
      } catch (error) {
        if (code(error) !== 'ENOENT') throw error;
      }
    }
    throw new LockHeldError(lock, -1, ' (changing hands too fast to take)');
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

type Found =
  | 'gone'
  | { kind: 'owner'; name: string; owner: Owner }
  | { kind: 'legacy'; pid: number; alive: boolean }
  | { kind: 'foreign'; name: string };

function lookAt(lock: string): Found {
  try {
    if (!lstatSync(lock).isDirectory()) {
      const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      // A lock file without a pid yet is being written by a live run of an earlier version.
      return { kind: 'legacy', pid: Number.isInteger(pid) ? pid : -1, alive: !Number.isInteger(pid) || pidAlive(pid) };
    }
    const names = readdirSync(lock);
    if (names.length === 0) return 'gone';
    const owner = parseOwner(names[0]);
    return owner && names.length === 1 ? { kind: 'owner', name: names[0], owner } : { kind: 'foreign', name: names[0] };
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return 'gone';
    throw error;
  }
}

function releaser(lock: string, mine: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    rmSync(path.join(lock, mine), { force: true });
    try {
      rmdirSync(lock); // only while empty: a run that took the lock meanwhile keeps it
    } catch (error) {
      if (!['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes(code(error) ?? '')) throw error;
    }
  };
}
