// What the index page shows of each article (date or "date unknown", genre, paper, both titles) and the choices
// its filters offer; the row order is the search's document order, so a search hit names its row by number.
import { GENRE_LABELS, type Label } from '../domain/labels.ts';
import type { Article } from '../domain/types.ts';
import type { SourceRecord } from '../manifest.ts';

export const UNDATED: Label = { zh: '日期不详', en: 'date unknown' };
export const UNKNOWN_PAPER: Label = { zh: '来源不详', en: 'source unknown' };

/** The paper an article comes from: meta `paper`, else the publisher read from the page's 来源 line. */
export function paperOf(source: (SourceRecord & { paper?: string | null }) | undefined): string | null {
  return source?.paper?.trim() || source?.origin?.publisher?.trim() || null;
}

export function indexPageData(sorted: Article[], sources: SourceRecord[], searchVersion: string) {
  const byFile = new Map(sources.map((s) => [s.file, s]));
  const rows = sorted.map((a, doc) => ({
    ...a,
    doc,
    genreZh: GENRE_LABELS[a.genre].zh,
    genreEn: GENRE_LABELS[a.genre].en,
    paper: paperOf(byFile.get(a.source.file)),
  }));
  const count = <K>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const genres = [...count(rows.map((r) => r.genre))].map(([genre, n]) => ({ genre, n, ...GENRE_LABELS[genre] }));
  const papers = [...count(rows.map((r) => r.paper))]
    .filter((e): e is [string, number] => e[0] !== null)
    .sort(([a], [b]) => a.localeCompare(b, 'zh'))
    .map(([paper, n]) => ({ paper, n }));
  const dates = rows.map((r) => r.date).filter((d): d is string => Boolean(d));
  return {
    articles: rows,
    filters: {
      genres,
      papers,
      unknownPapers: rows.filter((r) => r.paper === null).length,
      firstDate: dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : null,
      lastDate: dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null,
    },
    undated: UNDATED,
    unknownPaper: UNKNOWN_PAPER,
    searchVersion,
  };
}
