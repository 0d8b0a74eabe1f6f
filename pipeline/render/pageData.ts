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
    editList: editList(edits),
    editSummary: [...summary.entries()].map(([rule, v]) => ({ rule, ...v })),
    flags: source.flags.filter(inRange),
    originalText:
      cleaned.source.script === 'traditional' || cleaned.source.script === 'mixed' ? cleaned.source.originalText : null,
  };
}

/** Edits of one rule with the same text before and after, three or more of them, make one entry. */
const GROUP_FROM = 3;

/**
 * The edit log as the appendix lists it: every edit with its position, but the same change made many times (a
 * half-width comma made full-width at 200 places) on one line with all its positions, in order of first position.
 */
export function editList(edits: CleanedSource['edits']) {
  const groups = new Map<string, CleanedSource['edits']>();
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const key = JSON.stringify([e.rule, e.before, e.after]);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()]
    .flatMap((group) => (group.length >= GROUP_FROM ? [group] : group.map((e) => [e])))
    .sort((a, b) => a[0].start - b[0].start)
    .map((group) => ({
      rule: group[0].rule,
      reason: group[0].reason,
      before: visible(group[0].before),
      after: visible(group[0].after),
      count: group.length,
      many: group.length > 1,
      positions: group.map((e) => e.start).join(' '),
    }));
}

/** White space made visible in the edit table (a deleted line break must show). */
function visible(s: string): string {
  return s
    .replace(/\n/gu, '⏎')
    .replace(/\u3000/gu, '□')
    .replace(/\u00a0/gu, '⍽');
}
