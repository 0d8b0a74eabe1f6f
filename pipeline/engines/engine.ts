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

/** What decides an engine's answer besides the segment: every part is in the cache key. */
export interface EngineIdentity {
  /** "openai", "libretranslate". */
  kind: string;
  /** The endpoint the requests go to. */
  baseUrl: string;
  model: string | null;
  /** The fixed part of every request (system prompt and request template): a change means other answers. */
  prompt: string;
  /** Whether the glossary reaches the engine (LibreTranslate has no glossary parameter). */
  sendsGlossary: boolean;
}

export interface TranslationEngine {
  /** Stable name of the cache file and the notes (for example "openai:qwen2.5" or "libretranslate"). */
  readonly name: string;
  /** Absent for engines that only have a name: then the name and the glossary key the cache. */
  readonly identity?: EngineIdentity;
  translate(request: TranslationRequest, signal: AbortSignal): Promise<string>;
}
