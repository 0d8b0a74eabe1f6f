// Writes a generated site's search folder and its articles (site.json) into DIR, in a process of its own: the work
// is long and synchronous, and a test worker blocked that long loses touch with vitest.
// Run: node bin/run-ts.mjs tests/support/writeSyntheticSite.ts DIR ARTICLES
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { byDateThenId } from '../../pipeline/publish/siteOutputs.ts';
import { searchTexts } from '../../pipeline/search/searchDocuments.ts';
import { writeSearchIndex } from '../../pipeline/search/writeSearchIndex.ts';
import { syntheticSite } from './searchCorpus.ts';

const [dir, count] = process.argv.slice(2);
const site = syntheticSite(Number(count));
writeFileSync(path.join(dir, 'site.json'), JSON.stringify(site));
const sorted = [...site.articles].sort(byDateThenId);
writeSearchIndex(
  dir,
  sorted.map((a) => ({ id: a.id, texts: searchTexts(a) })),
);
