import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiChatEngine, buildSystemPrompt } from '../../pipeline/engines/openAiChatEngine.ts';
import { EngineError } from '../../pipeline/engines/http.ts';
import { chatAnswer, checkChatRequest, sendJson, startServer, type FakeServer } from './fakeServer.ts';

const KEY = 'sk-test-SECRET-4f9a1c';
const ENV = 'BRIEFINGS_TEST_OPENAI_KEY';
const glossary = [
  { zh: '两个确立', en: 'the "Two Establishments"' },
  { zh: '市委', en: 'CPC Tianjin Municipal Committee' },
];
const request = {
  segmentId: 'abc',
  zh: '深刻领悟两个确立的决定性意义',
  glossary,
  context: 'title: 中共天津市委十二届三次全会决议',
};
const signal = () => AbortSignal.timeout(5000);

let server: FakeServer | undefined;
beforeEach(() => {
  process.env[ENV] = KEY;
});
afterEach(async () => {
  delete process.env[ENV];
  await server?.close();
  server = undefined;
});

describe('createOpenAiChatEngine', () => {
  it('posts the chat completions shape with the bearer key and reads choices[0].message.content', async () => {
    let seen: { system: string; user: string } | undefined;
    server = await startServer((r, res) => {
      seen = checkChatRequest(r, 'qwen2.5:7b', KEY);
      sendJson(res, 200, chatAnswer('  Deeply understand the decisive significance of the "Two Establishments".\n'));
    });
    const engine = createOpenAiChatEngine({ baseUrl: server.url, model: 'qwen2.5:7b', apiKeyEnv: ENV });
    expect(engine.name).toBe('openai:qwen2.5:7b');
    const en = await engine.translate(request, signal());
    expect(server.errors).toEqual([]);
    expect(en).toBe('Deeply understand the decisive significance of the "Two Establishments".');
    expect(seen?.user).toBe(request.zh);
    expect(seen?.system).toContain('两个确立 → the "Two Establishments"');
    expect(seen?.system).toContain('市委 → CPC Tianjin Municipal Committee');
    expect(seen?.system).toContain('never "CCP"');
    expect(seen?.system).toContain('50.2 billion yuan');
    expect(seen?.system).toContain('3.5 percent');
    expect(seen?.system).toContain('surname first');
    expect(seen?.system).toContain('中共天津市委十二届三次全会决议');
  });

  it('sends no Authorization header without a key, and tolerates a base URL ending in /v1/', async () => {
    server = await startServer((r, res) => {
      checkChatRequest(r, 'm');
      sendJson(res, 200, chatAnswer('<think>reasoning</think>\nThe plenary session.'));
    });
    const engine = createOpenAiChatEngine({ baseUrl: `${server.url}/v1/`, model: 'm' });
    expect(await engine.translate(request, signal())).toBe('The plenary session.');
    expect(server.errors).toEqual([]);
  });

  it('reports a malformed body clearly', async () => {
    server = await startServer((_r, res, i) =>
      i === 0 ? sendJson(res, 200, '<html>gateway</html>') : sendJson(res, 200, { choices: [] }),
    );
    const engine = createOpenAiChatEngine({ baseUrl: server.url, model: 'm' });
    await expect(engine.translate(request, signal())).rejects.toThrow(/malformed response .*not JSON/u);
    await expect(engine.translate(request, signal())).rejects.toThrow(/choices\[0\]\.message\.content/u);
  });

  it('never puts the key into an error, even when the server echoes it', async () => {
    server = await startServer((r, res) =>
      sendJson(res, 401, { error: { message: `Incorrect API key provided: ${String(r.headers.authorization)}` } }),
    );
    const engine = createOpenAiChatEngine({ baseUrl: server.url, model: 'm', apiKeyEnv: ENV });
    const error = await engine.translate(request, signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).status).toBe(401);
    expect((error as EngineError).retryable).toBe(false);
    expect((error as Error).message).toContain('[redacted]');
    expect((error as Error).message).not.toContain(KEY);
  });

  it('refuses to start when the named variable is unset, naming the variable only', () => {
    delete process.env[ENV];
    expect(() => createOpenAiChatEngine({ baseUrl: 'http://127.0.0.1:1', model: 'm', apiKeyEnv: ENV })).toThrow(ENV);
  });

  it('builds a prompt without glossary section when there is none', () => {
    expect(buildSystemPrompt([])).not.toContain('Glossary');
  });
});
