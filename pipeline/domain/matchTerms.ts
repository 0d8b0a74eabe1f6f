// Longest-first matching of the term base on a text; pattern rows ({place}区委) bind the place they name.
import type { TermEntry } from './termBase.ts';

export interface TermHit {
  entry: TermEntry;
  zh: string;
  place: string | null;
  start: number;
  end: number;
}

/** Non-overlapping hits, longest first, then leftmost. */
/**
 * A {place} binding is believed when the term base knows the place or a larger place is named right before it
 * (天津市南开区委).
 */
function plausiblePlace(place: string, text: string, start: number, entries: TermEntry[]): boolean {
  if (/[市省区县委的和与在由并对及是为将把从完善推进加强]/u.test(place)) return false;
  if (/[市省]$/u.test(text.slice(Math.max(0, start - 1), start))) return true;
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

export function matchTerms(text: string, entries: TermEntry[]): TermHit[] {
  const candidates: TermHit[] = [];
  for (const entry of entries) {
    if (entry.pattern) {
      let re = GLOBAL.get(entry);
      if (!re) GLOBAL.set(entry, (re = new RegExp(entry.pattern.source, 'gu')));
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        if (plausiblePlace(m[1], text, m.index!, entries))
          candidates.push({ entry, zh: m[0], place: m[1], start: m.index!, end: m.index! + m[0].length });
      }
    } else if (entry.zh) {
      let at = text.indexOf(entry.zh);
      while (at !== -1) {
        candidates.push({ entry, zh: entry.zh, place: null, start: at, end: at + entry.zh.length });
        at = text.indexOf(entry.zh, at + 1);
      }
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
