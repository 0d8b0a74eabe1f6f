// The working state of the clean stage: the original text, its lines with roles, and the edits claimed so far.
// Every rule proposes edits in ORIGINAL offsets and no two edits overlap, so the log replays exactly.
import type { Edit, EditOp, Flag, LineRole } from '../domain/types.ts';
import { reviewRepair, type CleanContext, type RepairGuard } from './repairReview.ts';

export interface RawLine {
  index: number;
  /** UTF-16 offsets into the original text; `end` excludes the newline. */
  start: number;
  end: number;
  text: string;
  role: LineRole;
  roleRule: string | null;
  roleReason: string | null;
}

/** An edit in UTF-16 offsets; converted to code points when the stage returns. */
export interface PendingEdit {
  rule: string;
  op: EditOp;
  start: number;
  end: number;
  after: string;
  confidence: number;
  reason: string;
  /** The span a reviewer should see if the repair becomes a flag (a doubled pair, not only the copy deleted). */
  flagRange?: [number, number];
}

/** A warning for the reader of the diagnostics (a control character removed, a very long line), in UTF-16 offsets. */
export interface PendingNote {
  rule: string;
  start: number;
  end: number;
  reason: string;
}

export interface PendingFlag {
  rule: string;
  start: number;
  end: number;
  suggestion: string | null;
  reason: string;
}

export const HAN = /\p{Script=Han}/u;

/** The whole character at UTF-16 index i, so 𠀀 and other characters beyond the BMP read as Han, not as halves. */
export function characterAt(text: string, i: number): string | undefined {
  if (i < 0 || i >= text.length) return undefined;
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return text.slice(i - 1, i + 1);
  if (c >= 0xd800 && c <= 0xdbff) return text.slice(i, i + 2);
  return text[i];
}
/** Han characters and the CJK punctuation that sits between them. */
export const CJK =
  /[\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u2018\u2019《》〈〉「」『』【】]/u;
export const WHITESPACE = /[ \t\u00a0\u3000\u2002-\u200b\ufeff]/u;

/**
 * Edits sorted by start (they never overlap, so ends are sorted too): claims are binary searches. New edits land in
 * a small sorted buffer that is merged into the main array when it fills, so a page of 100,000 edits proposed by
 * rules in turn (each rule's edits interleaved with the earlier rules') costs no quadratic array shifting.
 */
class EditIndex {
  private main: PendingEdit[] = [];
  private recent: PendingEdit[] = [];

  private static firstEndingAfter(list: PendingEdit[], pos: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].end > pos) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  insert(edit: PendingEdit): void {
    this.recent.splice(EditIndex.firstEndingAfter(this.recent, edit.start), 0, edit);
    if (this.recent.length > 512) {
      const merged: PendingEdit[] = [];
      let i = 0;
      let j = 0;
      while (i < this.main.length || j < this.recent.length) {
        if (j >= this.recent.length || (i < this.main.length && this.main[i].start <= this.recent[j].start))
          merged.push(this.main[i++]);
        else merged.push(this.recent[j++]);
      }
      this.main = merged;
      this.recent = [];
    }
  }

  /** The first edit (by position) that ends after `pos`. */
  firstEndingAfter(pos: number): PendingEdit | undefined {
    const a = this.main[EditIndex.firstEndingAfter(this.main, pos)];
    const b = this.recent[EditIndex.firstEndingAfter(this.recent, pos)];
    if (!a) return b;
    if (!b) return a;
    return a.start <= b.start ? a : b;
  }

  /** Edits that end after `start` and begin before `end`, in order. */
  overlapping(start: number, end: number): PendingEdit[] {
    const out: PendingEdit[] = [];
    for (const list of [this.main, this.recent])
      for (let k = EditIndex.firstEndingAfter(list, start); k < list.length && list[k].start < end; k += 1)
        out.push(list[k]);
    return out.sort((x, y) => x.start - y.start);
  }
}

export class CleanDocument {
  readonly text: string;
  readonly lines: RawLine[];
  readonly edits: PendingEdit[] = [];
  private readonly index = new EditIndex();
  readonly flags: PendingFlag[] = [];
  private readonly flagKeys = new Set<string>();
  /** Warnings the stage reports beside its flags: what a rule removed and where. */
  readonly notes: PendingNote[] = [];
  /** Places where two body lines were joined: [end of the first line's text, start of the second's]. */
  readonly joins: { left: number; right: number }[] = [];
  /** What the repairs must not change silently (known terms and names), from the stage's context. */
  readonly context: CleanContext;
  readonly guard: RepairGuard;

  constructor(text: string, context: CleanContext = {}) {
    this.text = text;
    this.context = context;
    this.guard = { text, protectedWords: context.protectedWords };
    this.lines = [];
    let start = 0;
    text.split('\n').forEach((line, index) => {
      this.lines.push({
        index,
        start,
        end: start + line.length,
        text: line,
        role: line.trim() === '' ? 'blank' : 'body',
        roleRule: null,
        roleReason: null,
      });
      start += line.length + 1;
    });
  }

  isClaimed(start: number, end: number): boolean {
    const e = this.index.firstEndingAfter(start);
    if (!e) return false;
    return start === end ? e.start < start : e.start < end;
  }

  /**
   * Claims a range for a repair; refuses (returns false) when it overlaps an earlier rule's edit. A repair that could
   * change the meaning (low confidence, numbers, known terms and names, a space between two names) is not applied:
   * it becomes a flag for the reviewer, decided in one place (reviewRepair), and propose returns false.
   */
  propose(edit: PendingEdit): boolean {
    if (edit.end <= edit.start) throw new Error(`edit ${edit.rule} is empty or ends before it starts`);
    if (this.isClaimed(edit.start, edit.end)) return false;
    const review = reviewRepair(this.guard, edit);
    if (review.flag) {
      const [from, to] = edit.flagRange ?? [edit.start, edit.end];
      this.flag({
        rule: edit.rule,
        start: from,
        end: to,
        suggestion: this.text.slice(from, edit.start) + edit.after + this.text.slice(edit.end, to),
        reason: `${edit.reason}; not applied: ${review.because}`,
      });
      return false;
    }
    this.add(edit);
    return true;
  }

  /** Records an edit known not to overlap (the folded second passes). */
  add(edit: PendingEdit): void {
    this.edits.push(edit);
    this.index.insert(edit);
  }

  /** Unclaimed sub-ranges of [start, end), for rules that delete what earlier rules left. */
  gaps(start: number, end: number): [number, number][] {
    const out: [number, number][] = [];
    let at = start;
    for (const e of this.index.overlapping(start, end)) {
      if (e.start > at) out.push([at, e.start]);
      at = Math.max(at, e.end);
    }
    if (at < end) out.push([at, end]);
    return out;
  }

  /** The character at `i` as it will read once earlier edits apply (a converted comma reads as ，). */
  charAfterEdits(i: number): string | undefined {
    const e = this.index.firstEndingAfter(i);
    if (e && e.start === i && e.end === i + 1) return e.after;
    return characterAt(this.text, i);
  }

  flag(flag: PendingFlag): void {
    const key = `${flag.rule}\u0000${flag.start}\u0000${flag.end}`;
    if (this.flagKeys.has(key)) return;
    this.flagKeys.add(key);
    this.flags.push(flag);
  }

  note(note: PendingNote): void {
    this.notes.push(note);
  }

  /** Lines that stay in the text (not removed as debris or metadata). */
  keptLines(): RawLine[] {
    return this.lines.filter((l) => l.role !== 'blank' && !REMOVED_ROLES.has(l.role));
  }

  nonBlank(): RawLine[] {
    return this.lines.filter((l) => l.role !== 'blank');
  }

  /** Start and end of a line's text without its leading and trailing white space. */
  trimmedRange(line: RawLine): [number, number] {
    let s = line.start;
    let e = line.end;
    while (s < e && WHITESPACE.test(this.text[s])) s += 1;
    while (e > s && WHITESPACE.test(this.text[e - 1])) e -= 1;
    return [s, e];
  }
}

/** Roles whose lines leave the body text (kept as metadata or in the edit log). */
export const REMOVED_ROLES: ReadonlySet<LineRole> = new Set<LineRole>([
  'debris',
  'credit',
  'caption',
  'source-line',
  'byline',
  'pen-name',
  'column-name',
  'signature',
]);

/** Roles that carry metadata worth keeping beside the article. */
export const METADATA_ROLES: ReadonlySet<LineRole> = new Set<LineRole>([
  'credit',
  'caption',
  'source-line',
  'byline',
  'pen-name',
  'column-name',
  'signature',
]);

/** Maps UTF-16 offsets of a string to code-point offsets (the contract counts code points). */
export function codePointIndex(text: string): (utf16: number) => number {
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i += 1) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      map[i + 1] = cp;
      i += 1;
    }
    cp += 1;
  }
  map[text.length] = cp;
  return (utf16) => map[utf16];
}

/** Applies non-overlapping edits; returns the new text and, for each of its positions, the original offset. */
export function applyEdits<E extends { start: number; end: number; after: string }>(
  text: string,
  edits: E[],
): { text: string; origin: number[]; producedBy: (E | null)[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  const origin: number[] = [];
  const producedBy: (E | null)[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}`);
    for (let i = at; i < e.start; i += 1) {
      origin.push(i);
      producedBy.push(null);
    }
    out += text.slice(at, e.start);
    for (let i = 0; i < e.after.length; i += 1) {
      origin.push(e.start);
      producedBy.push(e);
    }
    out += e.after;
    at = e.end;
  }
  for (let i = at; i < text.length; i += 1) {
    origin.push(i);
    producedBy.push(null);
  }
  out += text.slice(at);
  origin.push(text.length);
  return { text: out, origin, producedBy };
}

export function toEdit(e: PendingEdit, text: string, cp: (n: number) => number): Edit {
  return {
    rule: e.rule,
    op: e.op,
    start: cp(e.start),
    end: cp(e.end),
    before: text.slice(e.start, e.end),
    after: e.after,
    confidence: e.confidence,
    reason: e.reason,
  };
}

export function toFlag(f: PendingFlag, text: string, cp: (n: number) => number): Flag {
  return {
    rule: f.rule,
    start: cp(f.start),
    end: cp(f.end),
    text: text.slice(f.start, f.end),
    suggestion: f.suggestion,
    reason: f.reason,
  };
}
