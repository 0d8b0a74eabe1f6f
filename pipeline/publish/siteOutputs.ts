// The site's files beside the pages: the manifest, the index page, the Atom feed and the sitemap.
import path from 'node:path';
import type { Config } from '../config.ts';
import { GENRE_LABELS, LABELS } from '../domain/labels.ts';
import type { Article } from '../domain/types.ts';
import type { FailedInput, Manifest } from '../manifest.ts';
import type { Templates } from '../render/templates.ts';
import { atomFeed, sitemap } from './feeds.ts';
import { writeFileAtomic } from './writeFiles.ts';

export interface SiteOutputs {
  manifest: Manifest;
  articles: Article[];
  failed: FailedInput[];
  config: Config;
  templates: Templates;
}

/** Newest first; undated articles last, by id. */
export function byDateThenId(a: Article, b: Article): number {
  return (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id);
}

export function writeSiteOutputs(outDir: string, site: SiteOutputs): void {
  writeFileAtomic(path.join(outDir, 'briefings.json'), `${JSON.stringify(site.manifest, null, 2)}\n`);
  writeFileAtomic(
    path.join(outDir, 'index.html'),
    site.templates.index({
      title: site.config.title,
      labels: LABELS,
      sources: site.manifest.sources,
      failed: site.failed,
      articles: [...site.articles]
        .sort(byDateThenId)
        .map((a) => ({ ...a, genreZh: GENRE_LABELS[a.genre].zh, genreEn: GENRE_LABELS[a.genre].en })),
    }),
  );
  writeFileAtomic(path.join(outDir, 'feed.xml'), atomFeed(site.articles, site.config));
  writeFileAtomic(path.join(outDir, 'sitemap.xml'), sitemap(site.articles, site.config));
}
