// Corrections to one structured article: its genre (the sections are read again the way that genre is read), the
// line chosen as its title, and paragraphs marked as a question, an answer, a clause or an item, or unmarked.
import type { Article, ArticleDraft, CleanLine, Genre, Section } from '../domain/types.ts';
import { makeSegment } from '../domain/segment.ts';
import { parseNumberedItems, TOP_ITEM } from '../structure/parseNumberedItems.ts';
import { parseQuestionsAndAnswers } from '../structure/parseQuestionsAndAnswers.ts';
import { CLAUSE_LEAD, parseMeeting, parseResolutionClauses } from '../structure/parseResolutionClauses.ts';
import { itemNumber } from '../domain/chineseNumerals.ts';
import { resolveLine } from './anchors.ts';
import type { ParagraphAnchor, ReviewFile, SectionMark } from './reviewFile.ts';
import type { ReviewProblem } from './reviewProblems.ts';
import { flattenSections, groupSections, type SectionUnit, type UnitRole } from './sectionUnits.ts';

/** The draft's lines that structure read as the body: without the title block, adoption line and key-points box. */
export function bodyLines(draft: ArticleDraft, article: Article): CleanLine[] {
  const head = new Set([article.kicker?.zh, article.title.zh, article.subtitle?.zh].filter(Boolean));
  let lines = draft.lines;
  let n = 0;
  while (n < lines.length && n < 3 && lines[n].role === 'headline' && head.has(lines[n].text)) n += 1;
  lines = lines.slice(n);
  if (lines[0]?.role === 'adoption-line') lines = lines.slice(1);
  const label = lines.findIndex((l) => l.role === 'lead-label');
  if (label !== -1 && article.lead && lines[label + 1]?.text === article.lead.zh)
    lines = [...lines.slice(0, label), ...lines.slice(label + 2)];
  return lines;
}

/** The sections of the body read as `genre` reads them (the parsers structure uses for that genre). */
function sectionsAs(genre: Genre, lines: CleanLine[], article: Article): Section[] {
  if (genre === 'resolution') return parseResolutionClauses(lines);
  if (genre === 'press-conference') return parseQuestionsAndAnswers(lines, article.people, null);
  if (genre === 'action-plan') return parseNumberedItems(lines);
  return lines.map((l) => ({ kind: l.role === 'body' ? 'paragraph' : 'heading', text: makeSegment(l.text) }));
}

export function applyGenre(draft: ArticleDraft, article: Article, genre: Genre): Article {
  if (article.genre === genre) return article;
  const sections = sectionsAs(genre, bodyLines(draft, article), article);
  const meeting =
    genre === 'resolution'
      ? parseMeeting([article.title.zh, ...draft.lines.map((l) => l.text)].join('\n'))
      : { meeting: null, attendance: null };
  return { ...article, genre, sections, meeting: meeting.meeting, attendance: meeting.attendance };
}

/**
 * For each paragraph, the index in `all` (the source's cleaned lines) of the line it came from, or -1: the article's
 * lines are `count` lines from `first`, read in order (a line can give two paragraphs, an item's heading and point).
 */
export function unitLineIndexes(all: CleanLine[], first: number, count: number, units: SectionUnit[]): number[] {
  let at = Math.max(0, first);
  const last = first + count;
  return units.map((u) => {
    for (let k = at; k < last; k += 1)
      if (all[k].text.includes(u.segment.zh)) {
        at = k;
        return k;
      }
    return -1;
  });
}

function unitLines(draft: ArticleDraft, units: SectionUnit[]): number[] {
  const all = draft.source.lines;
  const first = all.findIndex((l) => l.start === draft.lines[0]?.start);
  return unitLineIndexes(all, first, draft.lines.length, units);
}

/** The paragraph an anchor names: on the anchored line, the one with the anchored text, else the line's first. */
function findUnit(
  draft: ArticleDraft,
  units: SectionUnit[],
  anchor: ParagraphAnchor,
  sameSource: boolean,
): number | null {
  const line = resolveLine(draft.source.lines, anchor.line, sameSource);
  const onLine = unitLines(draft, units).flatMap((k, i) => (k === line && line !== -1 ? [i] : []));
  const byText = units.findIndex((u) => u.segment.zh === anchor.zh);
  const found = onLine.find((i) => units[i].segment.zh === anchor.zh) ?? onLine[0] ?? byText;
  return found === -1 ? null : found;
}

/** Whether the draft has a line with this text (a title that came from the page, not one made from a sentence). */
const isLine = (draft: ArticleDraft, zh: string) => draft.lines.some((l) => l.text === zh);

export function applyTitle(
  draft: ArticleDraft,
  article: Article,
  anchor: ParagraphAnchor,
  sameSource: boolean,
): Article | null {
  const line = resolveLine(draft.source.lines, anchor.line, sameSource);
  const text = line === -1 ? anchor.zh : draft.source.lines[line].text;
  if (text === article.title.zh) return article;
  if (article.kicker?.zh === text) return { ...article, title: article.kicker, kicker: article.title };
  if (article.subtitle?.zh === text) return { ...article, title: article.subtitle, subtitle: article.title };
  const units = flattenSections(article.sections);
  const i = findUnit(draft, units, anchor, sameSource);
  if (i === null) return null;
  const [chosen] = units.splice(i, 1);
  // The old title goes back into the text when it was a line of the page; a title made from a sentence leaves.
  if (isLine(draft, article.title.zh)) units.unshift({ segment: article.title, role: 'heading' });
  return { ...article, title: makeSegment(chosen.segment.zh), sections: groupSections(units) };
}

const PARAGRAPH_LIKE = new Set<UnitRole>(['paragraph', 'preamble']);
const ANSWER = new Set<UnitRole>(['answer', 'answerLead']);

/** Marks one paragraph; returns a reason when the mark cannot apply there. */
function mark(units: SectionUnit[], i: number, to: SectionMark): string | null {
  const u = units[i];
  const zh = u.segment.zh;
  /** The plain paragraphs right after i become `role` (the answers of a new question, the points of an item). */
  const claimFollowing = (role: UnitRole) => {
    for (let j = i + 1; j < units.length && PARAGRAPH_LIKE.has(units[j].role); j += 1)
      units[j] = { segment: units[j].segment, role, depth: 0 };
  };
  /** The units after i that belong with it (its answers, its points) become paragraphs. */
  const releaseFollowing = (belongs: Set<UnitRole>) => {
    for (let j = i + 1; j < units.length && belongs.has(units[j].role); j += 1)
      units[j] = { segment: units[j].segment, role: 'paragraph' };
  };
  if (to === 'question') {
    if (u.role === 'question') return null;
    units[i] = { segment: u.segment, role: 'question', speakers: [] };
    claimFollowing('answer');
  } else if (to === 'answer') {
    if (ANSWER.has(u.role)) return null;
    // The paragraphs between the last question and this one are part of its answer too.
    let j = i - 1;
    while (j >= 0 && PARAGRAPH_LIKE.has(units[j].role)) j -= 1;
    if (j < 0 || !(units[j].role === 'question' || ANSWER.has(units[j].role)))
      return 'no question before this paragraph to answer';
    for (let k = j + 1; k <= i; k += 1) units[k] = { segment: units[k].segment, role: 'answer' };
    if (u.role === 'question') releaseFollowing(ANSWER);
  } else if (to === 'clause') {
    if (u.role === 'question') releaseFollowing(ANSWER);
    if (u.role === 'item') releaseFollowing(new Set(['point']));
    units[i] = { segment: u.segment, role: 'clause', lead: CLAUSE_LEAD.exec(zh)?.[0] ?? '' };
  } else if (to === 'item') {
    if (u.role === 'item') return null;
    if (u.role === 'question') releaseFollowing(ANSWER);
    const own = TOP_ITEM.exec(zh);
    const previous = units.slice(0, i).findLast((x) => x.role === 'item' && (x.depth ?? 0) === 0);
    const number = (own && itemNumber(own[1] ?? own[2])) ?? (previous?.number ?? 0) + 1;
    units[i] = { segment: u.segment, role: 'item', depth: 0, number };
    claimFollowing('point');
  } else {
    if (u.role === 'question') releaseFollowing(ANSWER);
    // An answer unmarked ends its question's answer there: the answers after it are paragraphs too.
    if (ANSWER.has(u.role)) releaseFollowing(ANSWER);
    if (u.role === 'item') releaseFollowing(new Set(['point']));
    units[i] = { segment: u.segment, role: 'paragraph' };
  }
  return null;
}

export function applySectionMarks(
  draft: ArticleDraft,
  article: Article,
  marks: { anchor: ParagraphAnchor; mark: SectionMark; pointer: string }[],
  sameSource: boolean,
): { value: Article; problems: ReviewProblem[] } {
  const problems: ReviewProblem[] = [];
  if (marks.length === 0) return { value: article, problems };
  const units = flattenSections(article.sections);
  for (const m of marks) {
    const i = findUnit(draft, units, m.anchor, sameSource);
    const line = resolveLine(draft.source.lines, m.anchor.line, sameSource);
    const at = line === -1 ? null : draft.source.lines[line].start;
    if (i === null) {
      problems.push({
        pointer: m.pointer,
        at,
        reason: `the paragraph "${m.anchor.zh.slice(0, 30)}" is not in ${article.id}`,
      });
      continue;
    }
    const refused = mark(units, i, m.mark);
    if (refused) problems.push({ pointer: m.pointer, at, reason: `${m.mark}: ${refused}` });
  }
  return { value: { ...article, sections: groupSections(units) }, problems };
}

/**
 * The review's corrections for the article drafted from `draft`: its own fixes (anchored at its first line) and the
 * marks on its paragraphs. `used` collects what applied, so that the rest can be reported.
 */
export function applyArticleFixesTo(
  draft: ArticleDraft,
  article: Article,
  review: Pick<ReviewFile, 'articles' | 'sections'>,
  sameSource: boolean,
  used: { usedArticles: Set<number>; usedMarks: Set<number> },
): { value: Article; problems: ReviewProblem[] } {
  const problems: ReviewProblem[] = [];
  const lines = draft.source.lines;
  const first = lines.findIndex((l) => l.start === draft.lines[0]?.start);
  const last = first + draft.lines.length;
  let value = article;
  review.articles.forEach((fix, i) => {
    // Anchored at the article's first line; a line given back above it (a rejected removal) moves it down a little.
    const at = resolveLine(lines, fix.article, sameSource);
    if (first === -1 || at < first || at >= last) return;
    used.usedArticles.add(i);
    if (fix.genre) value = applyGenre(draft, value, fix.genre);
    if (fix.title) {
      const titled = applyTitle(draft, value, fix.title, sameSource);
      if (titled) value = titled;
      else
        problems.push({
          pointer: `/articles/${i}/title`,
          at: lines[first].start,
          reason: `the line "${fix.title.zh.slice(0, 30)}" chosen as the title is not in ${article.id}`,
        });
    }
  });
  const marks = review.sections.flatMap((m, i) => {
    if (used.usedMarks.has(i)) return [];
    const at = resolveLine(lines, m.paragraph.line, sameSource);
    const mine =
      at === -1
        ? flattenSections(value.sections).some((u) => u.segment.zh === m.paragraph.zh)
        : at >= first && at < last;
    if (!mine) return [];
    used.usedMarks.add(i);
    return [{ anchor: m.paragraph, mark: m.mark, pointer: `/sections/${i}` }];
  });
  const marked = applySectionMarks(draft, value, marks, sameSource);
  problems.push(...marked.problems);
  return { value: marked.value, problems };
}
