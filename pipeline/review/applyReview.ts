// A review file applied between the text stages, on their outputs: edits and flags on the cleaned source, split
// fixes on the drafts, genre, title and section marks on each structured article, English after the bilingual
// stage. The stages themselves know nothing of reviews. What no longer applies is reported with its place.
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../domain/diagnostics.ts';
import { segmentId } from '../domain/segment.ts';
import type { Article, ArticleDraft, CleanedSource, IngestedSource } from '../domain/types.ts';
import type { SourceRecord } from '../manifest.ts';
import { relocateSpan, SourceText } from './anchors.ts';
import { applyArticleFixesTo } from './applyArticleFixes.ts';
import { applyEditDecisions } from './applyEditDecisions.ts';
import { applyReviewedEnglish } from './applyEnglish.ts';
import { applySplitFixes } from './applySplitFixes.ts';
import { problemDiagnostics, type ReviewProblem } from './reviewProblems.ts';
import { reviewFileName, type ReviewFile } from './reviewFile.ts';

/** The note a flag staff looked at and left as written carries in the appendix. */
export const DISMISSED_FLAG_NOTE = 'kept as written by staff';

export class ReviewSession {
  readonly review: ReviewFile;
  readonly source: IngestedSource;
  readonly name: string;
  /** The review was made against these very bytes: offsets hold. */
  readonly sameSource: boolean;
  private readonly problems: ReviewProblem[] = [];
  private readonly usedArticles = new Set<number>();
  private readonly usedMarks = new Set<number>();
  private readonly usedSegments = new Set<string>();

  constructor(review: ReviewFile, source: IngestedSource) {
    this.review = review;
    this.source = source;
    this.name = reviewFileName(source.file);
    this.sameSource = review.source.sha256 === source.sha256;
  }

  /** After clean: rejected edits undone, accepted flags applied. */
  cleaned(cleaned: CleanedSource): CleanedSource {
    const { value, problems } = applyEditDecisions(cleaned, this.review, this.sameSource);
    this.problems.push(...problems);
    return value;
  }

  /** After split: boundaries merged and added. */
  drafts(cleaned: CleanedSource, drafts: ArticleDraft[]): ArticleDraft[] {
    const { value, problems } = applySplitFixes(cleaned, drafts, this.review.split, this.sameSource);
    this.problems.push(...problems);
    return value;
  }

  /** After structure, before bilingual: genre, title and section marks of this article. */
  article(draft: ArticleDraft, article: Article): Article {
    const result = applyArticleFixesTo(draft, article, this.review, this.sameSource, {
      usedArticles: this.usedArticles,
      usedMarks: this.usedMarks,
    });
    this.problems.push(...result.problems);
    return result.value;
  }

  /** After bilingual: the English staff wrote. */
  english(article: Article): Article {
    for (const id of applyReviewedEnglish(article, this.review.segments)) this.usedSegments.add(id);
    return article;
  }

  /** Flags decided on leave the list of doubts; what never applied is reported. Returns the diagnostics. */
  finish(record: SourceRecord): VFileMessage[] {
    const text = new SourceText(this.source.text);
    this.review.flags.forEach((f, i) => {
      const span = relocateSpan(
        text,
        { start: f.start, end: f.end, text: f.text, context: f.context },
        this.sameSource,
      );
      if (f.decision === 'accept') {
        // An accepted flag is an edit now (applyEditDecisions); flags added after clean (term variants) leave here.
        if (span) record.flags = record.flags.filter((x) => !(x.rule === f.rule && x.start === span[0]));
        return;
      }
      const flag = span && record.flags.find((x) => x.rule === f.rule && x.start === span[0] && x.end === span[1]);
      if (flag) flag.reason = `${flag.reason} (${DISMISSED_FLAG_NOTE})`;
      else
        this.problems.push({
          pointer: `/flags/${i}`,
          at: span?.[0] ?? null,
          reason: `the cleaner no longer flags "${f.text}" (at offset ${f.start})`,
        });
    });
    this.review.articles.forEach((fix, i) => {
      if (this.usedArticles.has(i)) return;
      this.problems.push({
        pointer: `/articles/${i}`,
        at: null,
        reason: `no article starts at "${fix.article.text.slice(0, 30)}" (offset ${fix.article.start})`,
      });
    });
    this.review.sections.forEach((m, i) => {
      if (this.usedMarks.has(i)) return;
      this.problems.push({
        pointer: `/sections/${i}`,
        at: null,
        reason: `the paragraph "${m.paragraph.zh.slice(0, 30)}" marked as ${m.mark} is not in the text`,
      });
    });
    this.review.segments.forEach((s, i) => {
      if (this.usedSegments.has(s.id)) return;
      this.problems.push({
        pointer: `/segments/${i}`,
        at: null,
        reason:
          segmentId(s.zh) === s.id
            ? `no segment reads "${s.zh.slice(0, 30)}" any more, so its English is not used`
            : `${s.id} is not the id of "${s.zh.slice(0, 30)}", so its English is not used`,
      });
    });
    const messages: VFileMessage[] = [];
    if (!this.sameSource)
      messages.push(
        diagnostic({
          file: this.name,
          rule: 'review-source-changed',
          severity: 'warning',
          reason: `made against sha256 ${this.review.source.sha256.slice(0, 12)}…, but ${this.source.file} is now ${this.source.sha256.slice(0, 12)}…: corrections were found again by their text`,
        }),
      );
    messages.push(...problemDiagnostics(this.problems, this.name, this.source));
    const count = ['edits', 'flags', 'split', 'articles', 'sections', 'segments'] as const;
    const total = count.reduce((n, k) => n + this.review[k].length, 0);
    messages.push(
      diagnostic({
        file: this.name,
        rule: 'review',
        severity: 'info',
        reason: `${total - this.problems.length} of ${total} corrections applied`,
      }),
    );
    return messages;
  }
}
