// NAME.review.json: the staff's corrections to one input, as data (schemas/review.schema.json). Every correction
// names its place twice: by code-point offsets in the decoded source (exact while the sha256 matches) and by text
// (how it is found again once the source changed).
import { z } from 'zod';

const offset = z.number().int().min(0);

/** Text around a span of the source: what finds the span again when the offsets no longer hold. */
const context = z.tuple([z.string(), z.string()]);

/** A line of the cleaned text: its start in the source, its text and which of the lines with that text it is. */
export const lineAnchorSchema = z
  .object({
    start: offset,
    text: z.string().min(1),
    occurrence: z.number().int().min(1),
  })
  .strict();

export const editDecisionSchema = z
  .object({
    rule: z.string().min(1),
    start: offset,
    end: offset,
    before: z.string(),
    after: z.string(),
    context,
    decision: z.enum(['accept', 'reject']),
  })
  .strict();

export const flagDecisionSchema = z
  .object({
    rule: z.string().min(1),
    start: offset,
    end: offset,
    text: z.string().min(1),
    suggestion: z.string().nullable(),
    context,
    decision: z.enum(['accept', 'dismiss']),
  })
  .strict()
  .refine((f) => f.decision !== 'accept' || f.suggestion !== null, {
    message: 'a flag without a suggestion cannot be accepted',
    path: ['decision'],
  });

export const splitFixSchema = z.object({ action: z.enum(['merge', 'split']), line: lineAnchorSchema }).strict();

export const GENRES = [
  'resolution',
  'press-conference',
  'action-plan',
  'news',
  'commentary',
  'feature',
  'other',
] as const;

/** A paragraph of an article: the line it came from and its Chinese (a line can give two, a heading and a point). */
export const paragraphAnchorSchema = z.object({ line: lineAnchorSchema, zh: z.string().min(1) }).strict();

export const articleFixSchema = z
  .object({
    /** The article's first line. */
    article: lineAnchorSchema,
    genre: z.enum(GENRES).optional(),
    title: paragraphAnchorSchema.optional(),
  })
  .strict();

export const SECTION_MARKS = ['question', 'answer', 'clause', 'item', 'paragraph'] as const;
export type SectionMark = (typeof SECTION_MARKS)[number];

export const sectionMarkSchema = z.object({ paragraph: paragraphAnchorSchema, mark: z.enum(SECTION_MARKS) }).strict();

export const segmentFixSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{16}$/u),
    zh: z.string().min(1),
    en: z.string().min(1),
  })
  .strict();

export const reviewFileSchema = z
  .object({
    version: z.literal(1),
    source: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/u) }).strict(),
    updated: z.string().optional(),
    edits: z.array(editDecisionSchema).default([]),
    flags: z.array(flagDecisionSchema).default([]),
    split: z.array(splitFixSchema).default([]),
    articles: z.array(articleFixSchema).default([]),
    sections: z.array(sectionMarkSchema).default([]),
    segments: z.array(segmentFixSchema).default([]),
  })
  .strict();

export type LineAnchor = z.infer<typeof lineAnchorSchema>;
export type ParagraphAnchor = z.infer<typeof paragraphAnchorSchema>;
export type EditDecision = z.infer<typeof editDecisionSchema>;
export type FlagDecision = z.infer<typeof flagDecisionSchema>;
export type SplitFix = z.infer<typeof splitFixSchema>;
export type ArticleFix = z.infer<typeof articleFixSchema>;
export type SectionFix = z.infer<typeof sectionMarkSchema>;
export type SegmentFix = z.infer<typeof segmentFixSchema>;
export type ReviewFile = z.infer<typeof reviewFileSchema>;

/** A review file that cannot be read: a usage error (exit code 2) naming the file and the place in it. */
export class ReviewFileError extends Error {}

/** The review file that sits beside an input: NAME.txt → NAME.review.json. */
export function reviewFileName(inputFile: string): string {
  return inputFile.replace(/\.txt$/u, '') + '.review.json';
}

/** An empty review of a source, to be filled as staff work. */
export function emptyReview(file: string, sha256: string): ReviewFile {
  return {
    version: 1,
    source: { file, sha256 },
    edits: [],
    flags: [],
    split: [],
    articles: [],
    sections: [],
    segments: [],
  };
}

/** Parses and validates review JSON; `name` is the file's name for the error. Throws ReviewFileError. */
export function parseReview(json: string, name: string): ReviewFile {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ReviewFileError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = reviewFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `/${issue.path.join('/')}` : '(root)';
    throw new ReviewFileError(`${name}: ${where}: ${issue?.message ?? 'invalid'} (see schemas/review.schema.json)`);
  }
  for (const [i, e] of parsed.data.edits.entries())
    if (e.end < e.start) throw new ReviewFileError(`${name}: /edits/${i}: end ${e.end} is before start ${e.start}`);
  for (const [i, f] of parsed.data.flags.entries())
    if (f.end <= f.start) throw new ReviewFileError(`${name}: /flags/${i}: end ${f.end} is not after start ${f.start}`);
  return parsed.data;
}

/** The review as written to disk: stable key order, one trailing newline. */
export function serialiseReview(review: ReviewFile): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
