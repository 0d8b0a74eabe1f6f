// The data a Handlebars layout receives for one article page: labels, English metadata, its share of the edit log.
import { GENRE_LABELS, LABELS } from '../domain/labels.ts';
import type { SourceRecord } from '../manifest.ts';
import type { Article, CleanedSource } from '../domain/types.ts';

/** [start, end) code-point offsets of an article in its source: its share of the edit log. */
export type ArticleRange = [number, number];

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function articlePageData(
  article: Article,
  source: SourceRecord,
  cleaned: CleanedSource,
  range: ArticleRange,
  body: string,
  version: string,
) {
  const [from, to] = range;
  const inRange = <T extends { start: number }>(x: T) => x.start >= from && x.start < to;
  const edits = source.edits.filter(inRange);
  const summary = new Map<string, { count: number; reason: string }>();
  for (const e of edits)
    summary.set(e.rule, {
      count: (summary.get(e.rule)?.count ?? 0) + 1,
      reason: summary.get(e.rule)?.reason ?? e.reason,
    });
  return {
    article,
    body,
    version,
    labels: LABELS,
    genre: GENRE_LABELS[article.genre],
    dateZh: article.date ? dateZh(article.date) : null,
    dateEn: article.english?.date ?? null,
    bylineEn: article.english?.byline ?? null,
    penNameEn: article.english?.penName ?? null,
    meetingEn: article.meeting ? `${article.meeting.zh}${article.meeting.en ? ` · ${article.meeting.en}` : ''}` : null,
    attendanceEn: article.english?.attendance ?? null,
    source,
    metadata: source.metadata.filter(inRange),
    edits: edits.map((e) => ({ ...e, before: visible(e.before), after: visible(e.after) })),
    editSummary: [...summary.entries()].map(([rule, v]) => ({ rule, ...v })),
    flags: source.flags.filter(inRange),
    originalText:
      cleaned.source.script === 'traditional' || cleaned.source.script === 'mixed' ? cleaned.source.originalText : null,
  };
}

/** White space made visible in the edit table (a deleted line break must show). */
function visible(s: string): string {
  return s
    .replace(/\n/gu, '⏎')
    .replace(/\u3000/gu, '□')
    .replace(/\u00a0/gu, '⍽');
}
