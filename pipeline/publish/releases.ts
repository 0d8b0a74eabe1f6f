// --publish DIR: every build is a release under DIR/releases/; DIR/current is a symlink switched atomically (a new
// link renamed over the old), so a web server never sees a half-built site. A release is complete once its marker,
// written last and atomically, lists every file in it; only complete releases go live, are rolled back to or
// counted when old ones are pruned. What a failed or killed run leaves is removed.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pidAlive } from './lock.ts';
import { writeFileAtomic } from './writeFiles.ts';

export const COMPLETE_MARKER = '.complete';

export interface ReleaseMarker {
  version: 1;
  completedAt: string;
  pid: number;
  /** Every file of the release but the marker, with its size, relative and with forward slashes. */
  files: { path: string; size: number }[];
}

/** `YYYYMMDDTHHMMSS.mmmZ-PID[-N]`: sorts by time; the pid tells whose run made it. */
const RELEASE_NAME = /^\d{8}T\d{6}(?:\.\d{3})?Z-(\d+)(?:-\d+)?$/u;
/** Names of the version before markers (seconds only): their finished releases are adopted, see below. */
const LEGACY_NAME = /^\d{8}T\d{6}Z-\d+$/u;
const LEGACY_RECORD = '.briefings-build.json';

const releasesRoot = (publishDir: string) => path.join(publishDir, 'releases');

/** Creates a new, empty release folder; never reuses one (two builds in one millisecond get -1, -2…). */
export function newReleaseDir(publishDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/gu, '');
  mkdirSync(releasesRoot(publishDir), { recursive: true });
  for (let n = 0; ; n += 1) {
    const dir = path.join(releasesRoot(publishDir), `${stamp}-${process.pid}${n > 0 ? `-${n}` : ''}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Every release folder, oldest first. */
export function releaseDirs(publishDir: string): string[] {
  const root = releasesRoot(publishDir);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => RELEASE_NAME.test(name))
    .sort()
    .map((name) => path.join(root, name));
}

function readMarker(releaseDir: string): ReleaseMarker | null {
  try {
    const marker = JSON.parse(readFileSync(path.join(releaseDir, COMPLETE_MARKER), 'utf8')) as ReleaseMarker;
    return marker.version === 1 && Array.isArray(marker.files) ? marker : null;
  } catch {
    return null;
  }
}

export function isCompleteRelease(releaseDir: string): boolean {
  return readMarker(releaseDir) !== null;
}

function filesOf(dir: string, prefix = ''): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesOf(path.join(dir, entry.name), relative));
    else if (relative !== COMPLETE_MARKER)
      out.push({ path: relative, size: statSync(path.join(dir, entry.name)).size });
  }
  return out;
}

/**
 * Marks a release complete: the last write of a build, after every file of the release is in place. The marker
 * lists those files, so a release can be checked against it (verifyRelease).
 */
export function markReleaseComplete(releaseDir: string, now = new Date()): ReleaseMarker {
  const marker: ReleaseMarker = {
    version: 1,
    completedAt: now.toISOString(),
    pid: process.pid,
    files: filesOf(releaseDir),
  };
  writeFileAtomic(path.join(releaseDir, COMPLETE_MARKER), `${JSON.stringify(marker, null, 1)}\n`);
  return marker;
}

/** What is wrong with a release: no marker, or a listed file missing or of another size. Empty when complete. */
export function verifyRelease(releaseDir: string): string[] {
  const marker = readMarker(releaseDir);
  if (!marker) return [`${releaseDir}: no ${COMPLETE_MARKER} marker, the release is not complete`];
  const problems: string[] = [];
  for (const file of marker.files) {
    const full = path.join(releaseDir, ...file.path.split('/'));
    if (!existsSync(full)) problems.push(`${releaseDir}: ${file.path} is listed but missing`);
    else if (statSync(full).size !== file.size)
      problems.push(`${releaseDir}: ${file.path} has ${statSync(full).size} bytes, ${file.size} listed`);
  }
  return problems;
}

/** The release DIR/current points at, or null. */
export function currentRelease(publishDir: string): string | null {
  const link = path.join(publishDir, 'current');
  try {
    if (!lstatSync(link).isSymbolicLink()) return null;
    return path.resolve(publishDir, readlinkSync(link));
  } catch {
    return null;
  }
}

/** Points DIR/current at a complete release, atomically; an incomplete one is refused. */
export function switchCurrent(publishDir: string, releaseDir: string): void {
  if (!isCompleteRelease(releaseDir))
    throw new Error(
      `${releaseDir} is not a complete release (no ${COMPLETE_MARKER}): call markReleaseComplete after its last file`,
    );
  const temp = path.join(publishDir, `.current-${process.pid}-${randomBytes(4).toString('hex')}`);
  symlinkSync(path.relative(publishDir, releaseDir), temp);
  try {
    renameSync(temp, path.join(publishDir, 'current'));
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Keeps the newest `keep` complete releases, and the current one whatever its age; returns the names removed.
 * Incomplete releases are not counted and not touched here (removeIncompleteReleases).
 */
export function pruneReleases(publishDir: string, keep: number): string[] {
  const current = currentRelease(publishDir);
  const complete = releaseDirs(publishDir).filter(isCompleteRelease);
  const removed: string[] = [];
  for (const dir of complete.slice(0, Math.max(0, complete.length - keep))) {
    if (dir === current) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(path.basename(dir));
  }
  return removed;
}

/**
 * Points DIR/current at the newest complete release older than the current one; returns it, or null when there is
 * none (current is left as it is).
 */
export function rollback(publishDir: string): string | null {
  const current = currentRelease(publishDir);
  const older = releaseDirs(publishDir).filter(
    (dir) => isCompleteRelease(dir) && (current === null || path.basename(dir) < path.basename(current)),
  );
  const previous = older.at(-1) ?? null;
  if (previous) switchCurrent(publishDir, previous);
  return previous;
}

/**
 * Removes the release of a build that did not finish; returns false, removing nothing, when it is the live release
 * (so it is safe in a `finally`). Anything that is not a release folder is refused.
 */
export function discardRelease(releaseDir: string): boolean {
  const dir = path.resolve(releaseDir);
  if (path.basename(path.dirname(dir)) !== 'releases' || !RELEASE_NAME.test(path.basename(dir)))
    throw new Error(`${releaseDir} is not a release folder; not removed`);
  if (currentRelease(path.dirname(path.dirname(dir))) === dir) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}

/**
 * Run before a new release is made, under the lock: removes the incomplete releases of runs that are gone (a failed
 * build not cleaned up, a run killed mid-way) and their half-made `current` links. Never the live release, never a
 * release of a live run. A finished release of the version before markers (it has its build record) is marked
 * complete instead, so it stays a rollback target. Returns the names removed.
 */
export function removeIncompleteReleases(publishDir: string): string[] {
  const current = currentRelease(publishDir);
  const removed: string[] = [];
  for (const dir of releaseDirs(publishDir)) {
    if (isCompleteRelease(dir)) continue;
    const name = path.basename(dir);
    if (LEGACY_NAME.test(name) && existsSync(path.join(dir, LEGACY_RECORD))) {
      markReleaseComplete(dir, statSync(path.join(dir, LEGACY_RECORD)).mtime);
      continue;
    }
    if (dir === current) continue;
    const pid = Number(RELEASE_NAME.exec(name)![1]);
    if (pid !== process.pid && pidAlive(pid)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(name);
  }
  if (existsSync(publishDir))
    for (const name of readdirSync(publishDir)) {
      const pid = /^\.current-(\d+)-/u.exec(name)?.[1];
      if (pid && (Number(pid) === process.pid || !pidAlive(Number(pid)))) rmSync(path.join(publishDir, name));
    }
  return removed;
}
