// Edits rejected and flags accepted, applied to the clean stage's output: a rejected edit gives the original text
// back at its place, an accepted flag becomes an edit of its own. The edit log still replays the original exactly.
import { applyEdits } from '../clean/document.ts';
import type { CleanedSource, CleanLine, Edit } from '../domain/types.ts';
import { relocateSpan, SourceText } from './anchors.ts';
import type { ReviewProblem } from './reviewProblems.ts';
import type { ReviewFile } from './reviewFile.ts';

/** The rule id of an edit made because staff accepted a flag. */
export const ACCEPTED_FLAG_REASON = 'accepted by staff';

export function applyEditDecisions(
  cleaned: CleanedSource,
  review: Pick<ReviewFile, 'edits' | 'flags'>,
  sameSource: boolean,
): { value: CleanedSource; problems: ReviewProblem[] } {
  const source = new SourceText(cleaned.source.text);
  const problems: ReviewProblem[] = [];
  const rejected = new Set<Edit>();
  review.edits.forEach((d, i) => {
    const span = relocateSpan(source, { start: d.start, end: d.end, text: d.before, context: d.context }, sameSource);
    const edit = span
      ? cleaned.edits.find((e) => e.start === span[0] && e.end === span[1] && e.rule === d.rule && e.after === d.after)
      : undefined;
    if (!edit) {
      problems.push({
        pointer: `/edits/${i}`,
        at: span?.[0] ?? null,
        reason: `the cleaner no longer makes the ${d.decision === 'reject' ? 'rejected' : 'accepted'} edit ${d.rule} "${visible(d.before)}" → "${visible(d.after)}" (at offset ${d.start})`,
      });
      return;
    }
    if (d.decision === 'reject') rejected.add(edit);
  });
  const kept = cleaned.edits.filter((e) => !rejected.has(e));
  const accepted: Edit[] = [];
  const acceptedFlags = new Set<string>();
  review.flags.forEach((f, i) => {
    if (f.decision !== 'accept' || f.suggestion === null) return;
    const span = relocateSpan(source, { start: f.start, end: f.end, text: f.text, context: f.context }, sameSource);
    const clash = span && [...kept, ...accepted].find((e) => e.start < span[1] && e.end > span[0]);
    if (!span || clash) {
      problems.push({
        pointer: `/flags/${i}`,
        at: span?.[0] ?? null,
        reason: span
          ? `the accepted flag ${f.rule} "${f.text}" overlaps the edit ${clash!.rule} at offset ${clash!.start}`
          : `the flagged text "${f.text}" (at offset ${f.start}) is no longer in the source`,
      });
      return;
    }
    const flag = cleaned.flags.find((x) => x.start === span[0] && x.end === span[1] && x.rule === f.rule);
    accepted.push({
      rule: f.rule,
      op: f.suggestion === '' ? 'delete' : 'replace',
      start: span[0],
      end: span[1],
      before: f.text,
      after: f.suggestion,
      confidence: 1,
      reason: `${ACCEPTED_FLAG_REASON}: ${flag?.reason ?? 'flag resolved in the review file'}`,
    });
    acceptedFlags.add(`${f.rule}@${span[0]}-${span[1]}`);
  });
  if (rejected.size === 0 && accepted.length === 0) return { value: cleaned, problems };

  const edits = [...kept, ...accepted].sort((a, b) => a.start - b.start);
  const value = rebuildCleaned(cleaned, source, edits, [...rejected]);
  value.flags = cleaned.flags.filter((f) => !acceptedFlags.has(`${f.rule}@${f.start}-${f.end}`));
  return { value, problems };
}

/** The cleaned text, lines and metadata for another edit log over the same original (as clean builds them). */
function rebuildCleaned(cleaned: CleanedSource, source: SourceText, edits: Edit[], rejected: Edit[]): CleanedSource {
  const { text, origin } = applyEdits(
    source.text,
    edits.map((e) => ({ start: source.toUtf16(e.start), end: source.toUtf16(e.end), after: e.after })),
  );
  const old = cleaned.lines;
  const lines: CleanLine[] = [];
  let at = 0;
  for (const piece of text.split('\n')) {
    if (piece.trim() !== '') {
      const start = source.toCodePoint(origin[at]);
      const end = source.toCodePoint(origin[at + piece.length - 1] + 1);
      // A line keeps the role of the line it was part of; text given back from a removed line is body text.
      const was = old.find((l) => l.start < end && l.end > start);
      lines.push({ role: was?.role ?? 'body', text: piece, start, end });
    }
    at += piece.length + 1;
  }
  // Metadata whose removal was rejected is body text again; the rest is anchored to the new lines.
  const metadata = cleaned.metadata
    .filter((m) => !rejected.some((e) => e.start <= m.start && m.start < e.end))
    .map((m) => {
      const before = lines.findIndex((l) => l.start >= m.start);
      return { ...m, beforeLine: before === -1 ? lines.length : before };
    });
  return { ...cleaned, text, lines, metadata, edits };
}

/** White space made visible in a message (a rejected line join must show what it joined). */
function visible(s: string): string {
  return s.replace(/\n/gu, '⏎');
}
