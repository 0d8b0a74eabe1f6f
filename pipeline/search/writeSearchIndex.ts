// Writes the search folder of a site (search/ in the output or release folder) and the index page's script and
// styles; files of an earlier index that the new one does not have are removed, so a gone article leaves search.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileIfChanged, type OutputWriter } from '../publish/writeFiles.ts';
import { buildSearchIndex, type SearchIndex } from './buildSearchIndex.ts';
import { buildFoldTable, type FoldTable } from './foldTable.ts';
import { SEARCH_CORE_FILE, SITE_ASSETS_DIR, type StoredTexts } from './searchCore.ts';

/** The page's own assets, copied from templates/site/ into assets/ of the output. */
export const PAGE_ASSETS = ['index-page.js', 'index-page.css'];

let foldTable: FoldTable | null = null;
/** Built once per process: the dictionaries do not change during a run. */
export function foldTableOnce(): FoldTable {
  return (foldTable ??= buildFoldTable());
}

function filesUnder(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

export function writeSearchIndex(
  outDir: string,
  docs: { id: string; texts: StoredTexts }[],
  write: OutputWriter = (relative, content) => writeFileIfChanged(path.join(outDir, relative), content),
): SearchIndex {
  const index = buildSearchIndex(docs, { fold: foldTableOnce() });
  const dir = path.join(outDir, 'search');
  const files = new Map(index.files);
  files.set('core.js', '');
  for (const old of filesUnder(dir)) if (!files.has(old)) rmSync(path.join(dir, old), { force: true });
  for (const [name, content] of index.files) write(`search/${name}`, content);
  write('search/core.js', readFileSync(SEARCH_CORE_FILE));
  for (const asset of PAGE_ASSETS) write(`assets/${asset}`, readFileSync(path.join(SITE_ASSETS_DIR, asset)));
  return index;
}
