import { afterEach, describe, expect, it } from 'vitest';
import { createDeepLEngine, glossaryTsv } from '../../pipeline/engines/deeplEngine.ts';
import { createEngine, engineConfigSchema } from '../../pipeline/engines/createEngine.ts';
import { translateSegments } from '../../pipeline/engines/translateSegments.ts';
import { makeSegment } from '../../pipeline/domain/segment.ts';
import { expectShape, sendJson, startServer, type FakeServer, type RecordedRequest } from './fakeServer.ts';

const KEY = 'deepl-key-SECRET-42:fx';
const ENV = 'BRIEFINGS_TEST_DEEPL_KEY';
const glossary = [
  { zh: '两个确立', en: 'the "Two Establishments"' },
  { zh: '新质生产力', en: 'new quality productive forces' },
  { zh: '{place}区委', en: 'the CPC {place_en} District Committee' },
];
const request = { segmentId: 'abc', zh: '坚持两个确立，发展新质生产力。', glossary, context: '全会决议' };

/** The request DeepL's API documents: POST /v2/translate, JSON, the DeepL-Auth-Key header. */
function checkTranslateRequest(r: RecordedRequest, target = 'EN-GB'): Record<string, unknown> {
  expectShape(r.method === 'POST', `method ${r.method}`);
  expectShape(r.path === '/v2/translate', `path ${r.path}`);
  expectShape(String(r.headers['content-type']).startsWith('application/json'), 'content-type');
  expectShape(r.headers.authorization === `DeepL-Auth-Key ${KEY}`, 'authorization header');
  const body = r.json as Record<string, unknown>;
  expectShape(Array.isArray(body.text) && body.text.length === 1 && typeof body.text[0] === 'string', 'text array');
  expectShape(body.source_lang === 'ZH' && body.target_lang === target, 'source_lang/target_lang');
  return body;
}

function checkGlossaryRequest(r: RecordedRequest): string {
  expectShape(r.method === 'POST' && r.path === '/v3/glossaries', `glossary ${r.method} ${r.path}`);
  expectShape(r.headers.authorization === `DeepL-Auth-Key ${KEY}`, 'authorization header');
  const body = r.json as { name?: unknown; dictionaries?: Record<string, unknown>[] };
  expectShape(typeof body.name === 'string', 'name');
  const [d] = body.dictionaries ?? [];
  expectShape(d?.source_lang === 'zh' && d?.target_lang === 'en' && d?.entries_format === 'tsv', 'dictionary');
  return d.entries as string;
}

let server: FakeServer | undefined;
afterEach(async () => {
  delete process.env[ENV];
  await server?.close();
  server = undefined;
});

describe('createDeepLEngine', () => {
  it('makes a zh → en glossary of the term-base renderings once, then translates with its id', async () => {
    process.env[ENV] = KEY;
    const entries: string[] = [];
    const bodies: Record<string, unknown>[] = [];
    server = await startServer((r, res) => {
      if (r.path === '/v3/glossaries') {
        entries.push(checkGlossaryRequest(r));
        return sendJson(res, 201, { glossary_id: 'g-1', name: 'x', dictionaries: [] });
      }
      bodies.push(checkTranslateRequest(r));
      sendJson(res, 200, {
        translations: [{ detected_source_language: 'ZH', text: ' Uphold the "Two Establishments". ' }],
      });
    });
    const engine = createDeepLEngine({ baseUrl: `${server.url}/`, apiKeyEnv: ENV });
    expect(engine.name).toBe('deepl');
    expect(await engine.translate(request, AbortSignal.timeout(5000))).toBe('Uphold the "Two Establishments".');
    await engine.translate({ ...request, segmentId: 'def' }, AbortSignal.timeout(5000));
    expect(server.errors).toEqual([]);
    // Placeholder rows never reach DeepL; one glossary for the same entries.
    expect(entries).toEqual(['两个确立\tthe "Two Establishments"\n新质生产力\tnew quality productive forces']);
    expect(bodies.map((b) => b.glossary_id)).toEqual(['g-1', 'g-1']);
    expect(bodies[0].text).toEqual([request.zh]);
    expect(bodies[0].context).toBe('全会决议');
  });

  it('sends no glossary when told not to, EN-US when configured, and needs a key', async () => {
    process.env[ENV] = KEY;
    server = await startServer((r, res) => {
      const body = checkTranslateRequest(r, 'EN-US');
      expectShape(!('glossary_id' in body), 'no glossary_id');
      sendJson(res, 200, { translations: [{ text: 'ok' }] });
    });
    const engine = createEngine(
      engineConfigSchema.parse({
        kind: 'deepl',
        baseUrl: server.url,
        apiKeyEnv: ENV,
        targetLang: 'EN-US',
        glossary: false,
      }),
    )!;
    expect(await engine.translate(request, AbortSignal.timeout(5000))).toBe('ok');
    expect(server.errors).toEqual([]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v2/translate']);
    delete process.env[ENV];
    expect(() => createDeepLEngine({ baseUrl: server!.url, apiKeyEnv: ENV })).toThrow(/BRIEFINGS_TEST_DEEPL_KEY/u);
    expect(() => engineConfigSchema.parse({ kind: 'deepl', baseUrl: server!.url })).toThrow();
  });

  it('rejects an answer without translations and redacts the key from errors', async () => {
    process.env[ENV] = KEY;
    server = await startServer((r, res) =>
      r.path === '/v2/translate' && (r.json as { text: string[] }).text[0] === 'bad'
        ? sendJson(res, 200, { message: 'nothing' })
        : sendJson(res, 403, { message: `Wrong key ${String(r.headers.authorization)}` }),
    );
    const engine = createDeepLEngine({ baseUrl: server.url, apiKeyEnv: ENV, glossary: false });
    await expect(engine.translate({ ...request, zh: 'bad' }, AbortSignal.timeout(5000))).rejects.toThrow(
      /malformed response.*translations\[0\]\.text/u,
    );
    const error = (await engine.translate(request, AbortSignal.timeout(5000)).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/HTTP 403/u);
    expect(error.message).not.toContain(KEY);
  });

  it('an answer that drops a figure or a term is not shown as final: pending, with the reasons and the draft', async () => {
    process.env[ENV] = KEY;
    server = await startServer((r, res) =>
      r.path === '/v3/glossaries'
        ? sendJson(res, 201, { glossary_id: 'g-2' })
        : sendJson(res, 200, {
            translations: [{ text: 'The total investment was 5 billion yuan, upholding the two affirmations.' }],
          }),
    );
    const segment = makeSegment('总投资502亿元，坚持两个确立。');
    await translateSegments(
      [{ segment, glossary: [{ zh: '两个确立', en: 'the "Two Establishments"' }] }],
      createDeepLEngine({ baseUrl: server.url, apiKeyEnv: ENV }),
      { retries: 0, backoffMs: 1 },
    );
    expect(segment.enStatus).toBe('pending');
    expect(segment.en).toBeNull();
    expect(segment.enNote).toContain('check: number 502亿 missing');
    expect(segment.enNote).toContain('check: term 两个确立 missing');
    expect(segment.enDraft).toMatch(/two affirmations/u);
  });
});

describe('glossaryTsv', () => {
  it('keeps one rendering per term, drops placeholders and tabs, sorts', () => {
    expect(
      glossaryTsv([
        { zh: '乙', en: 'b' },
        { zh: '甲', en: 'a' },
        { zh: '甲', en: 'other' },
        { zh: '丙\t', en: 'c' },
        { zh: '{place}市委', en: 'x' },
      ]),
    ).toBe('乙\tb\n甲\ta');
  });
});
