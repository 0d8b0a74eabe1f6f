// The search index as files: bigram and word postings sharded by a hash of the key (a query downloads only the
// shards its keys live in), one file of stored texts per article (for passages), the fold table and a meta file.
// Every file is a script handing its payload to BriefingsSearch.receive(), which loads from file:// as well.
import { createHash } from 'node:crypto';
import type { FoldTable } from './foldTable.ts';
import { loadSearchCore, type StoredTexts } from './searchCore.ts';

export interface SearchIndexOptions {
  fold: FoldTable;
  /** Average size aimed at for one shard file, in bytes. */
  shardBytes?: number;
  /** Positions kept per article and field for keys with a file of their own. */
  positionCap?: number;
}

export interface SearchIndex {
  version: string;
  /** Relative path inside search/ → file contents. */
  files: Map<string, string>;
  stats: { docs: number; keys: number; shards: number; bigKeys: number; postingBytes: number; textBytes: number };
}

export const DEFAULT_SHARD_BYTES = 12_000;
export const DEFAULT_POSITION_CAP = 2;
const MAX_SHARDS = 8192;

const script = (name: string, payload: unknown) =>
  `BriefingsSearch.receive(${JSON.stringify(name)},${JSON.stringify(payload)});\n`;

/** Documents are numbered by their place in `docs` (the index page lists them in the same order). */
export function buildSearchIndex(docs: { id: string; texts: StoredTexts }[], options: SearchIndexOptions): SearchIndex {
  const core = loadSearchCore();
  core.setFoldTable(options.fold.from, options.fold.to);
  // key → [field, flat] with flat = doc, count, positions… (plain number arrays: millions of small arrays would
  // keep the garbage collector busy for minutes on a large site).
  const postings = new Map<string, [number, number[]][]>();
  docs.forEach(({ texts }, doc) => {
    for (let field = 0; field < core.FIELDS.length; field++) {
      for (const [key, positions] of core.fieldKeys(texts[0][field] ?? '', texts[1][field] ?? '')) {
        let byField = postings.get(key);
        if (!byField) postings.set(key, (byField = []));
        let entry = byField.find(([f]) => f === field);
        if (!entry) byField.push((entry = [field, []]));
        entry[1].push(doc, positions.length, ...positions);
      }
    }
  });
  const target = options.shardBytes ?? DEFAULT_SHARD_BYTES;
  // A key in many articles gets a file of its own, named in the meta, so it never makes a shard large, and keeps
  // only its first positions in each article.
  const bigLimit = Math.floor(target / 3);
  const cap = options.positionCap ?? DEFAULT_POSITION_CAP;
  const encoded = new Map<string, string>();
  const big: [string, string][] = [];
  let postingBytes = 0;
  for (const key of [...postings.keys()].sort()) {
    const byField = postings.get(key)!;
    let value = core.encodePostings(byField, 0);
    if (value.length > bigLimit) {
      value = core.encodePostings(byField, cap);
      big.push([key, value]);
    } else encoded.set(key, value);
    postingBytes += Buffer.byteLength(key) + value.length + 6;
  }
  postings.clear();
  const small = [...encoded.keys()];
  const smallBytes = small.reduce((n, k) => n + Buffer.byteLength(k) + encoded.get(k)!.length + 6, 0);
  let shards = 1;
  while (shards < MAX_SHARDS && smallBytes / shards > target) shards *= 2;
  const shardKeys: Record<string, string>[] = Array.from({ length: shards }, () => ({}));
  for (const key of small) shardKeys[core.shardOf(key, shards)][key] = encoded.get(key)!;

  const hash = createHash('sha256');
  for (const d of docs) hash.update(d.id).update('\0').update(JSON.stringify(d.texts)).update('\0');
  const version = hash.digest('hex').slice(0, 16);
  const files = new Map<string, string>();
  files.set(
    'meta.js',
    script('meta', {
      version,
      docs: docs.length,
      shards,
      shardKiB: Math.max(1, Math.round(smallBytes / shards / 1024)),
      fields: core.FIELDS,
      big: big.map(([k]) => k).join('|'),
      bigKiB: big.map(([, v]) => core.encodeNumber(Math.round(v.length / 1024))).join(''),
    }),
  );
  files.set('fold.js', script('fold', [options.fold.from, options.fold.to]));
  shardKeys.forEach((keys, s) => files.set(`s/${s}.js`, script(`s/${s}`, keys)));
  big.forEach(([, value], i) => files.set(`k/${i}.js`, script(`k/${i}`, value)));
  let textBytes = 0;
  docs.forEach(({ texts }, doc) => {
    const file = script(`d/${doc}`, texts);
    textBytes += Buffer.byteLength(file);
    files.set(`d/${doc}.js`, file);
  });
  return {
    version,
    files,
    stats: { docs: docs.length, keys: encoded.size + big.length, shards, bigKeys: big.length, postingBytes, textBytes },
  };
}
