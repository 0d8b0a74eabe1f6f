// Queries cut from articles (title pieces, body pieces, English names and terms), each with the article it must
// find, and what a first query on a fresh page downloads.
import type { Article } from '../../pipeline/domain/types.ts';
import { openSearchFolder } from '../../pipeline/search/searchCore.ts';
import { searchTexts } from '../../pipeline/search/searchDocuments.ts';

export interface CutQuery {
  query: string;
  id: string;
  kind: 'title' | 'body' | 'english';
}

/** A random piece of `length` code points of a text. */
export function pieceOf(text: string, length: number, rand: () => number): string {
  const chars = [...text];
  const at = Math.floor(rand() * Math.max(1, chars.length - length + 1));
  return chars.slice(at, at + length).join('');
}

/** Lines of a text with at least two letters or digits (pieces are cut within one segment or list item). */
const lines = (text: string) => text.split('\n').filter((l) => (l.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2);

export function queryMix(articles: Article[], rand: () => number, n: number): CutQuery[] {
  const out: CutQuery[] = [];
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  while (out.length < n) {
    const a = pick(articles);
    const [zh] = searchTexts(a);
    const kind = (['title', 'body', 'english'] as const)[out.length % 3];
    if (kind === 'title') out.push({ query: pieceOf(a.title.zh, 2 + Math.floor(rand() * 5), rand), id: a.id, kind });
    else if (kind === 'body') {
      const body = lines(zh[4]);
      if (body.length) out.push({ query: pieceOf(pick(body), 2 + Math.floor(rand() * 7), rand), id: a.id, kind });
    } else {
      const names = [...a.terms.map((t) => t.en), ...a.people.map((p) => p.en)].filter((x): x is string => !!x);
      if (names.length) out.push({ query: pick(names), id: a.id, kind });
    }
  }
  return out;
}

/** Results whose passages a first screen shows (the page loads a passage when its result comes into view). */
export const FIRST_SCREEN = 6;

/**
 * A first query on a fresh page: meta, fold table, the files of its keys and the stored texts of the results on
 * the first screen (for their passages). `ids` names the documents in index order.
 */
export async function firstQueryBytes(dir: string, query: string, ids: string[], page = FIRST_SCREEN) {
  const core = openSearchFolder(dir);
  const answer = await core.search(query);
  for (const r of answer.results.slice(0, page)) core.passage(await core.loadDocument(r.doc), answer.terms);
  return { bytes: core.bytesRead(), files: core.filesRead(), ids: answer.results.map((r) => ids[r.doc]), answer, core };
}
