// The article split as staff corrected it: "merge with the previous article" removes the boundary at a line,
// "split here" adds one. Articles are numbered again in order, as split numbers them.
import type { ArticleDraft, CleanedSource, SourceMetadataLine } from '../domain/types.ts';
import { resolveLine } from './anchors.ts';
import type { ReviewProblem } from './reviewProblems.ts';
import type { SplitFix } from './reviewFile.ts';

/** Metadata that closes the article above it (credits, captions, a bracketed sign-off), as split reads it. */
function closesAbove(m: SourceMetadataLine): boolean {
  return m.kind === 'credit' || m.kind === 'caption' || (m.kind === 'byline' && /^[（(].*[)）]$/u.test(m.text));
}

export function applySplitFixes(
  cleaned: CleanedSource,
  drafts: ArticleDraft[],
  fixes: SplitFix[],
  sameSource: boolean,
): { value: ArticleDraft[]; problems: ReviewProblem[] } {
  const problems: ReviewProblem[] = [];
  if (fixes.length === 0 || drafts.length === 0) return { value: drafts, problems };
  const lines = cleaned.lines;
  const indexOf = (d: ArticleDraft) => lines.findIndex((l) => l.start === d.lines[0].start);
  const oldStarts = drafts.map(indexOf);
  const starts = new Set(oldStarts);
  fixes.forEach((fix, i) => {
    const at = resolveLine(lines, fix.line, sameSource);
    const problem = (reason: string) =>
      problems.push({ pointer: `/split/${i}`, at: at === -1 ? null : lines[at].start, reason });
    if (at === -1) return problem(`the line "${fix.line.text.slice(0, 30)}" is no longer in the text`);
    if (fix.action === 'merge') {
      if (!starts.has(at) || at === oldStarts[0])
        return problem(`no article starts at "${fix.line.text.slice(0, 30)}" any more: nothing to merge`);
      starts.delete(at);
    } else {
      if (starts.has(at)) return problem(`an article already starts at "${fix.line.text.slice(0, 30)}"`);
      if (at < oldStarts[0]) return problem(`"${fix.line.text.slice(0, 30)}" is before the first article`);
      starts.add(at);
    }
  });
  const sorted = [...starts].sort((a, b) => a - b);
  if (sorted.length === oldStarts.length && sorted.every((s, i) => s === oldStarts[i]))
    return { value: drafts, problems };

  const base = cleaned.source.file.replace(/\.[^.]+$/u, '');
  const endOf = (k: number) => sorted[k + 1] ?? lines.length;
  const value: ArticleDraft[] = sorted.map((start, k) => ({
    id: `${base}-${k + 1}`,
    index: k + 1,
    source: cleaned,
    lines: lines.slice(start, endOf(k)),
    metadata: [],
  }));
  // Each metadata line stays with the text it stood beside in its old article.
  drafts.forEach((d, j) => {
    const from = oldStarts[j];
    const to = oldStarts[j + 1] ?? lines.length;
    for (const m of d.metadata) {
      let line = Math.min(Math.max(m.beforeLine, from), to - 1);
      if (closesAbove(m) && line > from && starts.has(line)) line -= 1;
      const k = sorted.findLastIndex((s) => s <= line);
      value[Math.max(0, k)].metadata.push(m);
    }
  });
  return { value, problems };
}
