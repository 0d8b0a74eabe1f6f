// The `engine` entry of briefings.config.json: none (default), an OpenAI-compatible chat server, LibreTranslate or
// DeepL.
import { z } from 'zod';
import type { TranslationEngine } from './engine.ts';
import { createDeepLEngine } from './deeplEngine.ts';
import { createLibreTranslateEngine } from './libreTranslateEngine.ts';
import { createOpenAiChatEngine } from './openAiChatEngine.ts';

const httpUrl = z.string().refine((s) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}, 'an http(s) URL such as "http://127.0.0.1:11434"');

/** The name of an environment variable, never the key itself. */
const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/u,
    'the NAME of an environment variable holding the key (for example "OPENAI_API_KEY"), not the key',
  );

/** Run settings shared by the engine kinds; all optional (translateSegments' defaults apply). */
const runSettings = {
  concurrency: z.number().int().min(1).max(32).optional(),
  timeoutMs: z.number().int().min(100).optional(),
  retries: z.number().int().min(0).max(10).optional(),
  cacheDir: z.string().min(1).optional(),
};

export const engineConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('openai'),
      baseUrl: httpUrl,
      model: z.string().min(1),
      apiKeyEnv: envName.optional(),
      /** Replaces the house style of the system prompt; cached answers of another prompt are not reused. */
      systemPrompt: z.string().min(1).optional(),
      ...runSettings,
    })
    .strict(),
  z
    .object({ kind: z.literal('libretranslate'), baseUrl: httpUrl, apiKeyEnv: envName.optional(), ...runSettings })
    .strict(),
  z
    .object({
      kind: z.literal('deepl'),
      /** https://api.deepl.com (Pro) or https://api-free.deepl.com (Free). */
      baseUrl: httpUrl,
      apiKeyEnv: envName,
      targetLang: z.enum(['EN-GB', 'EN-US']).optional(),
      /** Send the term-base renderings as a DeepL glossary (default true). */
      glossary: z.boolean().optional(),
      ...runSettings,
    })
    .strict(),
]);

export type EngineConfig = z.infer<typeof engineConfigSchema>;

/** The engine for a (parsed) config, or null for `none`. Throws when `apiKeyEnv` names an unset variable. */
export function createEngine(config: EngineConfig, fetchImpl?: typeof fetch): TranslationEngine | null {
  switch (config.kind) {
    case 'none':
      return null;
    case 'openai':
      return createOpenAiChatEngine({
        baseUrl: config.baseUrl,
        model: config.model,
        apiKeyEnv: config.apiKeyEnv,
        systemPrompt: config.systemPrompt,
        fetchImpl,
      });
    case 'libretranslate':
      return createLibreTranslateEngine({ baseUrl: config.baseUrl, apiKeyEnv: config.apiKeyEnv, fetchImpl });
    case 'deepl':
      return createDeepLEngine({
        baseUrl: config.baseUrl,
        apiKeyEnv: config.apiKeyEnv,
        targetLang: config.targetLang,
        glossary: config.glossary,
        fetchImpl,
      });
  }
}
