// OpenAI-compatible chat completions (OpenAI, Ollama, llama.cpp server, vLLM …): POST {base}/v1/chat/completions.
// The glossary can only be enforced by the prompt plus checkTranslation afterwards.
import type { GlossaryEntry, TranslationEngine, TranslationRequest } from './engine.ts';
import { EngineError, postJson, readApiKey, trimBaseUrl } from './http.ts';

export interface OpenAiChatEngineOptions {
  /** Server root, e.g. "http://127.0.0.1:11434" (Ollama). A trailing "/v1" is tolerated. */
  baseUrl: string;
  model: string;
  /** Name of the environment variable holding the bearer key; no Authorization header when absent. */
  apiKeyEnv?: string;
  /** Replaces the house style at the head of the system prompt (the glossary and context still follow). */
  systemPrompt?: string;
  fetchImpl?: typeof fetch;
}

const oneLine = (s: string) => s.replace(/\s+/gu, ' ').trim();

export const HOUSE_STYLE = [
  'You translate Chinese newspaper text (Party and government news) into English in the news style of Xinhua and China Daily.',
  'Rules:',
  '- Answer with the English translation of the user message only: no explanations, no notes, no quotation marks around it, no Chinese characters.',
  '- Use the glossary renderings below exactly wherever the Chinese term occurs.',
  '- The Party is "the Communist Party of China (CPC)", then "CPC" or "the Party"; never "CCP".',
  '- Money: 亿 = 100 million, 万 = 10,000: 502亿元 → "50.2 billion yuan"; 895万余元 → "more than 8.95 million yuan". No dollar conversions.',
  '- Percentages spelled out: 3.5% → "3.5 percent"; differences of rates are "percentage points"; "year on year".',
  '- Keep every figure; thousands separators ("2,587"); dates as "May 31, 2023".',
  "- Chinese names in pinyin, surname first, given name as one word (陈敏尔 → Chen Min'er); titles follow the name in lower case.",
].join('\n');

/** The system message: house style, glossary as "zh → en" lines, optional context. */
export function buildSystemPrompt(
  glossary: readonly GlossaryEntry[],
  context?: string,
  houseStyle: string = HOUSE_STYLE,
): string {
  const parts = [houseStyle];
  const lines = glossary.filter((g) => g.zh.trim() && g.en.trim()).map((g) => `${oneLine(g.zh)} → ${oneLine(g.en)}`);
  if (lines.length > 0) parts.push(`Glossary (Chinese → English):\n${lines.join('\n')}`);
  if (context?.trim()) parts.push(`Context (for understanding only, do not translate): ${oneLine(context)}`);
  return parts.join('\n\n');
}

/** Reasoning models served by Ollama (qwen3, deepseek-r1) may prefix their answer with a <think> block. */
function cleanAnswer(content: string): string {
  return content.replace(/<think>[\s\S]*?<\/think>/gu, '').trim();
}

function contentOf(body: unknown): string | null {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const message = (choices[0] as { message?: unknown } | null)?.message as { content?: unknown } | undefined;
  const content = message?.content;
  if (typeof content === 'string') return content;
  // Some servers answer with content parts: [{type: "text", text: "…"}].
  if (Array.isArray(content) && content.every((p) => typeof (p as { text?: unknown })?.text === 'string')) {
    return content.map((p) => (p as { text: string }).text).join('');
  }
  return null;
}

/** The request body for one segment. */
function chatBody(model: string, houseStyle: string, request: Omit<TranslationRequest, 'segmentId'>) {
  return {
    model,
    messages: [
      { role: 'system', content: buildSystemPrompt(request.glossary, request.context, houseStyle) },
      { role: 'user', content: request.zh },
    ],
    temperature: 0,
  };
}

export function createOpenAiChatEngine(options: OpenAiChatEngineOptions): TranslationEngine {
  const name = `openai:${options.model}`;
  const apiKey = readApiKey(name, options.apiKeyEnv);
  const url = `${trimBaseUrl(options.baseUrl).replace(/\/v1$/u, '')}/v1/chat/completions`;
  const houseStyle = options.systemPrompt ?? HOUSE_STYLE;
  // The body with placeholders: house style and every template line, whatever the segment.
  const template = chatBody(options.model, houseStyle, {
    zh: '{zh}',
    glossary: [{ zh: '{term}', en: '{rendering}' }],
    context: '{context}',
  });
  return {
    name,
    identity: {
      kind: 'openai',
      baseUrl: url,
      model: options.model,
      prompt: JSON.stringify(template),
      sendsGlossary: true,
    },
    async translate(request: TranslationRequest, signal: AbortSignal): Promise<string> {
      const body = chatBody(options.model, houseStyle, request);
      const answer = await postJson(url, body, {
        label: name,
        signal,
        fetchImpl: options.fetchImpl,
        secrets: [apiKey],
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      });
      const content = contentOf(answer);
      if (content === null) {
        throw new EngineError(
          `${name}: malformed response from ${url}: expected a string at choices[0].message.content`,
          { kind: 'malformed', retryable: false },
        );
      }
      return cleanAnswer(content);
    },
  };
}
