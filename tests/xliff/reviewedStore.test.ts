import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadReviewed, mergeReviewed } from '../../pipeline/xliff/reviewedStore.ts';
import { makeSegment } from '../../pipeline/domain/segment.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefings-reviewed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const t = (zh: string, en: string) => ({ id: makeSegment(zh).id, zh, en });

describe('reviewed store', () => {
  it('merges translations atomically and loads them by segment id', () => {
    const path = join(dir, 'nested', 'reviewed.json');
    expect(loadReviewed(path).size).toBe(0);
    const first = mergeReviewed(path, [t('甲', 'A'), t('乙', 'B')], 'review-1.xlf', new Date('2024-01-02T03:04:05Z'));
    expect(first).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const second = mergeReviewed(
      path,
      [t('甲', 'A'), t('乙', 'Bee')],
      'review-2.xlf',
      new Date('2024-02-02T00:00:00Z'),
    );
    expect(second).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['reviewed.json']);
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<
      string,
      { zh: string; en: string; importedAt: string; from: string }
    >;
    expect(data[t('甲', '').id]).toEqual({
      zh: '甲',
      en: 'A',
      importedAt: '2024-01-02T03:04:05.000Z',
      from: 'review-1.xlf',
    });
    expect(data[t('乙', '').id]).toEqual({
      zh: '乙',
      en: 'Bee',
      importedAt: '2024-02-02T00:00:00.000Z',
      from: 'review-2.xlf',
    });
    const loaded = loadReviewed(path);
    expect(loaded.get(t('乙', '').id)).toEqual({ zh: '乙', en: 'Bee' });
  });

  it('refuses a translation whose id is not the hash of its Chinese, and a corrupt store', () => {
    const path = join(dir, 'reviewed.json');
    expect(() => mergeReviewed(path, [{ id: 'deadbeefdeadbeef', zh: '甲', en: 'A' }], 'x')).toThrow(/not the id/u);
    writeFileSync(path, '{"a": {"zh": 1}}');
    expect(() => loadReviewed(path)).toThrow(/unexpected shape/u);
    writeFileSync(path, '{');
    expect(() => mergeReviewed(path, [t('甲', 'A')], 'x')).toThrow(/not JSON/u);
  });

  it('records where a translation came from as a bare file name, never a path', () => {
    const path = join(dir, 'reviewed.json');
    for (const from of ['../../etc/passwd', 'review/../x.xlf', '/tmp/x.xlf', 'a\\b.xlf', '..', ''])
      expect(() => mergeReviewed(path, [t('甲', 'A')], from), from).toThrow(/not a bare file name/u);
    expect(readdirSync(dir)).toEqual([]);
    expect(mergeReviewed(path, [t('甲', 'A')], 'review.xlf').added).toBe(1);
  });
});
