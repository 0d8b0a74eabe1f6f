// A line rule gives a line its role (debris, byline, headline, …) from its text and its neighbours.
import type { LineRole } from '../../domain/types.ts';
import type { RawLine } from '../document.ts';

export interface LineContext {
  lines: RawLine[];
  /** Up to CONTEXT_WINDOW non-blank lines before this one, nearest first (roles of earlier lines are already set). */
  before: RawLine[];
  /** Up to CONTEXT_WINDOW non-blank lines after this one, nearest first (roles as set by pass 1). */
  after: RawLine[];
  /** Every line after this one is debris or a word or two long: the page's furniture, not text. */
  tailIsShort: boolean;
  /** Above the page's first text (byline, report opening, paragraph), among its paragraphs, or below the last. */
  zone: 'head' | 'body' | 'tail';
  /** Kept lines between this one and the next start of text: 0 right above it, Infinity when no text follows. */
  toText: number;
}

/** How far a rule looks around a line: neighbours, never the whole page (a long page stays linear). */
export const CONTEXT_WINDOW = 16;

export interface LineVerdict {
  role: LineRole;
  reason: string;
}

export interface LineRule {
  id: string;
  /** Pass 1 reads the line alone (debris, bylines, credits); pass 2 reads neighbours' roles (headlines). */
  pass: 1 | 2;
  classify(content: string, line: RawLine, context: LineContext): LineVerdict | null;
}

/** Visible content by line: the rules read each line's and its neighbours' many times. */
const visibleByLine = new Map<string, string>();

/** Forgets the lines read so far: called once per source, so memory and time stay per source. */
export function forgetVisibleContent(): void {
  visibleByLine.clear();
}

/** The line without leading Markdown marks and white space: what a reader sees. */
export function visibleContent(text: string): string {
  let content = visibleByLine.get(text);
  if (content !== undefined) return content;
  content = text.replace(/^[\s\u3000\u00a0]*(#{1,6}[ \t\u3000]+)?/u, '').replace(/[\s\u3000\u00a0]+$/u, '');
  if (visibleByLine.size >= 20_000) visibleByLine.clear();
  visibleByLine.set(text, content);
  return content;
}

/** Code points of a string (a lone surrogate counts as one), without splitting it into characters. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n -= 1;
        i += 1;
      }
    }
  }
  return n;
}

export const SENTENCE_FINAL = /[。！？!?…；;：:]$|[。！？!?…][”’」』）)]+$/u;
export const HAN_ONLY = /^[\p{Script=Han}·]+$/u;
export const hanCount = (s: string) => codePointLength(s.replace(/[^\p{Script=Han}]+/gu, ''));
export const isShortLine = (s: string, max = 50) => s.length <= max || codePointLength(s) <= max;

export { WRITER_PREFIX } from '../../domain/lineVocabulary.ts';
