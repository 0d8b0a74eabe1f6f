// Releases under DIR/releases/: complete only with the marker written last; only complete releases go live, are
// rolled back to and counted when pruning; what failed or killed runs leave is removed at the next run.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COMPLETE_MARKER,
  currentRelease,
  discardRelease,
  isCompleteRelease,
  markReleaseComplete,
  newReleaseDir,
  pruneReleases,
  releaseDirs,
  removeIncompleteReleases,
  rollback,
  switchCurrent,
  verifyRelease,
} from '../pipeline/publish/releases.ts';

let site: string;
beforeEach(() => {
  site = mkdtempSync(path.join(os.tmpdir(), 'briefings-releases-'));
});
afterEach(() => rmSync(site, { recursive: true, force: true }));

let clock = Date.parse('2024-03-01T08:00:00Z');
/** A release with a page and a nested file, a second apart from the one before; complete unless told. */
function release(options: { complete?: boolean; publish?: boolean } = {}): string {
  clock += 1000;
  const dir = newReleaseDir(site, new Date(clock));
  if (options.complete === false) return dir;
  mkdirSync(path.join(dir, 'md'));
  writeFileSync(path.join(dir, 'index.html'), `<html>${path.basename(dir)}</html>`);
  writeFileSync(path.join(dir, 'md', 'a-1.md'), '# 标题\n');
  markReleaseComplete(dir);
  if (options.publish !== false) switchCurrent(site, dir);
  return dir;
}
const names = () => releaseDirs(site).map((d) => path.basename(d));

describe('a release', () => {
  it('gets a folder of its own, even for builds in the same millisecond, in the order they were made', () => {
    const at = new Date('2024-03-01T09:00:00.123Z');
    const made = [newReleaseDir(site, at), newReleaseDir(site, at), newReleaseDir(site, at)];
    expect(new Set(made).size).toBe(3);
    expect(releaseDirs(site)).toEqual(made);
    expect(path.basename(made[0])).toBe(`20240301T090000.123Z-${process.pid}`);
  });

  it('is complete once marked, and the marker lists every file with its size', () => {
    const dir = release({ complete: false });
    expect(isCompleteRelease(dir)).toBe(false);
    expect(verifyRelease(dir)).toEqual([expect.stringContaining('not complete')]);
    writeFileSync(path.join(dir, 'index.html'), '<html></html>');
    mkdirSync(path.join(dir, 'assets', 'fonts'), { recursive: true });
    writeFileSync(path.join(dir, 'assets', 'fonts', 'fonts.css'), '@font-face{}');
    const marker = markReleaseComplete(dir);
    expect(marker.files).toEqual([
      { path: 'assets/fonts/fonts.css', size: 12 },
      { path: 'index.html', size: 13 },
    ]);
    expect(isCompleteRelease(dir)).toBe(true);
    expect(verifyRelease(dir)).toEqual([]);
    writeFileSync(path.join(dir, 'index.html'), '<html>changed</html>');
    rmSync(path.join(dir, 'assets', 'fonts', 'fonts.css'));
    expect(verifyRelease(dir)).toEqual([
      expect.stringContaining('assets/fonts/fonts.css is listed but missing'),
      expect.stringContaining('index.html has 20 bytes, 13 listed'),
    ]);
  });

  it('goes live only when complete', () => {
    const live = release();
    const unfinished = release({ complete: false });
    expect(() => switchCurrent(site, unfinished)).toThrow(/not a complete release/u);
    expect(currentRelease(site)).toBe(live);
    expect(readdirSync(site).filter((n) => n.startsWith('.current-'))).toEqual([]);
  });
});

describe('rollback', () => {
  it('skips a release a failed build left empty, and stops at the oldest complete one', () => {
    const first = release();
    release({ complete: false }); // what a build failing on a corrupt reviewed.json used to leave
    const third = release();
    expect(currentRelease(site)).toBe(third);
    expect(rollback(site)).toBe(first);
    expect(currentRelease(site)).toBe(first);
    expect(rollback(site)).toBeNull();
    expect(currentRelease(site)).toBe(first);
  });

  it('finds nothing to go back to without releases', () => {
    expect(rollback(site)).toBeNull();
    expect(currentRelease(site)).toBeNull();
  });
});

describe('pruning', () => {
  it('keeps the newest complete releases, counting only complete ones, and never the live one', () => {
    const made = [release(), release(), release({ complete: false }), release(), release()];
    expect(pruneReleases(site, 2)).toEqual([path.basename(made[0]), path.basename(made[1])]);
    // The incomplete one is not counted and not pruned (removeIncompleteReleases does that).
    expect(names()).toEqual([made[2], made[3], made[4]].map((d) => path.basename(d)));
    rollback(site);
    expect(currentRelease(site)).toBe(made[3]);
    const newest = release();
    switchCurrent(site, made[3]);
    expect(pruneReleases(site, 1)).toEqual([path.basename(made[4])]);
    expect(names()).toEqual([made[2], made[3], newest].map((d) => path.basename(d)));
  });
});

describe('what failed and killed runs leave', () => {
  it('discards the release of a failed build, but never the live one or a folder that is not a release', () => {
    const live = release();
    const failed = release({ complete: false });
    writeFileSync(path.join(failed, 'index.html'), 'half');
    expect(discardRelease(failed)).toBe(true);
    expect(existsSync(failed)).toBe(false);
    expect(discardRelease(live)).toBe(false);
    expect(() => discardRelease(site)).toThrow(/not a release folder/u);
    expect(existsSync(live)).toBe(true);
  });

  it('removes incomplete releases of runs that are gone, and keeps the live release and a live run’s', () => {
    const live = release();
    const root = path.join(site, 'releases');
    const dead = path.join(root, '20240301T100000.000Z-999999999');
    const mine = path.join(root, `20240301T100001.000Z-${process.pid}`);
    const running = path.join(root, `20240301T100002.000Z-${process.ppid}`);
    for (const dir of [dead, mine, running]) mkdirSync(dir);
    writeFileSync(path.join(dead, 'index.html'), 'half');
    symlinkSync('releases/x', path.join(site, '.current-999999999-abcd'));
    expect(removeIncompleteReleases(site).sort()).toEqual([path.basename(dead), path.basename(mine)].sort());
    expect(names()).toEqual([live, running].map((d) => path.basename(d)).sort());
    expect(readdirSync(site).sort()).toEqual(['current', 'releases']);
  });

  it('leaves an incomplete live release in place (it stops being live at the next switch)', () => {
    const unfinished = release({ complete: false });
    symlinkSync(path.relative(site, unfinished), path.join(site, 'current'));
    expect(removeIncompleteReleases(site)).toEqual([]);
    expect(currentRelease(site)).toBe(unfinished);
  });

  it('adopts the finished releases of the version before markers, and removes its unfinished ones', () => {
    const root = path.join(site, 'releases');
    const finished = path.join(root, '20230101T000000Z-123');
    const empty = path.join(root, '20230101T000001Z-124');
    mkdirSync(finished, { recursive: true });
    mkdirSync(empty);
    writeFileSync(path.join(finished, 'index.html'), '<html></html>');
    writeFileSync(path.join(finished, '.briefings-build.json'), '{}');
    expect(removeIncompleteReleases(site)).toEqual([path.basename(empty)]);
    expect(isCompleteRelease(finished)).toBe(true);
    expect(existsSync(path.join(finished, COMPLETE_MARKER))).toBe(true);
    expect(verifyRelease(finished)).toEqual([]);
  });
});
