// A text rule reads the classified document and proposes edits (in original offsets) or flags.
import { wordSegmenter } from '../../domain/wordSegmenter.ts';
import type { CleanDocument } from '../document.ts';

export interface CleanRule {
  id: string;
  /** A character repair: when an earlier repair exposes more of its kind, the second pass is folded into the log. */
  repair: boolean;
  apply(doc: CleanDocument): void;
}

/** Word segments (ICU's dictionary segmenter for Chinese) with their offsets in `text`. */
export function segmentWords(text: string): { segment: string; index: number }[] {
  return [...wordSegmenter.segment(text)].map((s) => ({ segment: s.segment, index: s.index }));
}

/** The word segment of `text` that covers UTF-16 position `at`. */
export function wordAt(
  segments: { segment: string; index: number }[],
  at: number,
): { segment: string; index: number } | undefined {
  return segments.find((s) => s.index <= at && at < s.index + s.segment.length);
}
