// Disk cache of engine answers: one JSON file per engine name under a directory, keyed by segment id.
// Files are written atomically (temp file in the same directory, then rename), so a crash never leaves half a file.
import { writeFileAtomic } from '../publish/writeFiles.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What translateSegments needs from a cache. */
export interface TranslationCache {
  get(engine: string, segmentId: string): string | undefined;
  set(engine: string, segmentId: string, en: string, zh?: string): void;
  flush(): Promise<void>;
}

interface CacheEntry {
  en: string;
  zh?: string;
}

interface CacheFile {
  version: 1;
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

  get(engine: string, segmentId: string): string | undefined {
    return this.load(engine).get(segmentId)?.en;
  }

  set(engine: string, segmentId: string, en: string, zh?: string): void {
    const entries = this.load(engine);
    const old = entries.get(segmentId);
    if (old?.en === en && old.zh === zh) return;
    entries.set(segmentId, zh === undefined ? { en } : { zh, en });
    this.dirty.add(engine);
  }

  /** Writes every changed engine file. */
  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    mkdirSync(this.dir, { recursive: true });
    for (const engine of [...this.dirty]) {
      const entries = this.engines.get(engine) ?? new Map<string, CacheEntry>();
      const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const file: CacheFile = { version: 1, engine, entries: sorted };
      writeFileAtomic(this.pathFor(engine), `${JSON.stringify(file, null, 1)}\n`);
      this.dirty.delete(engine);
    }
  }
}

export function createEngineCache(dir: string, onMessage?: (message: string) => void): EngineCache {
  return new EngineCache(dir, onMessage);
}
