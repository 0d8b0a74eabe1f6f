// One correction at a time, as staff make them on the page: each operation returns the review file with that
// correction added, changed or taken back. Pure: the caller reads and writes the file.
import { z } from 'zod';
import { segmentId } from '../domain/segment.ts';
import type { CleanLine, Edit, Flag } from '../domain/types.ts';
import { contextOf, lineAnchorOf, relocateSpan, resolveLine, type SourceText } from './anchors.ts';
import {
  GENRES,
  lineAnchorSchema,
  paragraphAnchorSchema,
  SECTION_MARKS,
  type LineAnchor,
  type ParagraphAnchor,
  type ReviewFile,
} from './reviewFile.ts';

export const reviewOpSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('edit'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    rule: z.string(),
    decision: z.enum(['accept', 'reject']).nullable(),
  }),
  z.object({
    op: z.literal('flag'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    rule: z.string(),
    decision: z.enum(['accept', 'dismiss']).nullable(),
  }),
  z.object({ op: z.literal('merge'), line: lineAnchorSchema }),
  z.object({ op: z.literal('split'), line: lineAnchorSchema }),
  z.object({ op: z.literal('genre'), article: lineAnchorSchema, genre: z.enum(GENRES).nullable() }),
  z.object({ op: z.literal('title'), article: lineAnchorSchema, paragraph: paragraphAnchorSchema.nullable() }),
  z.object({ op: z.literal('mark'), paragraph: paragraphAnchorSchema, mark: z.enum(SECTION_MARKS).nullable() }),
  z.object({ op: z.literal('english'), id: z.string(), zh: z.string().min(1), en: z.string() }),
  z.object({
    op: z.literal('drop'),
    pointer: z.string().regex(/^\/(edits|flags|split|articles|sections|segments)\/\d+$/u),
  }),
]);

export type ReviewOp = z.infer<typeof reviewOpSchema>;

/** An operation that cannot apply (an edit the cleaner does not make, a line that is not there): a 400 answer. */
export class ReviewOpError extends Error {}

/** What an operation is checked against: the source and what the pipeline made of it with the review so far. */
export interface ReviewContext {
  source: SourceText;
  /** The cleaned lines, review applied. */
  lines: CleanLine[];
  /** Edits and flags as the source record has them, review applied. */
  edits: Edit[];
  flags: Flag[];
}

const sameLine = (a: LineAnchor, b: LineAnchor) => a.start === b.start && a.text === b.text;
const sameParagraph = (a: ParagraphAnchor, b: ParagraphAnchor) => sameLine(a.line, b.line) && a.zh === b.zh;

function checkLine(ctx: ReviewContext, line: LineAnchor): void {
  if (resolveLine(ctx.lines, line, true) === -1)
    throw new ReviewOpError(`no line "${line.text.slice(0, 30)}" at offset ${line.start}`);
}

export function applyReviewOp(review: ReviewFile, op: ReviewOp, ctx: ReviewContext, now = new Date()): ReviewFile {
  const next: ReviewFile = structuredClone(review);
  next.updated = now.toISOString();
  switch (op.op) {
    case 'edit': {
      const at = (e: { start: number; end: number; rule: string }) =>
        e.start === op.start && e.end === op.end && e.rule === op.rule;
      const i = next.edits.findIndex(at);
      if (op.decision === null) {
        if (i !== -1) next.edits.splice(i, 1);
        return next;
      }
      const known = i !== -1 ? next.edits[i] : ctx.edits.find(at);
      if (!known) throw new ReviewOpError(`the cleaner makes no ${op.rule} edit at ${op.start}–${op.end}`);
      if (next.flags.some((f) => f.decision === 'accept' && f.start === op.start && f.end === op.end))
        throw new ReviewOpError('this edit is an accepted flag: take the flag back instead');
      const entry = {
        rule: op.rule,
        start: op.start,
        end: op.end,
        before: known.before,
        after: known.after,
        context: contextOf(ctx.source, op.start, op.end),
        decision: op.decision,
      };
      if (i === -1) next.edits.push(entry);
      else next.edits[i] = entry;
      next.edits.sort((a, b) => a.start - b.start);
      return next;
    }
    case 'flag': {
      const at = (f: { start: number; end: number; rule: string }) =>
        f.start === op.start && f.end === op.end && f.rule === op.rule;
      const i = next.flags.findIndex(at);
      if (op.decision === null) {
        if (i !== -1) next.flags.splice(i, 1);
        return next;
      }
      const known = i !== -1 ? next.flags[i] : ctx.flags.find(at);
      if (!known) throw new ReviewOpError(`no ${op.rule} flag at ${op.start}–${op.end}`);
      if (op.decision === 'accept' && known.suggestion === null)
        throw new ReviewOpError('this flag has no suggestion to accept');
      const entry = {
        rule: op.rule,
        start: op.start,
        end: op.end,
        text: known.text,
        suggestion: known.suggestion,
        context: contextOf(ctx.source, op.start, op.end),
        decision: op.decision,
      };
      if (i === -1) next.flags.push(entry);
      else next.flags[i] = entry;
      next.flags.sort((a, b) => a.start - b.start);
      return next;
    }
    case 'merge':
    case 'split': {
      checkLine(ctx, op.line);
      const opposite = op.op === 'merge' ? 'split' : 'merge';
      const undo = next.split.findIndex((s) => s.action === opposite && sameLine(s.line, op.line));
      if (undo !== -1) next.split.splice(undo, 1);
      else if (!next.split.some((s) => s.action === op.op && sameLine(s.line, op.line)))
        next.split.push({ action: op.op, line: op.line });
      // The article that starts at a merged line is gone: its own fixes would no longer apply.
      if (op.op === 'merge') next.articles = next.articles.filter((a) => !sameLine(a.article, op.line));
      return next;
    }
    case 'genre':
    case 'title': {
      checkLine(ctx, op.article);
      if (op.op === 'title' && op.paragraph) checkLine(ctx, op.paragraph.line);
      let fix = next.articles.find((a) => sameLine(a.article, op.article));
      if (!fix) next.articles.push((fix = { article: op.article }));
      if (op.op === 'genre') {
        if (op.genre === null) delete fix.genre;
        else fix.genre = op.genre;
      } else if (op.paragraph === null) delete fix.title;
      else fix.title = op.paragraph;
      next.articles = next.articles.filter((a) => a.genre !== undefined || a.title !== undefined);
      return next;
    }
    case 'mark': {
      checkLine(ctx, op.paragraph.line);
      next.sections = next.sections.filter((m) => !sameParagraph(m.paragraph, op.paragraph));
      if (op.mark !== null) next.sections.push({ paragraph: op.paragraph, mark: op.mark });
      return next;
    }
    case 'english': {
      if (segmentId(op.zh) !== op.id)
        throw new ReviewOpError(`segment id ${op.id} is not the id of "${op.zh.slice(0, 20)}"`);
      const en = op.en.trim();
      if (en === '') throw new ReviewOpError('an empty translation is not saved: type the English to keep');
      const i = next.segments.findIndex((s) => s.id === op.id);
      if (i === -1) next.segments.push({ id: op.id, zh: op.zh, en });
      else next.segments[i] = { id: op.id, zh: op.zh, en };
      return next;
    }
    case 'drop': {
      const [, list, index] = op.pointer.split('/') as [string, keyof ReviewFile, string];
      const items = next[list] as unknown[];
      if (Number(index) >= items.length) throw new ReviewOpError(`nothing at ${op.pointer}`);
      items.splice(Number(index), 1);
      return next;
    }
  }
}

/**
 * The review moved onto a changed source: every correction found again gets its new place, the rest leave (the
 * caller shows what left; staff asked for it). The result is a review of the source as it is now.
 */
export function rebaseReview(
  review: ReviewFile,
  sha256: string,
  ctx: ReviewContext & { segmentIds: Set<string> },
): { value: ReviewFile; dropped: string[] } {
  const dropped: string[] = [];
  const line = (anchor: LineAnchor, what: string): LineAnchor | null => {
    const i = resolveLine(ctx.lines, anchor, false);
    if (i === -1) dropped.push(`${what} at "${anchor.text.slice(0, 30)}"`);
    return i === -1 ? null : lineAnchorOf(ctx.lines, i);
  };
  const span = <T extends { start: number; end: number; context: [string, string] }>(
    x: T,
    text: string,
    what: string,
  ) => {
    const at = relocateSpan(ctx.source, { start: x.start, end: x.end, text, context: x.context }, false);
    if (!at) {
      dropped.push(`${what} "${text}"`);
      return null;
    }
    return { ...x, start: at[0], end: at[1], context: contextOf(ctx.source, at[0], at[1]) };
  };
  const value: ReviewFile = {
    ...review,
    source: { ...review.source, sha256 },
    edits: review.edits.flatMap((e) => span(e, e.before, `edit ${e.rule}`) ?? []),
    flags: review.flags.flatMap((f) => span(f, f.text, `flag ${f.rule}`) ?? []),
    split: review.split.flatMap((s) => {
      const at = line(s.line, s.action);
      return at ? [{ ...s, line: at }] : [];
    }),
    articles: review.articles.flatMap((a) => {
      const at = line(a.article, 'article fix');
      if (!at) return [];
      const title = a.title && line(a.title.line, 'title');
      return [{ ...a, article: at, ...(a.title ? (title ? { title: { ...a.title, line: title } } : {}) : {}) }];
    }),
    sections: review.sections.flatMap((m) => {
      const at = line(m.paragraph.line, `${m.mark} mark`);
      return at ? [{ ...m, paragraph: { ...m.paragraph, line: at } }] : [];
    }),
    segments: review.segments.filter((s) => {
      if (!ctx.segmentIds.has(s.id)) dropped.push(`English of "${s.zh.slice(0, 30)}"`);
      return ctx.segmentIds.has(s.id);
    }),
  };
  if (value.articles.some((a) => a.title === undefined && a.genre === undefined))
    value.articles = value.articles.filter((a) => a.title !== undefined || a.genre !== undefined);
  return { value, dropped };
}
