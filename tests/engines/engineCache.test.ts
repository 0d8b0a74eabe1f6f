import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileName, EngineCache } from '../../pipeline/engines/engineCache.ts';

let dir = '';
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'briefings-cache-')), 'cache');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('EngineCache', () => {
  it('keeps one file per engine, keyed by segment id, and reloads it', async () => {
    const cache = new EngineCache(dir);
    cache.set('openai:qwen2.5', 'aaaa', 'The session.', '全会');
    cache.set('libretranslate', 'aaaa', 'Plenary.', '全会');
    expect(cache.get('openai:qwen2.5', 'aaaa')).toBe('The session.');
    await cache.flush();
    const files = readdirSync(dir).sort();
    expect(files).toEqual([cacheFileName('libretranslate'), cacheFileName('openai:qwen2.5')].sort());
    expect(files.every((f) => /^[A-Za-z0-9._-]+$/u.test(f))).toBe(true);
    const data = JSON.parse(readFileSync(join(dir, cacheFileName('openai:qwen2.5')), 'utf8')) as {
      engine: string;
      entries: Record<string, { en: string }>;
    };
    expect(data.engine).toBe('openai:qwen2.5');
    expect(data.entries.aaaa.en).toBe('The session.');

    const again = new EngineCache(dir);
    expect(again.get('openai:qwen2.5', 'aaaa')).toBe('The session.');
    expect(again.get('libretranslate', 'aaaa')).toBe('Plenary.');
    expect(again.get('openai:other', 'aaaa')).toBeUndefined();
  });

  it('writes atomically (no temp file left) and survives a corrupt file', async () => {
    const messages: string[] = [];
    const cache = new EngineCache(dir, (m) => messages.push(m));
    cache.set('e', 'x', 'X');
    await cache.flush();
    writeFileSync(join(dir, cacheFileName('e')), '{"engine": "e", "entr');
    const fresh = new EngineCache(dir, (m) => messages.push(m));
    expect(fresh.get('e', 'x')).toBeUndefined();
    expect(messages[0]).toMatch(/unreadable/u);
    fresh.set('e', 'y', 'Y');
    await fresh.flush();
    expect(readdirSync(dir)).toEqual([cacheFileName('e')]);
    expect(new EngineCache(dir).get('e', 'y')).toBe('Y');
  });
});
