// Longest-first matching of the term base on a text; pattern rows ({place}区委) bind the place they name.
import { PLACE_CHARS, type TermEntry } from './termBase.ts';

export interface TermHit {
  entry: TermEntry;
  zh: string;
  place: string | null;
  start: number;
  end: number;
}

/**
 * A {place} binding is believed when the term base or the gazetteer knows the place or a larger place is named right
 * before it (天津市南开区委).
 */
function plausiblePlace(
  place: string,
  text: string,
  start: number,
  entries: TermEntry[],
  isPlace?: (name: string) => boolean,
): boolean {
  if (/[市省区县委的和与在由并对及是为将把从完善推进加强]/u.test(place)) return false;
  if (/[市省]$/u.test(text.slice(Math.max(0, start - 1), start))) return true;
  if (isPlace?.(place)) return true;
  return entries.some(
    (e) =>
      e.kind === 'place' &&
      (e.zh === place ||
        e.zh === `${place}区` ||
        e.zh === `${place}市` ||
        e.zh === `${place}省` ||
        e.zh === `${place}县`),
  );
}

const GLOBAL = new WeakMap<TermEntry, RegExp>();

interface TermIndex {
  /** Exact rows by their first two characters (one for one-character rows). */
  byStart: Map<string, TermEntry[]>;
  patterns: TermEntry[];
}

const INDEXES = new WeakMap<TermEntry[], TermIndex>();

/** Exact rows keyed by how they start, so a text is scanned once instead of once per row. */
function indexOf(entries: TermEntry[]): TermIndex {
  let index = INDEXES.get(entries);
  if (index) return index;
  index = { byStart: new Map(), patterns: [] };
  for (const entry of entries) {
    if (entry.pattern) index.patterns.push(entry);
    else if (entry.zh) {
      const key = entry.zh.slice(0, 2);
      index.byStart.set(key, [...(index.byStart.get(key) ?? []), entry]);
    }
  }
  INDEXES.set(entries, index);
  return index;
}

export interface MatchOptions {
  /** Whether a name is a known place (the gazetteer), so that {place} rows bind it. */
  isPlace?: (name: string) => boolean;
}

/** Non-overlapping hits, longest first, then leftmost. */
export function matchTerms(text: string, entries: TermEntry[], options: MatchOptions = {}): TermHit[] {
  const candidates: TermHit[] = [];
  const index = indexOf(entries);
  for (const entry of index.patterns) {
    if (entry.tail) {
      // Every place of 4, 3, then 2 characters before each occurrence of the tail: the longest believable one.
      for (let at = text.indexOf(entry.tail); at !== -1; at = text.indexOf(entry.tail, at + 1)) {
        for (let n = 4; n >= 2; n -= 1) {
          const start = at - n;
          const place = start >= 0 ? text.slice(start, at) : '';
          if (!PLACE_CHARS.test(place) || !plausiblePlace(place, text, start, entries, options.isPlace)) continue;
          candidates.push({ entry, zh: place + entry.tail, place, start, end: at + entry.tail.length });
          break;
        }
      }
      continue;
    }
    let re = GLOBAL.get(entry);
    if (!re) GLOBAL.set(entry, (re = new RegExp(entry.pattern!.source, 'gu')));
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (plausiblePlace(m[1], text, m.index!, entries, options.isPlace))
        candidates.push({ entry, zh: m[0], place: m[1], start: m.index!, end: m.index! + m[0].length });
    }
  }
  for (let at = 0; at < text.length; at += 1) {
    for (const key of [text.slice(at, at + 2), text[at]]) {
      for (const entry of index.byStart.get(key) ?? []) {
        if ((key.length === 1 && entry.zh.length !== 1) || !text.startsWith(entry.zh, at)) continue;
        candidates.push({ entry, zh: entry.zh, place: null, start: at, end: at + entry.zh.length });
      }
      if (key.length === 1) break;
    }
  }
  // Exact rows beat pattern rows of the same span: a named body is more specific than the pattern.
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(a.entry.pattern !== null) - Number(b.entry.pattern !== null) ||
      a.start - b.start,
  );
  const taken: TermHit[] = [];
  for (const c of candidates) {
    if (taken.some((t) => c.start < t.end && c.end > t.start)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}
