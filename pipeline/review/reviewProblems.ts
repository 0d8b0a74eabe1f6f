// A correction that no longer applies is a warning naming it (its JSON pointer in the review file) and its place in
// the source when it still has one: never a silent drop.
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../domain/diagnostics.ts';
import type { IngestedSource } from '../domain/types.ts';

export interface ReviewProblem {
  /** Where the correction is in the review file: /edits/3, /sections/0. */
  pointer: string;
  reason: string;
  /** Code-point offset in the source as it is now, when the correction's place is still known. */
  at: number | null;
}

export const REVIEW_STALE_RULE = 'review-stale';

export function problemDiagnostics(
  problems: ReviewProblem[],
  reviewName: string,
  source: IngestedSource,
): VFileMessage[] {
  return problems.map((p) =>
    diagnostic({
      file: p.at === null ? reviewName : source.file,
      rule: REVIEW_STALE_RULE,
      severity: 'warning',
      // The review file names itself as the file; a place in the source names the review file in the message.
      reason: `${p.at === null ? '' : reviewName}#${p.pointer} no longer applies: ${p.reason}`,
      ...(p.at === null ? {} : { text: source.text, start: p.at }),
    }),
  );
}
