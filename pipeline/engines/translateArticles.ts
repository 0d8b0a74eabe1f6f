// Full text through the configured engine, for what offline rules and memory left pending; results are cached.
import type { Article } from '../domain/types.ts';
import { articleSegments } from '../bilingual/index.ts';
import type { EngineConfig } from './createEngine.ts';
import type { TranslationEngine } from './engine.ts';
import { createEngineCache } from './engineCache.ts';
import { translateSegments, type TranslateStats } from './translateSegments.ts';

export async function translateArticles(
  articles: Article[],
  engine: TranslationEngine,
  settings: EngineConfig & { concurrency?: number; timeoutMs?: number; retries?: number; cacheDir?: string },
  options: { cacheRoot: string; onMessage: (line: string) => void },
): Promise<TranslateStats> {
  const items = articles.flatMap((article) =>
    articleSegments(article)
      .filter((segment) => segment.enStatus === 'pending')
      .map((segment) => ({
        segment,
        glossary: article.terms.filter((t) => segment.zh.includes(t.zh)).map((t) => ({ zh: t.zh, en: t.en })),
        context: article.title.zh,
      })),
  );
  return translateSegments(items, engine, {
    cache: createEngineCache(options.cacheRoot),
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    onMessage: options.onMessage,
  });
}
