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
  places: ReadonlySet<string>,
  isPlace?: (name: string) => boolean,
): boolean {
  if (/[市省区县委的和与在由并对及是为将把从完善推进加强]/u.test(place)) return false;
  if (start > 0 && (text[start - 1] === '市' || text[start - 1] === '省')) return true;
  if (isPlace?.(place)) return true;
  return (
    places.has(place) ||
    places.has(`${place}区`) ||
    places.has(`${place}市`) ||
    places.has(`${place}省`) ||
    places.has(`${place}县`)
  );
}

const GLOBAL = new WeakMap<TermEntry, RegExp>();

interface TermIndex {
  /** Exact rows of two code units or more by their first two (as one number, see pairAt), and rows of one unit. */
  byStart: Map<number, TermEntry[]>;
  single: Map<number, TermEntry[]>;
  patterns: TermEntry[];
  /** {place}… rows by the first two code units of what follows the place, with their rank among the patterns. */
  tailsByStart: Map<number, { entry: TermEntry; rank: number }[]>;
  /** Tails shorter than two characters, which the two-character key cannot find. */
  shortTails: { entry: TermEntry; rank: number }[];
  /** The names of the place rows. */
  places: Set<string>;
}

const INDEXES = new WeakMap<TermEntry[], TermIndex>();

/**
 * Two code units of a text as one small integer: a key that costs no string. Pairs may share a key (the high bits of
 * the first unit are dropped), so every row of a bucket is still checked against the text, in the rows' order.
 */
const pairAt = (text: string, at: number) => ((text.charCodeAt(at) & 0x3fff) << 16) | text.charCodeAt(at + 1);

/** Exact rows keyed by how they start, so a text is scanned once instead of once per row. */
function indexOf(entries: TermEntry[]): TermIndex {
  let index = INDEXES.get(entries);
  if (index) return index;
  index = {
    byStart: new Map(),
    single: new Map(),
    patterns: [],
    tailsByStart: new Map(),
    shortTails: [],
    places: new Set(),
  };
  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const entry of entries) {
    if (entry.kind === 'place') index.places.add(entry.zh);
    if (entry.pattern) {
      const rank = index.patterns.push(entry) - 1;
      if (entry.tail && entry.tail.length >= 2) add(index.tailsByStart, pairAt(entry.tail, 0), { entry, rank });
      else if (entry.tail) index.shortTails.push({ entry, rank });
    } else if (entry.zh.length >= 2) add(index.byStart, pairAt(entry.zh, 0), entry);
    else if (entry.zh) add(index.single, entry.zh.charCodeAt(0), entry);
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
  // {place}… rows: every occurrence of a tail, found in one scan of the text, then in the order of the rows.
  const bound: { hit: TermHit; rank: number; at: number }[] = [];
  // The place before a tail depends only on where the tail starts: found once for all rows that share the spot.
  let placeAt = -1;
  let placeFound: { place: string; start: number } | null = null;
  const placeBefore = (at: number) => {
    if (at === placeAt) return placeFound;
    placeAt = at;
    placeFound = null;
    // Every place of 4, 3, then 2 characters before the tail: the longest believable one.
    for (let n = 4; n >= 2; n -= 1) {
      const start = at - n;
      const place = start >= 0 ? text.slice(start, at) : '';
      if (!PLACE_CHARS.test(place) || !plausiblePlace(place, text, start, index.places, options.isPlace)) continue;
      placeFound = { place, start };
      break;
    }
    return placeFound;
  };
  const bind = (entry: TermEntry, rank: number, at: number) => {
    const found = placeBefore(at);
    if (!found) return;
    const { place, start } = found;
    bound.push({ hit: { entry, zh: place + entry.tail, place, start, end: at + entry.tail!.length }, rank, at });
  };
  for (let at = 0; at + 1 < text.length; at += 1) {
    const tails = index.tailsByStart.get(pairAt(text, at));
    if (tails) for (const t of tails) if (text.startsWith(t.entry.tail!, at)) bind(t.entry, t.rank, at);
  }
  for (const t of index.shortTails)
    for (let at = text.indexOf(t.entry.tail!); at !== -1; at = text.indexOf(t.entry.tail!, at + 1))
      bind(t.entry, t.rank, at);
  for (const [rank, entry] of index.patterns.entries()) {
    if (entry.tail) continue;
    let re = GLOBAL.get(entry);
    if (!re) GLOBAL.set(entry, (re = new RegExp(entry.pattern!.source, 'gu')));
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (plausiblePlace(m[1], text, m.index!, index.places, options.isPlace))
        bound.push({
          hit: { entry, zh: m[0], place: m[1], start: m.index!, end: m.index! + m[0].length },
          rank,
          at: m.index!,
        });
    }
  }
  bound.sort((a, b) => a.rank - b.rank || a.at - b.at);
  for (const b of bound) candidates.push(b.hit);
  for (let at = 0; at < text.length; at += 1) {
    const two = at + 1 < text.length ? index.byStart.get(pairAt(text, at)) : undefined;
    if (two)
      for (const entry of two)
        if (text.startsWith(entry.zh, at))
          candidates.push({ entry, zh: entry.zh, place: null, start: at, end: at + entry.zh.length });
    const one = index.single.get(text.charCodeAt(at));
    if (one) for (const entry of one) candidates.push({ entry, zh: entry.zh, place: null, start: at, end: at + 1 });
  }
  // Exact rows beat pattern rows of the same span: a named body is more specific than the pattern.
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(a.entry.pattern !== null) - Number(b.entry.pattern !== null) ||
      a.start - b.start,
  );
  const taken: TermHit[] = [];
  // The characters hits already cover: a candidate overlapping any of them is left out.
  const covered = new Uint8Array(text.length);
  for (const c of candidates) {
    let free = true;
    for (let i = c.start; i < c.end && free; i += 1) free = covered[i] === 0;
    if (!free) continue;
    covered.fill(1, c.start, c.end);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}
