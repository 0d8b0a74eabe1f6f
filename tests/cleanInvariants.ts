// The clean stage's invariants as functions that report the first problem (or null), shared by
// tests/clean.invariants.test.ts and the child process that checks very long pages (tests/longPageCheck.ts).
import type { CleanedSource, Edit } from '../pipeline/domain/types.ts';

const HAN = /\p{Script=Han}/u;
// Not helpers.ts: that module imports vitest, and this one also runs in a plain child process.
export const han = (s: string) => [...s].filter((ch) => HAN.test(ch));

/** Traceable: the log, applied to the original, gives the cleaned text. Returns the first mismatch, or null. */
export function replayProblem(original: string, edits: Edit[], cleaned: string): string | null {
  const chars = [...original];
  const out: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((x, y) => x.start - y.start)) {
    if (e.start < at) return `edit at ${e.start} overlaps the one before it`;
    const before = chars.slice(e.start, e.end).join('');
    if (before !== e.before) return `edit at ${e.start} says it replaced "${e.before}", the original has "${before}"`;
    out.push(chars.slice(at, e.start).join(''), e.after);
    at = e.end;
  }
  out.push(chars.slice(at).join(''));
  return out.join('') === cleaned ? null : 'the log replayed on the original does not give the cleaned text';
}

/**
 * No loss, checked without the log's replay or its `before` texts: walking the original, every Han character is
 * either inside an edit's range (whose rule and reason are recorded; moved out into the metadata when the edit is an
 * extraction) or kept, and the kept ones are the cleaned text's Han characters, in order (plus any an edit wrote).
 * Returns a description of the first loss, or null.
 */
export function lostHan(original: string, value: Pick<CleanedSource, 'text' | 'edits' | 'metadata'>): string | null {
  const chars = [...original];
  const edits = [...value.edits].sort((a, b) => a.start - b.start);
  const kept: string[] = [];
  const extracted = new Map<string, number>();
  let k = 0;
  for (let i = 0; i < chars.length; i += 1) {
    while (k < edits.length && edits[k].end <= i) k += 1;
    const e = edits[k];
    if (!HAN.test(chars[i])) continue;
    if (!e || e.start > i) {
      kept.push(chars[i]);
      continue;
    }
    if (!e.rule || e.reason.trim() === '') return `"${chars[i]}" at ${i} removed by an edit without a rule or reason`;
    if (e.op === 'extract') extracted.set(chars[i], (extracted.get(chars[i]) ?? 0) + 1);
  }
  // What an extraction took out of the body is in the metadata lines.
  const inMetadata = new Map<string, number>();
  for (const ch of han(value.metadata.map((m) => m.text).join(''))) inMetadata.set(ch, (inMetadata.get(ch) ?? 0) + 1);
  for (const [ch, n] of extracted)
    if ((inMetadata.get(ch) ?? 0) < n) return `"${ch}" extracted ${n} times but not found in the metadata as often`;
  const cleaned = han(value.text);
  let j = 0;
  for (const ch of cleaned) if (j < kept.length && kept[j] === ch) j += 1;
  if (j < kept.length) return `"${kept[j]}" (the ${j + 1}th kept Han character) is missing from the cleaned text`;
  const written = han(edits.map((e) => e.after).join('')).length;
  if (cleaned.length !== kept.length + written)
    return `the cleaned text has ${cleaned.length} Han characters, not the ${kept.length} kept and ${written} written`;
  return null;
}
