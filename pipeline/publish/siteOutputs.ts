// The site's files beside the pages: the manifest, the search index, the index page, the Atom feed and the sitemap.
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Config } from '../config.ts';
import { LABELS } from '../domain/labels.ts';
import type { Article } from '../domain/types.ts';
import type { FailedInput, Manifest } from '../manifest.ts';
import type { Templates } from '../render/templates.ts';
import { indexPageData } from '../search/indexPage.ts';
import { searchTexts } from '../search/searchDocuments.ts';
import { writeSearchIndex } from '../search/writeSearchIndex.ts';
import { atomFeed, sitemap } from './feeds.ts';
import { writeFileIfChanged, type OutputWriter } from './writeFiles.ts';

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

/** Writes the site files; returns the diagnostics made on the way (a sitemap without baseUrl). */
export function writeSiteOutputs(
  outDir: string,
  site: SiteOutputs,
  write: OutputWriter = (relative, content) => writeFileIfChanged(path.join(outDir, relative), content),
): VFileMessage[] {
  write('briefings.json', `${JSON.stringify(site.manifest, null, 2)}\n`);
  // The search numbers documents in the index page's order, so both are made from one sorted list.
  const sorted = [...site.articles].sort(byDateThenId);
  const search = writeSearchIndex(
    outDir,
    sorted.map((a) => ({ id: a.id, texts: searchTexts(a) })),
    write,
  );
  write(
    'index.html',
    site.templates.index({
      title: site.config.title,
      labels: LABELS,
      sources: site.manifest.sources,
      failed: site.failed,
      ...indexPageData(sorted, site.manifest.sources, search.version),
    }),
  );
  write('feed.xml', atomFeed(site.articles, site.config));
  const map = sitemap(site.articles, site.config);
  write('sitemap.xml', map.value);
  return map.messages;
}
