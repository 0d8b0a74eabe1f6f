import { afterEach, describe, expect, it } from 'vitest';
import { createLibreTranslateEngine } from '../../pipeline/engines/libreTranslateEngine.ts';
import { checkLibreRequest, sendJson, startServer, type FakeServer } from './fakeServer.ts';

const KEY = 'lt-key-SECRET-77';
const ENV = 'BRIEFINGS_TEST_LT_KEY';
const request = { segmentId: 'abc', zh: '全会审议通过了决议。', glossary: [{ zh: '全会', en: 'plenary session' }] };

let server: FakeServer | undefined;
afterEach(async () => {
  delete process.env[ENV];
  await server?.close();
  server = undefined;
});

describe('createLibreTranslateEngine', () => {
  it('posts {q, source, target, format, api_key} to /translate and reads translatedText', async () => {
    process.env[ENV] = KEY;
    let q = '';
    server = await startServer((r, res) => {
      q = checkLibreRequest(r, KEY);
      sendJson(res, 200, { translatedText: 'The plenary session adopted the resolution.' });
    });
    const engine = createLibreTranslateEngine({ baseUrl: `${server.url}/`, apiKeyEnv: ENV });
    expect(engine.name).toBe('libretranslate');
    expect(await engine.translate(request, AbortSignal.timeout(5000))).toBe(
      'The plenary session adopted the resolution.',
    );
    expect(server.errors).toEqual([]);
    expect(q).toBe(request.zh);
  });

  it('sends no api_key without a key and rejects a body without translatedText', async () => {
    server = await startServer((r, res) => {
      checkLibreRequest(r);
      sendJson(res, 200, { detectedLanguage: { confidence: 90, language: 'zh' } });
    });
    const engine = createLibreTranslateEngine({ baseUrl: server.url });
    await expect(engine.translate(request, AbortSignal.timeout(5000))).rejects.toThrow(
      /malformed response.*translatedText/u,
    );
    expect(server.errors).toEqual([]);
  });

  it('redacts the key from HTTP errors', async () => {
    process.env[ENV] = KEY;
    server = await startServer((r, res) =>
      sendJson(res, 403, { error: `Invalid API key ${String((r.json as { api_key?: string }).api_key)}` }),
    );
    const engine = createLibreTranslateEngine({ baseUrl: server.url, apiKeyEnv: ENV });
    const error = (await engine.translate(request, AbortSignal.timeout(5000)).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/HTTP 403/u);
    expect(error.message).not.toContain(KEY);
  });
});
