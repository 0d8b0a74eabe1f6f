// The one Chinese word segmenter: ICU's dictionary segmenter through Intl.Segmenter (built into Node).
// ICU's cost per step grows with the length of the string it is given (a 100,000-character line takes seconds, a
// materialised page millions of objects), so long text is only ever segmented in windows cut where a word cannot
// continue: line ends, white space and Chinese punctuation.
export const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export interface Word {
  segment: string;
  /** UTF-16 offset of the word in the whole text (not in its window). */
  index: number;
}

/** The longest window handed to ICU; a run without any break (hostile input) is cut here. */
export const MAX_WINDOW = 400;

/** Characters at which no word continues: a window may start at one. Full-width ，：. may sit inside a number. */
const BREAK = /[\n\r\t \u00a0\u3000\u3001\u3002\uff01\uff1b\uff1f\u201c\u201d\u2018\u2019《》〈〉「」『』【】（）…—]/u;

function isBreak(text: string, i: number): boolean {
  return BREAK.test(text[i]);
}

/** A cut that does not split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}

/** Where the window that starts at `from` ends (exclusive), at most MAX_WINDOW later and never after `to`. */
function windowEnd(text: string, from: number, to: number): number {
  const limit = Math.min(to, from + MAX_WINDOW);
  if (limit === to) return to;
  for (let i = limit; i > from + 1; i -= 1) if (isBreak(text, i)) return i;
  const cut = safeCut(text, limit);
  return cut > from ? cut : limit;
}

/** Where the window around `at` starts: the nearest break at or before it, at most MAX_WINDOW / 2 back. */
function windowStart(text: string, at: number, from: number): number {
  const limit = Math.max(from, at - MAX_WINDOW / 2);
  for (let i = at; i > limit; i -= 1) if (isBreak(text, i)) return i;
  return limit === from ? from : safeCut(text, limit);
}

/** Consecutive windows [start, end) that tile [from, to), each cut at a break where there is one. */
export function* segmentWindows(text: string, from = 0, to = text.length): Generator<[number, number]> {
  let at = from;
  while (at < to) {
    const end = windowEnd(text, at, to);
    yield [at, end];
    at = end;
  }
}

/** Whether ICU starts a word at UTF-16 offset `at` of a short string: read only up to `at`, nothing kept. */
export function startsWordIn(text: string, at: number): boolean {
  for (const s of wordSegmenter.segment(text)) {
    if (s.index === at) return true;
    if (s.index > at) return false;
  }
  return false;
}

/** How many words ICU reads in a short string, counted no further than `max`. */
export function wordCount(text: string, max = Infinity): number {
  let n = 0;
  for (const _ of wordSegmenter.segment(text)) if (++n >= max) break;
  return n;
}

function wordsOfWindow(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  for (const s of wordSegmenter.segment(text.slice(start, end)))
    out.push({ segment: s.segment, index: start + s.index });
  return out;
}

/** The words of text[from, to), in order, segmented window by window (bounded memory on any length). */
export function* wordsInRange(text: string, from = 0, to = text.length): Generator<Word> {
  for (const [start, end] of segmentWindows(text, from, to)) yield* wordsOfWindow(text, start, end);
}

/** The words of the window around UTF-16 position `at` (from the nearest break before it to the one after). */
export function wordsAround(text: string, at: number): { start: number; end: number; words: Word[] } {
  const start = windowStart(text, at, 0);
  const end = windowEnd(text, start, text.length);
  return { start, end, words: wordsOfWindow(text, start, end) };
}

/** Words of windows segmented lately, by the window's text (indices within the window). */
const wordsByWindow = new Map<string, Word[]>();

/** Forgets the windows segmented so far: the cleaning passes of one source read the same windows again. */
export function forgetWindows(): void {
  wordsByWindow.clear();
}

function rememberedWordsAround(text: string, at: number): { start: number; end: number; words: Word[] } {
  const start = windowStart(text, at, 0);
  const end = windowEnd(text, start, text.length);
  const window = text.slice(start, end);
  let relative = wordsByWindow.get(window);
  if (!relative) {
    relative = wordsOfWindow(window, 0, window.length);
    if (wordsByWindow.size >= 5_000) wordsByWindow.clear();
    wordsByWindow.set(window, relative);
  }
  return { start, end, words: relative.map((w) => ({ segment: w.segment, index: start + w.index })) };
}

/**
 * A lookup of the word covering a position, for rules that scan a line: it segments one window at a time and keeps
 * the last one, so a scan from left to right segments each character about once (and a window seen before, in an
 * earlier cleaning pass, is not segmented again).
 */
export function wordLookup(text: string): (at: number) => Word | undefined {
  let window: { start: number; end: number; words: Word[] } | null = null;
  return (at: number) => {
    if (at < 0 || at >= text.length) return undefined;
    if (!window || at < window.start || at >= window.end) window = rememberedWordsAround(text, at);
    const { words } = window;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (words[mid].index <= at) lo = mid;
      else hi = mid - 1;
    }
    const w = words[lo];
    return w && w.index <= at && at < w.index + w.segment.length ? w : undefined;
  };
}

/**
 * Whether a word starts at a position of `text`, as wordStarts marks it, segmenting only the windows asked about
 * (the same windows wordStarts cuts): a page whose place names sit in a few paragraphs segments only those.
 */
export function lazyWordStarts(text: string): (at: number) => boolean {
  const windows = [...segmentWindows(text)];
  const starts = new Uint8Array(text.length + 1);
  const segmented = new Uint8Array(windows.length);
  return (at) => {
    if (at < 0 || at >= text.length) return false;
    let lo = 0;
    let hi = windows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (windows[mid][0] <= at) lo = mid;
      else hi = mid - 1;
    }
    if (!segmented[lo]) {
      segmented[lo] = 1;
      const [start, end] = windows[lo];
      for (const s of wordSegmenter.segment(text.slice(start, end))) starts[start + s.index] = 1;
    }
    return starts[at] === 1;
  };
}

/** Marks every position of `text` where a word starts (one byte per UTF-16 unit, windowed segmentation). */
export function wordStarts(text: string): Uint8Array {
  const starts = new Uint8Array(text.length + 1);
  for (const w of wordsInRange(text)) starts[w.index] = 1;
  return starts;
}
