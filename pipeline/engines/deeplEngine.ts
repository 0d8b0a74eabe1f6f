// DeepL: POST {base}/v2/translate {text: [zh], source_lang: "ZH", target_lang: "EN-GB" | "EN-US", glossary_id?,
// context?} with the header "Authorization: DeepL-Auth-Key …" → {translations: [{text}]}. ZH → EN supports
// glossaries: the segment's term-base renderings go into a v3 glossary (POST {base}/v3/glossaries, one dictionary
// zh → en as TSV), made once per distinct set of entries; checkTranslation checks the answer afterwards all the same.
import { createHash } from 'node:crypto';
import type { GlossaryEntry, TranslationEngine, TranslationRequest } from './engine.ts';
import { EngineError, postJson, readApiKey, trimBaseUrl } from './http.ts';

export interface DeepLEngineOptions {
  /** "https://api.deepl.com" (Pro), "https://api-free.deepl.com" (Free) or a local stand-in. */
  baseUrl: string;
  /** Name of the environment variable holding the auth key (DeepL always needs one). */
  apiKeyEnv: string;
  targetLang?: 'EN-GB' | 'EN-US';
  /** Send the term-base renderings as a DeepL glossary (default true). */
  glossary?: boolean;
  fetchImpl?: typeof fetch;
}

/** A glossary entry DeepL accepts: one line of TSV, no placeholders, at most 1024 bytes a side. */
const usable = (g: GlossaryEntry) =>
  g.zh.trim() !== '' &&
  g.en.trim() !== '' &&
  !/[\t\n\r{}]/u.test(g.zh + g.en) &&
  Buffer.byteLength(g.zh) <= 1024 &&
  Buffer.byteLength(g.en) <= 1024;

/** The dictionary as TSV, one entry per source phrase (the first rendering wins), in a stable order. */
export function glossaryTsv(glossary: readonly GlossaryEntry[]): string {
  const byZh = new Map<string, string>();
  for (const g of glossary) if (usable(g) && !byZh.has(g.zh.trim())) byZh.set(g.zh.trim(), g.en.trim());
  return [...byZh]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([zh, en]) => `${zh}\t${en}`)
    .join('\n');
}

export function createDeepLEngine(options: DeepLEngineOptions): TranslationEngine {
  const name = 'deepl';
  const apiKey = readApiKey(name, options.apiKeyEnv);
  if (!apiKey)
    throw new EngineError(`${name}: apiKeyEnv must name the variable holding the DeepL auth key`, {
      kind: 'config',
      retryable: false,
    });
  const base = trimBaseUrl(options.baseUrl).replace(/\/v2$/u, '');
  const translateUrl = `${base}/v2/translate`;
  const glossaryUrl = `${base}/v3/glossaries`;
  const targetLang = options.targetLang ?? 'EN-GB';
  const useGlossary = options.glossary ?? true;
  const headers = { authorization: `DeepL-Auth-Key ${apiKey}` };
  const fixed = { source_lang: 'ZH', target_lang: targetLang };
  // Glossary ids by the hash of their entries: the same terms are sent once per process.
  const glossaries = new Map<string, Promise<string>>();

  const glossaryFor = (tsv: string, signal: AbortSignal): Promise<string> => {
    const hash = createHash('sha256').update(tsv).digest('hex').slice(0, 16);
    let id = glossaries.get(hash);
    if (!id) {
      id = postJson(
        glossaryUrl,
        {
          name: `briefings-${hash}`,
          dictionaries: [{ source_lang: 'zh', target_lang: 'en', entries: tsv, entries_format: 'tsv' }],
        },
        { label: name, signal, fetchImpl: options.fetchImpl, secrets: [apiKey], headers },
      ).then((answer) => {
        const glossaryId = (answer as { glossary_id?: unknown } | null)?.glossary_id;
        if (typeof glossaryId !== 'string' || glossaryId === '')
          throw new EngineError(`${name}: malformed response from ${glossaryUrl}: expected a string "glossary_id"`, {
            kind: 'malformed',
            retryable: false,
          });
        return glossaryId;
      });
      // A failed creation is asked again next time, not remembered.
      id.catch(() => glossaries.delete(hash));
      glossaries.set(hash, id);
    }
    return id;
  };

  return {
    name,
    identity: {
      kind: 'deepl',
      baseUrl: translateUrl,
      model: null,
      prompt: JSON.stringify({ ...fixed, glossary: useGlossary }),
      sendsGlossary: useGlossary,
    },
    async translate(request: TranslationRequest, signal: AbortSignal): Promise<string> {
      const body: Record<string, unknown> = { text: [request.zh], ...fixed };
      const tsv = useGlossary ? glossaryTsv(request.glossary) : '';
      if (tsv) body.glossary_id = await glossaryFor(tsv, signal);
      if (request.context?.trim()) body.context = request.context.trim();
      const answer = await postJson(translateUrl, body, {
        label: name,
        signal,
        fetchImpl: options.fetchImpl,
        secrets: [apiKey],
        headers,
      });
      const translations = (answer as { translations?: unknown } | null)?.translations;
      const text = Array.isArray(translations) ? (translations[0] as { text?: unknown } | undefined)?.text : undefined;
      if (typeof text !== 'string')
        throw new EngineError(
          `${name}: malformed response from ${translateUrl}: expected a string at translations[0].text`,
          {
            kind: 'malformed',
            retryable: false,
          },
        );
      return text.trim();
    },
  };
}
