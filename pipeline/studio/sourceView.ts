// What the staff page shows of one input: the cleaner's edits and flags in context with the staff's decisions, the
// articles with their lines (for merging and splitting), paragraphs with their parts and marks, and every segment
// with its English, the term base's renderings and the memory's suggestion. Plain data: the page renders it as text.
import { articleSegments } from '../bilingual/index.ts';
import { formatDiagnostic, severityOf } from '../domain/diagnostics.ts';
import type { Article, CleanLine, Segment, Term } from '../domain/types.ts';
import { lineAnchorOf, SourceText } from '../review/anchors.ts';
import { unitLineIndexes } from '../review/applyArticleFixes.ts';
import { ACCEPTED_FLAG_REASON } from '../review/applyEditDecisions.ts';
import { REVIEW_STALE_RULE } from '../review/reviewProblems.ts';
import type { LineAnchor, ParagraphAnchor, ReviewFile, SectionMark } from '../review/reviewFile.ts';
import { flattenSections, type UnitRole } from '../review/sectionUnits.ts';
import type { ProcessedSource } from '../textPipeline.ts';
import type { VFileMessage } from 'vfile-message';

/** Characters of context shown on each side of an edit or flag. */
const SHOWN_CONTEXT = 14;

export interface SegmentView {
  id: string;
  zh: string;
  en: string | null;
  enStatus: Segment['enStatus'];
  enNote: string | null;
  /** The term base's renderings of the terms in this segment. */
  terms: { zh: string; en: string }[];
}

export interface UnitView {
  role: UnitRole;
  lead: string | null;
  number: number | null;
  segment: SegmentView;
  paragraph: ParagraphAnchor | null;
  mark: SectionMark | null;
}

export interface ArticleView {
  id: string;
  genre: Article['genre'];
  genreSetByStaff: boolean;
  firstLine: LineAnchor;
  title: SegmentView;
  titleSetByStaff: boolean;
  kicker: SegmentView | null;
  subtitle: SegmentView | null;
  lead: SegmentView | null;
  captions: SegmentView[];
  lines: { anchor: LineAnchor; text: string; role: CleanLine['role']; fix: 'merge' | 'split' | null }[];
  units: UnitView[];
  titleChoices: { zh: string; paragraph: ParagraphAnchor }[];
  people: { name: string; en: string | null }[];
  terms: Term[];
}

export interface SourceView {
  file: string;
  sha256: string;
  encoding: string;
  script: string;
  reviewFile: string;
  /** The review was made against these bytes (false: staff must move the corrections onto the changed source). */
  sameSource: boolean;
  reviewError: string | null;
  /** Goes up each time the pages are made again; the PDFs say which version they show. */
  version: number;
  failed: string | null;
  edits: {
    rule: string;
    op: string;
    start: number;
    end: number;
    before: string;
    after: string;
    reason: string;
    context: [string, string];
    decision: 'accept' | 'reject' | null;
    fromFlag: boolean;
  }[];
  flags: {
    rule: string;
    start: number;
    end: number;
    text: string;
    suggestion: string | null;
    reason: string;
    context: [string, string];
    decision: 'accept' | 'dismiss' | null;
  }[];
  articles: ArticleView[];
  /** Corrections that no longer apply, each with its pointer in the review file. */
  stale: { pointer: string; message: string }[];
  /** Warnings and errors of the text stages, as `file:line:column: severity: message [rule]`. */
  messages: string[];
}

const segmentView = (s: Segment, terms: Term[]): SegmentView => ({
  id: s.id,
  zh: s.zh,
  en: s.en,
  enStatus: s.enStatus,
  enNote: s.enNote ?? null,
  terms: terms.filter((t) => s.zh.includes(t.zh)).map((t) => ({ zh: t.zh, en: t.en })),
});

function articleView(article: Article, p: ProcessedSource, review: ReviewFile | null): ArticleView {
  const lines = p.cleaned.lines;
  const [from, to] = p.ranges.get(article.id) ?? [0, Number.POSITIVE_INFINITY];
  const first = Math.max(
    0,
    lines.findIndex((l) => l.start >= from),
  );
  let count = 0;
  while (first + count < lines.length && lines[first + count].start < to) count += 1;
  const anchorOf = (i: number) => lineAnchorOf(lines, i);
  const sameLine = (a: LineAnchor, b: LineAnchor) => a.start === b.start && a.text === b.text;
  const firstLine = anchorOf(first);
  const fix = review?.articles.find((a) => sameLine(a.article, firstLine));
  const units = flattenSections(article.sections);
  const at = unitLineIndexes(lines, first, count, units);
  const seg = (s: Segment) => segmentView(s, article.terms);
  const unitViews: UnitView[] = units.map((u, i) => {
    const paragraph = at[i] === -1 ? null : { line: anchorOf(at[i]), zh: u.segment.zh };
    const mark = paragraph
      ? (review?.sections.find((m) => sameLine(m.paragraph.line, paragraph.line) && m.paragraph.zh === paragraph.zh)
          ?.mark ?? null)
      : null;
    return { role: u.role, lead: u.lead ?? null, number: u.number ?? null, segment: seg(u.segment), paragraph, mark };
  });
  const lineOf = (zh: string | undefined) => {
    if (!zh) return null;
    const k = lines.slice(first, first + count).findIndex((l) => l.text === zh);
    return k === -1 ? null : { line: anchorOf(first + k), zh };
  };
  const choices = [article.kicker?.zh, article.title.zh, article.subtitle?.zh]
    .map(lineOf)
    .filter((c): c is ParagraphAnchor => c !== null)
    .concat(
      unitViews
        .filter((u) => u.paragraph && (u.role === 'heading' || u.role === 'paragraph' || u.role === 'preamble'))
        .slice(0, 6)
        .map((u) => u.paragraph!),
    );
  return {
    id: article.id,
    genre: article.genre,
    genreSetByStaff: fix?.genre !== undefined,
    firstLine,
    title: seg(article.title),
    titleSetByStaff: fix?.title !== undefined,
    kicker: article.kicker ? seg(article.kicker) : null,
    subtitle: article.subtitle ? seg(article.subtitle) : null,
    lead: article.lead ? seg(article.lead) : null,
    captions: article.captions.map(seg),
    lines: lines.slice(first, first + count).map((l, k) => {
      const anchor = anchorOf(first + k);
      const split = review?.split.find((s) => sameLine(s.line, anchor));
      return { anchor, text: l.text, role: l.role, fix: split?.action ?? null };
    }),
    units: unitViews,
    titleChoices: choices
      .filter((c, i) => choices.findIndex((d) => d.zh === c.zh) === i)
      .map((c) => ({ zh: c.zh, paragraph: c })),
    people: article.people.map((x) => ({ name: x.name, en: x.en })),
    terms: article.terms,
  };
}

export function sourceView(input: {
  file: string;
  reviewFile: string;
  sha256: string;
  review: ReviewFile | null;
  reviewError: string | null;
  result: ProcessedSource | null;
  messages: VFileMessage[];
  version: number;
}): SourceView {
  const { result: p, review } = input;
  const shown = input.messages.filter((m) => severityOf(m) !== 'info');
  const stale = shown
    .filter((m) => m.ruleId === REVIEW_STALE_RULE)
    .map((m) => ({ pointer: /#(\/[a-z]+\/\d+)/u.exec(m.reason)?.[1] ?? '', message: formatDiagnostic(m) }));
  const base = {
    file: input.file,
    sha256: input.sha256,
    reviewFile: input.reviewFile,
    sameSource: !review || review.source.sha256 === input.sha256,
    reviewError: input.reviewError,
    version: input.version,
    stale,
    messages: shown.filter((m) => m.ruleId !== REVIEW_STALE_RULE).map(formatDiagnostic),
  };
  if (!p)
    return {
      ...base,
      encoding: '',
      script: '',
      failed:
        shown
          .filter((m) => m.fatal === true)
          .map((m) => m.reason)
          .join('; ') || 'the text stages failed',
      edits: [],
      flags: [],
      articles: [],
    };
  const text = new SourceText(p.cleaned.source.text);
  const context = (start: number, end: number): [string, string] => [
    text.slice(Math.max(0, start - SHOWN_CONTEXT), start),
    text.slice(end, end + SHOWN_CONTEXT),
  ];
  const decisionOf = <T extends { start: number; end: number; rule: string }>(
    list: T[],
    x: { start: number; end: number; rule: string },
  ) => list.find((d) => d.start === x.start && d.end === x.end && d.rule === x.rule);
  const acceptedFlags = (review?.flags ?? []).filter((f) => f.decision === 'accept');
  const edits: SourceView['edits'] = p.record.edits.map((e) => ({
    rule: e.rule,
    op: e.op,
    start: e.start,
    end: e.end,
    before: e.before,
    after: e.after,
    reason: e.reason,
    context: context(e.start, e.end),
    decision: (decisionOf(review?.edits ?? [], e)?.decision as 'accept' | undefined) ?? null,
    fromFlag: e.reason.startsWith(ACCEPTED_FLAG_REASON) && decisionOf(acceptedFlags, e) !== undefined,
  }));
  // Rejected edits are not in the record (they were undone): shown from the review, to be taken back.
  for (const d of review?.edits ?? [])
    if (d.decision === 'reject' && !edits.some((e) => e.start === d.start && e.end === d.end))
      edits.push({
        rule: d.rule,
        op: 'rejected',
        start: d.start,
        end: d.end,
        before: d.before,
        after: d.after,
        reason: 'rejected by staff',
        context: context(d.start, d.end),
        decision: 'reject',
        fromFlag: false,
      });
  edits.sort((a, b) => a.start - b.start);
  const flags: SourceView['flags'] = p.record.flags.map((f) => ({
    ...f,
    context: context(f.start, f.end),
    decision: (decisionOf(review?.flags ?? [], f)?.decision as 'dismiss' | undefined) ?? null,
  }));
  for (const f of acceptedFlags) {
    const edit = p.record.edits.find((e) => e.start === f.start && e.end === f.end);
    flags.push({
      rule: f.rule,
      start: f.start,
      end: f.end,
      text: f.text,
      suggestion: f.suggestion,
      reason: edit?.reason.replace(`${ACCEPTED_FLAG_REASON}: `, '') ?? 'accepted by staff',
      context: context(f.start, f.end),
      decision: 'accept',
    });
  }
  flags.sort((a, b) => a.start - b.start);
  return {
    ...base,
    encoding: p.record.encoding,
    script: p.record.script,
    failed: null,
    edits,
    flags,
    articles: p.articles.map((a) => articleView(a, p, review)),
  };
}

/** Every segment of the source's articles with its id once (what an XLIFF export or a count needs). */
export function uniqueSegments(articles: Article[]): { segment: Segment; article: Article }[] {
  const seen = new Set<string>();
  return articles.flatMap((article) =>
    articleSegments(article).flatMap((segment) =>
      seen.has(segment.id) ? [] : (seen.add(segment.id), [{ segment, article }]),
    ),
  );
}
