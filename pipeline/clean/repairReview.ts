// The one place that decides whether a repair is applied or left to the reviewer as a flag: a repair never changes
// the meaning silently (a number, a known term or name, two names run together, a guess).
import { isPlausibleName, LEADERS } from '../domain/surnames.ts';
import type { TermEntry } from '../domain/termBase.ts';
import { CONTROL_SEQUENCE } from './rules/removeControlCharacters.ts';

/** What the clean stage is given besides the text (read by the caller: a stage reads no files). */
export interface CleanContext {
  /** Known terms and names (the term base's Chinese): a repair that touches one is flagged, not applied. */
  protectedWords?: readonly string[];
}

const contexts = new WeakMap<readonly TermEntry[], CleanContext>();

/** The clean context for a term base (the caller reads it): its Chinese terms, pattern rows left out. */
export function cleanContextFor(terms: readonly TermEntry[]): CleanContext {
  let context = contexts.get(terms);
  if (!context) {
    context = { protectedWords: terms.filter((t) => !t.pattern && t.zh !== '').map((t) => t.zh) };
    contexts.set(terms, context);
  }
  return context;
}

/** The text the repairs are proposed on and the words they must not change. */
export interface RepairGuard {
  text: string;
  protectedWords?: readonly string[];
}

/** Below this a repair is a guess: it is shown to the reviewer instead of applied. */
export const APPLY_CONFIDENCE = 0.9;

export type RepairReview = { flag: false } | { flag: true; because: string };

interface ReviewedEdit {
  rule: string;
  op: string;
  start: number;
  end: number;
  after: string;
  confidence: number;
}

const DIGIT = /[0-9０-９]/u;
const CHINESE_NUMERAL = /[〇零一二三四五六七八九十百千万亿两]/u;
const HAN = /\p{Script=Han}/u;
const WHITESPACE_ONLY = /^[ \t\u00a0\u3000\u2002-\u200b]+$/u;
/** Words around a reporter's name in a credit (记者阳柳 刘莹摄): not part of the name. */
const ROLE_BEFORE = /^(?:本报|特约)?(?:记者|通讯员|实习生|摄影|编辑|责编|作者|文|图)/u;
const ROLE_AFTER = /(?:摄影|摄|报道|整理|供图|等)$/u;

interface WordIndex {
  byFirst: Map<string, string[]>;
  longest: number;
}

/** Known words by their first character, built once per list. */
const indexes = new WeakMap<readonly string[], WordIndex>();
const LEADER_WORDS: readonly string[] = [...LEADERS];

function wordIndex(words: readonly string[]): WordIndex {
  let index = indexes.get(words);
  if (!index) {
    index = { byFirst: new Map(), longest: 0 };
    for (const w of words) {
      if ([...w].length < 2 || !HAN.test(w)) continue;
      const list = index.byFirst.get(w[0]) ?? [];
      list.push(w);
      index.byFirst.set(w[0], list);
      index.longest = Math.max(index.longest, w.length);
    }
    indexes.set(words, index);
  }
  return index;
}

/** A known word whose occurrence the edit cuts into, or whose edge character it deletes a copy of (习习近平). */
function touchedWord(guard: RepairGuard, edit: ReviewedEdit): string | null {
  const { text } = guard;
  for (const words of [LEADER_WORDS, guard.protectedWords ?? []]) {
    const { byFirst, longest } = wordIndex(words);
    for (let p = Math.max(0, edit.start - longest); p <= edit.end && p < text.length; p += 1) {
      for (const w of byFirst.get(text[p]) ?? []) {
        if (!text.startsWith(w, p)) continue;
        const end = p + w.length;
        const cuts = p < edit.end && end > edit.start;
        const copiesEdge =
          (end === edit.start && text[edit.start] === text[end - 1]) ||
          (p === edit.end && text[edit.end - 1] === text[p]);
        if (cuts || copiesEdge) return w;
      }
    }
  }
  return null;
}

/** The run of Han characters that ends at `at` (exclusive) and the one that starts at `at`. */
function hanRunBefore(text: string, at: number): string {
  let s = at;
  while (s > 0 && HAN.test(text[s - 1])) s -= 1;
  return text.slice(s, at);
}
function hanRunAfter(text: string, at: number): string {
  let e = at;
  while (e < text.length && HAN.test(text[e])) e += 1;
  return text.slice(at, e);
}

const SPACE = /[ \t\u00a0\u3000]/u;
const isName = (s: string) => [...s].length >= 2 && [...s].length <= 3 && isPlausibleName(s);
const startsWithName = (s: string) => isName(s.slice(0, 2)) || isName(s.slice(0, 3));

/**
 * 阳柳 刘莹: a space with a whole two- or three-character name on one side (the Han run is the name, after 记者 or
 * before 摄) and a name on the other; in a list (代表 阳柳 刘莹分别发言) the spaces on both sides of a listed name.
 * Decided from the runs next to the space only, so a second cleaning decides the same.
 */
function separatesTwoNames(text: string, start: number, end: number): boolean {
  const leftRun = hanRunBefore(text, start);
  const rightRun = hanRunAfter(text, end);
  const left = leftRun.replace(ROLE_BEFORE, '');
  const right = rightRun.replace(ROLE_AFTER, '');
  if (isName(left) && isName(right)) return true;
  // The left name is listed after a space: the next one may run on into the sentence (刘莹分别发言).
  if (isName(left) && left === leftRun && SPACE.test(text[start - leftRun.length - 1] ?? '') && startsWithName(right))
    return true;
  // The right name is followed by a space and another name: this space opens the list.
  const afterRight = end + rightRun.length;
  return isName(right) && SPACE.test(text[afterRight] ?? '') && startsWithName(hanRunAfter(text, afterRight + 1));
}

/** Whether a repair may be applied, or must become a flag (and why). */
export function reviewRepair(guard: RepairGuard, edit: ReviewedEdit): RepairReview {
  if (edit.confidence < APPLY_CONFIDENCE)
    return { flag: true, because: `confidence ${edit.confidence} is below ${APPLY_CONFIDENCE}` };
  const { text } = guard;
  const before = text.slice(edit.start, edit.end);
  // Text moved to metadata, and whole lines removed by their role, leave in full: their content is not repaired.
  if (edit.op === 'extract') return { flag: false };
  const atLineStart = edit.start === 0 || text[edit.start - 1] === '\n';
  const toLineEnd = edit.end === text.length || text[edit.end - 1] === '\n';
  if (atLineStart && toLineEnd) return { flag: false };
  // Control characters and terminal escape sequences are invisible: removing them changes nothing a reader sees.
  const visible = before.replace(CONTROL_SEQUENCE, '');
  if (visible === '' && edit.after === '') return { flag: false };
  if (DIGIT.test(visible) || CHINESE_NUMERAL.test(visible)) return { flag: true, because: 'it changes a number' };
  // A join mends a number cut by a page break; any other deletion between two digits (3 5, 十 五) makes a new
  // number, while 3 万 is the same number with its multiplier.
  const left = text[edit.start - 1] ?? '';
  const right = text[edit.end] ?? '';
  const digits = DIGIT.test(left) && DIGIT.test(right);
  const numerals = CHINESE_NUMERAL.test(left) && CHINESE_NUMERAL.test(right);
  if ((digits || numerals) && edit.op !== 'join' && edit.after === '')
    return { flag: true, because: 'it runs two numbers together' };
  if (HAN.test(visible) || HAN.test(edit.after)) {
    const word = touchedWord(guard, edit);
    if (word) return { flag: true, because: `it touches the known term or name "${word}"` };
  }
  if (WHITESPACE_ONLY.test(visible) && !/\s/u.test(edit.after) && separatesTwoNames(text, edit.start, edit.end))
    return { flag: true, because: 'the space separates two names' };
  return { flag: false };
}
