// Where an article's text is on the page: its paragraphs, where its text starts (a byline, a report's opening, a
// paragraph), and which lines around it are the page's furniture. Rules that read a line's position use these.
import { REPORT_OPENING } from '../../domain/lineVocabulary.ts';
import { REMOVED_ROLES, type RawLine } from '../document.ts';
import { furnitureEvidence } from './furnitureEvidence.ts';
import { SENTENCE_FINAL, visibleContent } from './lineRule.ts';

/** Rules whose lines are the page's furniture (not an article's own metadata such as bylines and captions). */
export const FURNITURE_RULES: ReadonlySet<string> = new Set([
  'page-header',
  'source-line',
  'reader-interface',
  'breadcrumb',
  'credit-table',
  'site-navigation',
  'article-surroundings',
  'image-placeholder',
  'editor-line',
]);

export const isFurniture = (line: RawLine | undefined): boolean =>
  line !== undefined && line.roleRule !== null && FURNITURE_RULES.has(line.roleRule);

/** A body paragraph: a sentence that ends, or a long line of text. */
export function isParagraph(line: RawLine): boolean {
  if (line.role !== 'body') return false;
  const content = visibleContent(line.text);
  if (REPORT_OPENING.test(content)) return true;
  const evidence = furnitureEvidence(content);
  return evidence.sentenceLike && (SENTENCE_FINAL.test(content) || [...content].length > 50);
}

/** The article's text starts at this line: a byline, a report's opening, a paragraph, or the key-points label. */
export const startsText = (line: RawLine): boolean =>
  line.role === 'byline' || line.role === 'lead-label' || isParagraph(line);

export type Zone = 'head' | 'body' | 'tail';

export interface LinePositions {
  /** Above the page's first text, among its paragraphs, or below its last paragraph. */
  zone: Zone[];
  /** Kept lines between this line and the next start of text (Infinity when no text follows). */
  toText: number[];
}

/** Positions of the page's non-blank lines relative to its text, from the roles they have so far. */
export function linePositions(lines: RawLine[]): LinePositions {
  const starts = lines.map(startsText);
  const first = starts.indexOf(true);
  let last = -1;
  lines.forEach((l, i) => {
    if (isParagraph(l)) last = i;
  });
  const zone = lines.map((_, i): Zone => (first === -1 || i < first ? 'head' : i > last ? 'tail' : 'body'));
  const toText: number[] = new Array(lines.length).fill(Number.POSITIVE_INFINITY);
  for (let i = lines.length - 2; i >= 0; i -= 1) {
    const next = lines[i + 1];
    toText[i] = starts[i + 1] ? 0 : toText[i + 1] + (REMOVED_ROLES.has(next.role) ? 0 : 1);
  }
  return { zone, toText };
}
