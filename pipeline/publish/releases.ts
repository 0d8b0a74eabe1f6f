// --publish DIR: every build is a release under DIR/releases/; DIR/current is a symlink switched atomically
// (a new link renamed over the old), so a web server never sees a half-built site. Old releases are pruned.
import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export function newReleaseDir(publishDir: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d+Z$/u, 'Z');
  const dir = path.join(publishDir, 'releases', `${stamp}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The release DIR/current points at, or null. */
export function currentRelease(publishDir: string): string | null {
  const link = path.join(publishDir, 'current');
  if (!existsSync(link)) return null;
  return path.resolve(publishDir, readlinkSync(link));
}

export function switchCurrent(publishDir: string, releaseDir: string): void {
  const temp = path.join(publishDir, `.current-${process.pid}`);
  rmSync(temp, { force: true });
  symlinkSync(path.relative(publishDir, releaseDir), temp);
  renameSync(temp, path.join(publishDir, 'current'));
}

/** Keeps the newest `keep` releases and the current one. */
export function pruneReleases(publishDir: string, keep: number): string[] {
  const root = path.join(publishDir, 'releases');
  const current = currentRelease(publishDir);
  const all = readdirSync(root).sort();
  const removed: string[] = [];
  for (const name of all.slice(0, Math.max(0, all.length - keep))) {
    const dir = path.join(root, name);
    if (dir === current) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Points DIR/current back at the release before it; returns that release, or null when there is none. */
export function rollback(publishDir: string): string | null {
  const current = currentRelease(publishDir);
  const root = path.join(publishDir, 'releases');
  if (!existsSync(root)) return null;
  const all = readdirSync(root)
    .sort()
    .map((name) => path.join(root, name));
  const at = current ? all.indexOf(current) : all.length;
  const previous = at > 0 ? all[at - 1] : null;
  if (!previous) return null;
  switchCurrent(publishDir, previous);
  return previous;
}
