// Finding a correction's place again: by offsets while the source is the one it was made against, by its text and
// the text around it once the source changed. A place found nowhere (or twice, equally near) is reported, never
// guessed.
import type { CleanLine } from '../domain/types.ts';
import type { LineAnchor } from './reviewFile.ts';

/** Code points of the source, so offsets count as the contract says (code points of the decoded text). */
export class SourceText {
  readonly text: string;
  readonly chars: string[];
  /** UTF-16 index of each code point (and of the end). */
  private readonly utf16: number[];

  constructor(text: string) {
    this.text = text;
    this.chars = [...text];
    this.utf16 = new Array(this.chars.length + 1);
    let at = 0;
    this.chars.forEach((c, i) => {
      this.utf16[i] = at;
      at += c.length;
    });
    this.utf16[this.chars.length] = at;
  }

  get length(): number {
    return this.chars.length;
  }

  slice(start: number, end: number): string {
    return this.chars.slice(start, end).join('');
  }

  toUtf16(cp: number): number {
    return this.utf16[Math.min(Math.max(cp, 0), this.chars.length)];
  }

  /** Code-point offset of a UTF-16 index (binary search: indexes are sorted). */
  toCodePoint(utf16: number): number {
    let lo = 0;
    let hi = this.chars.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.utf16[mid] <= utf16) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** How much text on each side of a span is kept to find it again. */
export const CONTEXT_CHARS = 8;

export function contextOf(source: SourceText, start: number, end: number): [string, string] {
  return [source.slice(Math.max(0, start - CONTEXT_CHARS), start), source.slice(end, end + CONTEXT_CHARS)];
}

export interface SpanAnchor {
  start: number;
  end: number;
  /** The source's text in the span, as it was. */
  text: string;
  context: [string, string];
}

/**
 * The span now: the same offsets when the source is unchanged and the text is still there; otherwise the place where
 * the text and its context occur, the one nearest the old offset; null when they occur nowhere.
 */
export function relocateSpan(source: SourceText, anchor: SpanAnchor, sameSource: boolean): [number, number] | null {
  if (sameSource && source.slice(anchor.start, anchor.end) === anchor.text) return [anchor.start, anchor.end];
  const needle = anchor.context[0] + anchor.text + anchor.context[1];
  const lead = [...anchor.context[0]].length;
  const size = [...anchor.text].length;
  let best: number | null = null;
  for (let i = source.text.indexOf(needle); i !== -1; i = source.text.indexOf(needle, i + 1)) {
    const start = source.toCodePoint(i) + lead;
    if (best === null || Math.abs(start - anchor.start) < Math.abs(best - anchor.start)) best = start;
  }
  return best === null ? null : [best, best + size];
}

/** The anchor of the line at `index`: its start, text and which of the lines with that text it is. */
export function lineAnchorOf(lines: CleanLine[], index: number): LineAnchor {
  const line = lines[index];
  const occurrence = lines.slice(0, index).filter((l) => l.text === line.text).length + 1;
  return { start: line.start, text: line.text, occurrence };
}

/**
 * Index of the anchored line in `lines`, or -1. In the same source the offset decides (a line whose own edits were
 * rejected starts a little earlier, so the line holding the offset counts too); otherwise the text and occurrence.
 */
export function resolveLine(lines: CleanLine[], anchor: LineAnchor, sameSource: boolean): number {
  if (sameSource) {
    const exact = lines.findIndex((l) => l.start === anchor.start);
    if (exact !== -1) return exact;
    const holding = lines.findIndex((l) => l.start <= anchor.start && anchor.start < l.end);
    if (holding !== -1) return holding;
  }
  const same = lines.flatMap((l, i) => (l.text === anchor.text ? [i] : []));
  if (same.length === 1) return same[0];
  return same[anchor.occurrence - 1] ?? -1;
}
