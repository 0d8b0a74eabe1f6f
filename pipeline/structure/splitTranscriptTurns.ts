// A live transcript's turns each end in their time mark ([15:09]); when a page glued them into one line, the line
// is split after each time mark that a bracketed speaker's label ([赵宏伟]：) follows, so every turn reads alone.
import type { CleanLine } from '../domain/types.ts';

/** A time mark closing a turn, directly followed by the next turn's bracketed label. */
const TURN_BOUNDARY = /(?<=[[【]\d{1,2}[:：]\d{2}[\]】])\s*(?=[[【][^\]】：:，,。]{1,40}[\]】]\s*[：:])/gu;

export function splitTranscriptTurns(lines: CleanLine[]): CleanLine[] {
  return lines.flatMap((line) => {
    if (line.role !== 'body') return [line];
    const cuts = [...line.text.matchAll(TURN_BOUNDARY)].map((m) => m.index!);
    if (cuts.length === 0) return [line];
    const out: CleanLine[] = [];
    let from = 0;
    for (const cut of [...cuts, line.text.length]) {
      const piece = line.text.slice(from, cut);
      const lead = piece.length - piece.trimStart().length;
      const text = piece.trim();
      if (text !== '')
        out.push({ role: 'body', text, start: line.start + from + lead, end: line.start + from + lead + text.length });
      from = cut;
    }
    return out;
  });
}
