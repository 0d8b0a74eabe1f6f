// English staff settled: reviewed segments (by segment id, so an identical sentence elsewhere fills too) and names
// fixed once in the local term base, applied to every person, speaker and byline where the name recurs.
import { articleSegments } from '../bilingual/index.ts';
import { renderPinyinName } from '../bilingual/renderPinyinName.ts';
import type { TermEntry } from '../domain/termBase.ts';
import type { Article } from '../domain/types.ts';
import { segmentId } from '../domain/segment.ts';
import type { SegmentFix } from './reviewFile.ts';

/** The kind of a term-base row that fixes a person's name in English. */
export const PERSON_KIND = 'person';

/** Fills the reviewed English; returns the ids it used. */
export function applyReviewedEnglish(article: Article, segments: SegmentFix[]): Set<string> {
  const used = new Set<string>();
  if (segments.length === 0) return used;
  const byId = new Map(segments.filter((s) => segmentId(s.zh) === s.id).map((s) => [s.id, s.en]));
  for (const segment of articleSegments(article)) {
    const en = byId.get(segment.id);
    if (en === undefined) continue;
    segment.en = en;
    segment.enStatus = 'reviewed';
    delete segment.enNote;
    used.add(segment.id);
  }
  return used;
}

/** Names fixed in the local term base (kind person): zh → English. */
export function personNames(terms: TermEntry[]): Map<string, string> {
  return new Map(terms.filter((t) => t.kind === PERSON_KIND && !t.pattern).map((t) => [t.zh, t.en]));
}

/** Applies fixed names to an article made by the bilingual stage (a no-op when the term base fixes none). */
export function applyPersonNames(article: Article, names: Map<string, string>): Article {
  if (names.size === 0) return article;
  const en = (name: string) => names.get(name) ?? renderPinyinName(name);
  for (const p of article.people) if (names.has(p.name)) p.en = names.get(p.name)!;
  for (const s of article.sections)
    if (s.kind === 'qa') for (const sp of s.speakers) if (names.has(sp.name)) sp.en = names.get(sp.name)!;
  if (article.english && article.byline) {
    const named = [...article.byline.reporters, ...(article.byline.correspondents ?? [])];
    if (named.some((n) => names.has(n))) article.english.byline = named.map(en).join(', ');
  }
  if (article.english && article.penName && names.has(article.penName))
    article.english.penName = names.get(article.penName)!;
  // Sentences rendered by rule or memory name people in pinyin: the fixed form replaces it where the name recurs.
  for (const segment of articleSegments(article)) {
    if (segment.en === null || segment.enStatus === 'reviewed') continue;
    for (const [zh, fixed] of names)
      if (segment.zh.includes(zh)) segment.en = segment.en.replaceAll(renderPinyinName(zh), fixed);
  }
  article.terms = article.terms.filter((t) => t.kind !== PERSON_KIND);
  return article;
}
