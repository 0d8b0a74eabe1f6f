// One build at a time per output folder: a lock file holding the owner's pid. A lock left by a dead process is taken
// over.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class LockHeldError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(`another briefings run (pid ${pid}) holds ${lockFile}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock or throws LockHeldError; returns the function that releases it. The lock appears with its pid
 * already in it (written to a temporary file, then hard-linked into place), so no reader sees an empty lock.
 */
export function acquireLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.briefings.lock');
  const temp = path.join(dir, `.briefings.lock.${process.pid}.${Date.now()}`);
  writeFileSync(temp, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        linkSync(temp, file);
        return () => rmSync(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
        // Unreadable means another run is writing it: held. A dead owner's lock is taken over once.
        if (!Number.isInteger(pid) || alive(pid) || attempt > 0)
          throw new LockHeldError(file, Number.isInteger(pid) ? pid : -1);
        rmSync(file, { force: true });
      }
    }
    throw new LockHeldError(file, -1);
  } finally {
    rmSync(temp, { force: true });
  }
}
