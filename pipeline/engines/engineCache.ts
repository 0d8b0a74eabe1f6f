// Disk cache of engine answers: one JSON file per engine name under a directory, keyed by translationCacheKey.
// Files are written atomically (temp file in the same directory, then rename), so a crash never leaves half a file.
import { writeFileAtomic } from '../publish/writeFiles.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlossaryEntry, TranslationEngine, TranslationRequest } from './engine.ts';

/** What translateSegments needs from a cache; `key` is a translationCacheKey. */
export interface TranslationCache {
  get(engine: string, key: string): string | undefined;
  set(engine: string, key: string, en: string, zh?: string): void;
  flush(): Promise<void>;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A hash of the glossary as a set: the order the terms were collected in does not matter. */
export function glossaryHash(glossary: readonly GlossaryEntry[]): string {
  const rows = [...new Set(glossary.map((g) => JSON.stringify([g.zh, g.en])))].sort();
  return digest(`[${rows.join(',')}]`);
}

/**
 * Where an engine answer is kept: engine kind, endpoint, model, a hash of the prompt, a hash of the glossary sent and
 * the segment id, so that a new server, model, prompt or glossary asks again.
 */
export function translationCacheKey(engine: TranslationEngine, request: TranslationRequest): string {
  const id = engine.identity ?? { kind: engine.name, baseUrl: '', model: null, prompt: '', sendsGlossary: true };
  const sent = id.sendsGlossary ? request.glossary : [];
  return [
    id.kind,
    id.baseUrl,
    id.model ?? '',
    `prompt=${digest(id.prompt)}`,
    `glossary=${glossaryHash(sent)}`,
    request.segmentId,
  ].join('|');
}

interface CacheEntry {
  en: string;
  zh?: string;
}

/** Version 1 keyed answers by segment id only: its answers may belong to another prompt or server. */
const VERSION = 2;

interface CacheFile {
  version: typeof VERSION;
  engine: string;
  entries: Record<string, CacheEntry>;
}

/**
 * A file name safe on every file system, distinct for distinct engine names ("openai:qwen2.5" →
 * "openai_qwen2.5-1a2b3c4d.json").
 */
export function cacheFileName(engine: string): string {
  const safe = engine.replace(/[^A-Za-z0-9._-]+/gu, '_').slice(0, 80);
  const hash = createHash('sha256').update(engine).digest('hex').slice(0, 8);
  return `${safe}-${hash}.json`;
}

export class EngineCache implements TranslationCache {
  private readonly engines = new Map<string, Map<string, CacheEntry>>();
  private readonly dirty = new Set<string>();

  /** `onMessage` hears about unreadable cache files (they are then rebuilt from scratch). */
  constructor(
    readonly dir: string,
    private readonly onMessage?: (message: string) => void,
  ) {}

  pathFor(engine: string): string {
    return join(this.dir, cacheFileName(engine));
  }

  private load(engine: string): Map<string, CacheEntry> {
    let entries = this.engines.get(engine);
    if (entries) return entries;
    entries = new Map();
    const path = this.pathFor(engine);
    if (existsSync(path)) {
      try {
        const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
        if (data?.version !== VERSION)
          throw new Error(
            `format ${String(data?.version)}, not ${VERSION}, whose keys ignore server, prompt and glossary`,
          );
        if (data?.engine !== engine || typeof data.entries !== 'object' || data.entries === null)
          throw new Error('not a cache file for this engine');
        for (const [id, entry] of Object.entries(data.entries))
          if (typeof entry?.en === 'string') entries.set(id, { en: entry.en, zh: entry.zh });
      } catch (error) {
        this.onMessage?.(`engine cache ${path} is unreadable (${(error as Error).message}); starting afresh`);
      }
    }
    this.engines.set(engine, entries);
    return entries;
  }

  get(engine: string, key: string): string | undefined {
    return this.load(engine).get(key)?.en;
  }

  set(engine: string, key: string, en: string, zh?: string): void {
    const entries = this.load(engine);
    const old = entries.get(key);
    if (old?.en === en && old.zh === zh) return;
    entries.set(key, zh === undefined ? { en } : { zh, en });
    this.dirty.add(engine);
  }

  /** Writes every changed engine file. */
  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    mkdirSync(this.dir, { recursive: true });
    for (const engine of [...this.dirty]) {
      const entries = this.engines.get(engine) ?? new Map<string, CacheEntry>();
      const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const file: CacheFile = { version: VERSION, engine, entries: sorted };
      writeFileAtomic(this.pathFor(engine), `${JSON.stringify(file, null, 1)}\n`);
      this.dirty.delete(engine);
    }
  }
}

export function createEngineCache(dir: string, onMessage?: (message: string) => void): EngineCache {
  return new EngineCache(dir, onMessage);
}
