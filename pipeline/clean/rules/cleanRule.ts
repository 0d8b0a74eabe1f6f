// A text rule reads the classified document and proposes edits (in original offsets) or flags.
import { wordLookup, wordsInRange, type Word } from '../../domain/wordSegmenter.ts';
import type { CleanDocument } from '../document.ts';

export interface CleanRule {
  id: string;
  /** A character repair: when an earlier repair exposes more of its kind, the second pass is folded into the log. */
  repair: boolean;
  apply(doc: CleanDocument): void;
}

/** Word segments of a short string (a context around a cut), segmented in windows so any length stays bounded. */
export function segmentWords(text: string): Word[] {
  return [...wordsInRange(text)];
}

/** The word segment that covers UTF-16 position `at` (segments sorted by index). */
export function wordAt(segments: Word[], at: number): Word | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].index <= at) lo = mid;
    else hi = mid - 1;
  }
  const s = segments[lo];
  return s && s.index <= at && at < s.index + s.segment.length ? s : undefined;
}

export { wordLookup };
