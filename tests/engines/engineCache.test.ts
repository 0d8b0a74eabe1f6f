import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileName, EngineCache, translationCacheKey } from '../../pipeline/engines/engineCache.ts';
import type { GlossaryEntry, TranslationEngine } from '../../pipeline/engines/engine.ts';
import { createLibreTranslateEngine } from '../../pipeline/engines/libreTranslateEngine.ts';
import { createOpenAiChatEngine } from '../../pipeline/engines/openAiChatEngine.ts';
import { translateSegments } from '../../pipeline/engines/translateSegments.ts';
import { makeSegment } from '../../pipeline/domain/segment.ts';
import { chatAnswer, checkChatRequest, sendJson, startServer, type Handler } from './fakeServer.ts';

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

describe('translationCacheKey', () => {
  const request = { segmentId: 'seg1', zh: '全会召开。', glossary: [{ zh: '全会', en: 'plenary session' }] };
  const openai = (options: Partial<Parameters<typeof createOpenAiChatEngine>[0]> = {}) =>
    createOpenAiChatEngine({ baseUrl: 'http://127.0.0.1:11434', model: 'qwen2.5:7b', ...options });

  it('is the same for the same engine, prompt, glossary and segment, whatever the glossary order', () => {
    const twoTerms = { ...request, glossary: [...request.glossary, { zh: '召开', en: 'convene' }] };
    expect(translationCacheKey(openai(), request)).toBe(translationCacheKey(openai(), { ...request }));
    expect(translationCacheKey(openai({ baseUrl: 'http://127.0.0.1:11434/v1/' }), request)).toBe(
      translationCacheKey(openai(), request),
    );
    expect(translationCacheKey(openai(), twoTerms)).toBe(
      translationCacheKey(openai(), { ...twoTerms, glossary: [...twoTerms.glossary].reverse() }),
    );
  });

  it('changes with the kind, base URL, model, system prompt, glossary and segment id', () => {
    const base = translationCacheKey(openai(), request);
    const variants = {
      kind: translationCacheKey(createLibreTranslateEngine({ baseUrl: 'http://127.0.0.1:11434' }), request),
      baseUrl: translationCacheKey(openai({ baseUrl: 'http://10.0.0.2:11434' }), request),
      model: translationCacheKey(openai({ model: 'qwen2.5:14b' }), request),
      prompt: translationCacheKey(openai({ systemPrompt: 'Translate into plain English.' }), request),
      glossary: translationCacheKey(openai(), { ...request, glossary: [{ zh: '全会', en: 'plenum' }] }),
      noGlossary: translationCacheKey(openai(), { ...request, glossary: [] }),
      segment: translationCacheKey(openai(), { ...request, segmentId: 'seg2' }),
    };
    for (const [what, key] of Object.entries(variants)) expect(key, what).not.toBe(base);
    expect(new Set(Object.values(variants)).size).toBe(Object.keys(variants).length);
  });

  it('ignores the glossary for an engine that is never sent one (LibreTranslate)', () => {
    const lt = createLibreTranslateEngine({ baseUrl: 'http://127.0.0.1:5000' });
    expect(translationCacheKey(lt, request)).toBe(translationCacheKey(lt, { ...request, glossary: [] }));
  });
});

describe('the cache in a run', () => {
  const ZH = '全会审议通过了决议。';
  const run = async (engine: TranslationEngine, glossary: GlossaryEntry[] = []) => {
    const item = { segment: makeSegment(ZH), glossary };
    const stats = await translateSegments([item], engine, { cache: new EngineCache(dir), backoffMs: 5 });
    return { stats, en: item.segment.en };
  };

  it('hits for the same inputs and asks again when server, model, prompt or glossary change', async () => {
    const answers: string[] = [];
    const handler: Handler = (r, res) => {
      const { system } = checkChatRequest(r, (r.json as { model: string }).model);
      answers.push(`answer ${answers.length + 1}`);
      sendJson(res, 200, chatAnswer(`${answers.at(-1)}${system.includes('plenum') ? ' (plenum)' : ''}`));
    };
    const one = await startServer(handler);
    const two = await startServer(handler);
    try {
      const engine = (baseUrl: string, model = 'm1', systemPrompt?: string) =>
        createOpenAiChatEngine({ baseUrl, model, systemPrompt });
      expect((await run(engine(one.url))).en).toBe('answer 1');
      expect(await run(engine(one.url))).toEqual({
        stats: { translated: 0, cached: 1, failed: 0, requests: 0 },
        en: 'answer 1',
      });
      expect((await run(engine(two.url))).en).toBe('answer 2');
      expect((await run(engine(one.url, 'm2'))).en).toBe('answer 3');
      expect((await run(engine(one.url, 'm1', 'Translate tersely.'))).en).toBe('answer 4');
      expect((await run(engine(one.url), [{ zh: '全会', en: 'plenum' }])).en).toBe('answer 5 (plenum)');
      // Each of them is kept beside the others.
      expect((await run(engine(two.url))).stats.cached).toBe(1);
      expect((await run(engine(one.url), [{ zh: '全会', en: 'plenum' }])).en).toBe('answer 5 (plenum)');
      expect(one.requests.length + two.requests.length).toBe(5);
      expect([...one.errors, ...two.errors]).toEqual([]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('does not reuse a cache file of the old format, whose keys were segment ids only', async () => {
    const engine = createLibreTranslateEngine({ baseUrl: 'http://127.0.0.1:5000' });
    const id = makeSegment(ZH).id;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, cacheFileName(engine.name)),
      JSON.stringify({ version: 1, engine: engine.name, entries: { [id]: { en: 'Stale English.' } } }),
    );
    const messages: string[] = [];
    const cache = new EngineCache(dir, (m) => messages.push(m));
    expect(cache.get(engine.name, id)).toBeUndefined();
    expect(messages[0]).toMatch(/format 1, not 2/u);
  });
});
