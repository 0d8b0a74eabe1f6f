import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, engineConfigSchema } from '../../pipeline/engines/createEngine.ts';

afterEach(() => {
  delete process.env.BRIEFINGS_TEST_CE_KEY;
});

describe('engineConfigSchema and createEngine', () => {
  it('gives null for none and an engine for the others', () => {
    expect(createEngine(engineConfigSchema.parse({ kind: 'none' }))).toBeNull();
    const openai = createEngine(
      engineConfigSchema.parse({ kind: 'openai', baseUrl: 'http://127.0.0.1:11434', model: 'qwen2.5:7b' }),
    );
    expect(openai?.name).toBe('openai:qwen2.5:7b');
    process.env.BRIEFINGS_TEST_CE_KEY = 'k';
    const lt = createEngine(
      engineConfigSchema.parse({
        kind: 'libretranslate',
        baseUrl: 'http://127.0.0.1:5000',
        apiKeyEnv: 'BRIEFINGS_TEST_CE_KEY',
        concurrency: 4,
      }),
    );
    expect(lt?.name).toBe('libretranslate');
  });

  it('rejects bad configurations', () => {
    const bad = [
      { kind: 'deepl' },
      { kind: 'openai', baseUrl: 'http://127.0.0.1:11434' },
      { kind: 'openai', baseUrl: 'not a url', model: 'm' },
      { kind: 'openai', baseUrl: 'file:///etc', model: 'm' },
      { kind: 'libretranslate', baseUrl: 'http://x', apiKeyEnv: 'sk-live-1234' },
      { kind: 'none', baseUrl: 'http://x' },
    ];
    for (const config of bad) expect(engineConfigSchema.safeParse(config).success, JSON.stringify(config)).toBe(false);
  });

  it('does not echo a key mistakenly put in apiKeyEnv', () => {
    const result = engineConfigSchema.safeParse({
      kind: 'libretranslate',
      baseUrl: 'http://x',
      apiKeyEnv: 'sk-live-1234',
    });
    expect(JSON.stringify(result.error?.issues)).not.toContain('sk-live-1234');
  });
});
