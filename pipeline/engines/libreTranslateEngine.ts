// LibreTranslate: POST {base}/translate {q, source, target, format, api_key?} → {translatedText}.
// The protocol has no glossary parameter: the glossary is enforced only by checkTranslation afterwards.
import type { TranslationEngine, TranslationRequest } from './engine.ts';
import { EngineError, postJson, readApiKey, trimBaseUrl } from './http.ts';

export interface LibreTranslateEngineOptions {
  /** Server root, e.g. "http://127.0.0.1:5000". */
  baseUrl: string;
  /** Name of the environment variable holding the api_key; none sent when absent. */
  apiKeyEnv?: string;
  fetchImpl?: typeof fetch;
}

export function createLibreTranslateEngine(options: LibreTranslateEngineOptions): TranslationEngine {
  const name = 'libretranslate';
  const apiKey = readApiKey(name, options.apiKeyEnv);
  const url = `${trimBaseUrl(options.baseUrl)}/translate`;
  const fixed = { source: 'zh', target: 'en', format: 'text' };
  return {
    name,
    identity: {
      kind: 'libretranslate',
      baseUrl: url,
      model: null,
      prompt: JSON.stringify(fixed),
      sendsGlossary: false,
    },
    async translate(request: TranslationRequest, signal: AbortSignal): Promise<string> {
      const body: Record<string, string> = { q: request.zh, ...fixed };
      if (apiKey) body.api_key = apiKey;
      const answer = await postJson(url, body, {
        label: name,
        signal,
        fetchImpl: options.fetchImpl,
        secrets: [apiKey],
      });
      const text = (answer as { translatedText?: unknown } | null)?.translatedText;
      if (typeof text !== 'string') {
        throw new EngineError(`${name}: malformed response from ${url}: expected a string in "translatedText"`, {
          kind: 'malformed',
          retryable: false,
        });
      }
      return text.trim();
    },
  };
}
