import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineCache } from '../../pipeline/engines/engineCache.ts';
import { createLibreTranslateEngine } from '../../pipeline/engines/libreTranslateEngine.ts';
import { createOpenAiChatEngine } from '../../pipeline/engines/openAiChatEngine.ts';
import { translateSegments, type TranslateItem } from '../../pipeline/engines/translateSegments.ts';
import { makeSegment } from '../../pipeline/domain/segment.ts';
import type { Segment } from '../../pipeline/domain/types.ts';
import {
  chatAnswer,
  checkChatRequest,
  checkLibreRequest,
  delay,
  sendJson,
  startServer,
  type FakeServer,
} from './fakeServer.ts';

const KEY = 'sk-live-VERY-SECRET-0042';
const ENV = 'BRIEFINGS_TEST_TRANSLATE_KEY';
const MODEL = 'qwen2.5:7b';
const ZH = '北京投资来源单位在津新设机构261家，总投资额502亿元。';
const EN =
  'Entities funded from Beijing set up 261 new branches in Tianjin, with a total investment of 50.2 billion yuan.';

let server: FakeServer | undefined;
let cacheDir = '';
beforeEach(() => {
  process.env[ENV] = KEY;
  cacheDir = mkdtempSync(join(tmpdir(), 'briefings-engine-'));
});
afterEach(async () => {
  delete process.env[ENV];
  await server?.close();
  server = undefined;
  rmSync(cacheDir, { recursive: true, force: true });
});

const items = (...zhs: string[]): TranslateItem[] => zhs.map((zh) => ({ segment: makeSegment(zh), glossary: [] }));
const engineFor = (s: FakeServer) => createOpenAiChatEngine({ baseUrl: s.url, model: MODEL, apiKeyEnv: ENV });
const fast = { backoffMs: 5, timeoutMs: 2000 };

describe('translateSegments', () => {
  it('translates pending segments with a good answer and notes the engine', async () => {
    server = await startServer((r, res) => {
      const { user } = checkChatRequest(r, MODEL, KEY);
      sendJson(res, 200, chatAnswer(user === ZH ? EN : 'The plenary session was held.'));
    });
    const list = items(ZH, '全会召开。');
    const stats = await translateSegments(list, engineFor(server), fast);
    expect(server.errors).toEqual([]);
    expect(stats).toEqual({ translated: 2, cached: 0, failed: 0, requests: 2 });
    expect(list[0].segment).toMatchObject({ en: EN, enStatus: 'engine', enNote: `openai:${MODEL}` });
  });

  it('only sends pending segments, and one request for segments sharing an id', async () => {
    server = await startServer((r, res) => {
      checkChatRequest(r, MODEL, KEY);
      sendJson(res, 200, chatAnswer('The plenary session was held.'));
    });
    const reviewed: Segment = { ...makeSegment('甲。'), en: 'A.', enStatus: 'reviewed' };
    const rule: Segment = { ...makeSegment('乙。'), en: 'B.', enStatus: 'rule' };
    const memory: Segment = { ...makeSegment('丙。'), en: 'C.', enStatus: 'memory' };
    const twins = items('全会召开。', '全会召开。');
    const list = [...twins, ...[reviewed, rule, memory].map((segment) => ({ segment, glossary: [] }))];
    const stats = await translateSegments(list, engineFor(server), fast);
    expect(stats).toEqual({ translated: 2, cached: 0, failed: 0, requests: 1 });
    expect(twins.map((i) => i.segment.en)).toEqual(['The plenary session was held.', 'The plenary session was held.']);
    expect([reviewed.en, rule.en, memory.en]).toEqual(['A.', 'B.', 'C.']);
    expect([reviewed.enStatus, rule.enStatus, memory.enStatus]).toEqual(['reviewed', 'rule', 'memory']);
  });

  it('retries after HTTP 500 and succeeds', async () => {
    server = await startServer((r, res, i) => {
      checkChatRequest(r, MODEL, KEY);
      if (i === 0) sendJson(res, 500, { error: { message: 'model is loading' } });
      else sendJson(res, 200, chatAnswer(EN));
    });
    const messages: string[] = [];
    const list = items(ZH);
    const stats = await translateSegments(list, engineFor(server), { ...fast, onMessage: (m) => messages.push(m) });
    expect(stats).toEqual({ translated: 1, cached: 0, failed: 0, requests: 2 });
    expect(list[0].segment.enStatus).toBe('engine');
    expect(messages).toEqual([]);
  });

  it('retries HTTP 429 honouring a short Retry-After', async () => {
    server = await startServer((_r, res, i) => {
      if (i === 0) {
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        res.end('{"error":"slow down"}');
      } else sendJson(res, 200, chatAnswer(EN));
    });
    const stats = await translateSegments(items(ZH), engineFor(server), fast);
    expect(stats).toMatchObject({ translated: 1, requests: 2 });
  });

  it('waits out a Retry-After longer than the back-off before asking again', async () => {
    const times: number[] = [];
    server = await startServer((_r, res, i) => {
      times.push(Date.now());
      if (i === 0) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end('{"error":"slow down"}');
      } else sendJson(res, 200, chatAnswer(EN));
    });
    const stats = await translateSegments(items(ZH), engineFor(server), fast);
    expect(stats).toMatchObject({ translated: 1, requests: 2 });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
  });

  it('retries when the server cannot be reached, then reports the network error', async () => {
    const gone = await startServer((_r, res) => sendJson(res, 200, chatAnswer(EN)));
    await gone.close();
    const messages: string[] = [];
    const stats = await translateSegments(items(ZH), engineFor(gone), {
      ...fast,
      retries: 2,
      onMessage: (m) => messages.push(m),
    });
    expect(stats).toEqual({ translated: 0, cached: 0, failed: 1, requests: 3 });
    expect(messages[0]).toMatch(/after 3 attempts: .*network error/u);
  });

  it('stops at once when the run is cancelled, in flight or between attempts', async () => {
    server = await startServer(async (_r, res) => {
      await delay(300);
      if (!res.destroyed) sendJson(res, 503, { error: 'busy' });
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const messages: string[] = [];
    const started = Date.now();
    const stats = await translateSegments(items(ZH, '全会召开。'), engineFor(server), {
      timeoutMs: 5000,
      retries: 5,
      backoffMs: 1000,
      signal: controller.signal,
      onMessage: (m) => messages.push(m),
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stats).toEqual({ translated: 0, cached: 0, failed: 2, requests: 2 });
    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.endsWith('after 1 attempt: cancelled'))).toBe(true);
  });

  it('does not retry HTTP 400: the segment stays pending and a message says why', async () => {
    server = await startServer((_r, res) => sendJson(res, 400, { error: { message: 'bad request' } }));
    const messages: string[] = [];
    const list = items(ZH);
    const stats = await translateSegments(list, engineFor(server), { ...fast, onMessage: (m) => messages.push(m) });
    expect(stats).toEqual({ translated: 0, cached: 0, failed: 1, requests: 1 });
    expect(list[0].segment).toMatchObject({ en: null, enStatus: 'pending' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/HTTP 400/u);
    expect(messages[0]).toContain(list[0].segment.id);
  });

  it('gives up after the retries when every attempt fails with 503', async () => {
    server = await startServer((_r, res) => sendJson(res, 503, { error: 'unavailable' }));
    const messages: string[] = [];
    const stats = await translateSegments(items(ZH), engineFor(server), {
      ...fast,
      retries: 2,
      onMessage: (m) => messages.push(m),
    });
    expect(stats).toEqual({ translated: 0, cached: 0, failed: 1, requests: 3 });
    expect(messages[0]).toMatch(/after 3 attempts.*HTTP 503/u);
  });

  it('aborts a slow answer at the timeout', async () => {
    server = await startServer(async (_r, res) => {
      await delay(1500);
      if (!res.destroyed) sendJson(res, 200, chatAnswer(EN));
    });
    const messages: string[] = [];
    const list = items(ZH);
    const started = Date.now();
    const stats = await translateSegments(list, engineFor(server), {
      timeoutMs: 100,
      retries: 1,
      backoffMs: 5,
      onMessage: (m) => messages.push(m),
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stats).toEqual({ translated: 0, cached: 0, failed: 1, requests: 2 });
    expect(list[0].segment.enStatus).toBe('pending');
    expect(messages[0]).toMatch(/no answer within 100 ms/u);
  });

  it('leaves a segment pending on a malformed body (no retry)', async () => {
    server = await startServer((_r, res) => sendJson(res, 200, { choices: [{ message: { role: 'assistant' } }] }));
    const messages: string[] = [];
    const list = items(ZH);
    const stats = await translateSegments(list, engineFor(server), { ...fast, onMessage: (m) => messages.push(m) });
    expect(stats).toEqual({ translated: 0, cached: 0, failed: 1, requests: 1 });
    expect(messages[0]).toMatch(/malformed response/u);
    expect(list[0].segment.enStatus).toBe('pending');
  });

  it('keeps the number of simultaneous requests at the concurrency limit', async () => {
    server = await startServer(async (r, res) => {
      const { user } = checkChatRequest(r, MODEL, KEY);
      await delay(40);
      sendJson(res, 200, chatAnswer(`Sentence ${user.replace(/\D/gu, '')}.`));
    });
    const list = items(...Array.from({ length: 10 }, (_, i) => `第${i + 1}句。`));
    const stats = await translateSegments(list, engineFor(server), { ...fast, concurrency: 3 });
    expect(stats).toEqual({ translated: 10, cached: 0, failed: 0, requests: 10 });
    expect(server.maxInFlight).toBe(3);
    expect(list[9].segment.en).toBe('Sentence 10.');
  });

  it('answers a second run from the cache with zero requests', async () => {
    server = await startServer((r, res) => {
      checkLibreRequest(r);
      sendJson(res, 200, { translatedText: EN });
    });
    const engine = createLibreTranslateEngine({ baseUrl: server.url });
    const first = await translateSegments(items(ZH), engine, { ...fast, cache: createEngineCache(cacheDir) });
    expect(first).toEqual({ translated: 1, cached: 0, failed: 0, requests: 1 });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    const again = items(ZH);
    const second = await translateSegments(again, engine, { ...fast, cache: createEngineCache(cacheDir) });
    expect(second).toEqual({ translated: 0, cached: 1, failed: 0, requests: 0 });
    expect(server.requests).toHaveLength(1);
    expect(again[0].segment).toMatchObject({ en: EN, enStatus: 'engine', enNote: 'libretranslate' });
  });

  it('never puts the API key into notes or messages', async () => {
    // The server echoes the Authorization header in every error and in the translation's failure text.
    server = await startServer((r, res, i) => {
      const auth = String(r.headers.authorization);
      if (i % 2 === 0) sendJson(res, 500, { error: { message: `upstream rejected ${auth}` } });
      else sendJson(res, 400, { error: { message: `bad request from ${auth}` } });
    });
    const messages: string[] = [];
    const list = items(ZH, '全会召开。');
    await translateSegments(list, engineFor(server), {
      ...fast,
      concurrency: 1,
      retries: 3,
      onMessage: (m) => messages.push(m),
    });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(messages.length).toBe(2);
    const everything = [...messages, ...list.map((i) => JSON.stringify(i.segment))].join('\n');
    expect(everything).not.toContain(KEY);
    expect(everything).toContain('[redacted]');
  });

  it('adds check problems to the note: a dropped number and a wrong term', async () => {
    server = await startServer((_r, res) =>
      sendJson(
        res,
        200,
        chatAnswer(
          'Entities funded from Beijing set up 261 new branches, a total investment of 5 billion yuan, upholding the two affirmations.',
        ),
      ),
    );
    const list: TranslateItem[] = [
      { segment: makeSegment(`${ZH}坚持两个确立。`), glossary: [{ zh: '两个确立', en: 'the "Two Establishments"' }] },
    ];
    await translateSegments(list, engineFor(server), fast);
    const note = list[0].segment.enNote ?? '';
    // Not shown as final: the answer is kept as a draft beside the reasons.
    expect(list[0].segment.enStatus).toBe('pending');
    expect(list[0].segment.en).toBeNull();
    expect(list[0].segment.enDraft).toContain('261 new branches');
    expect(note).toMatch(/^openai:qwen2\.5:7b; /u);
    expect(note).toContain('check: number 502亿 missing');
    expect(note).toContain('check: term 两个确立 missing');
    expect(note).not.toContain('261');
  });
});
