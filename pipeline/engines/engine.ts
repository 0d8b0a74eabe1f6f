// The interface every translation engine adapter implements. Engines are optional: none is configured by default.
export interface GlossaryEntry {
  zh: string;
  en: string;
}

export interface TranslationRequest {
  segmentId: string;
  zh: string;
  /** Term-base renderings the engine must use (passed to the engine, then checked). */
  glossary: GlossaryEntry[];
  /** Surrounding text (title, genre) that helps the engine; never required. */
  context?: string;
}

export interface TranslationEngine {
  /** Stable name, part of the cache key (for example "openai:qwen2.5" or "libretranslate"). */
  readonly name: string;
  translate(request: TranslationRequest, signal: AbortSignal): Promise<string>;
}
