// What a pending paragraph is about, for a reader who has no translation yet: the English of the terms, bodies,
// titles, people, places, figures and dates it holds, in the order they stand. Help, never a translation.
import type { TermHit } from '../domain/matchTerms.ts';
import type { Article, KeyTerm, Segment } from '../domain/types.ts';
import { renderDate, renderNumber } from './renderNumbers.ts';
import { renderPinyinName } from './renderPinyinName.ts';

interface Found extends KeyTerm {
  start: number;
  end: number;
}

const ZH_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** Dates as agencies write them: 2024年5月31日 → May 31, 2024; 5月31日 → May 31 (with the article's year); 二〇三五年 → 2035. */
function datesIn(zh: string, year: number | null): Found[] {
  const out: Found[] = [];
  const re = /(?:(\d{4}|[〇零一二三四五六七八九]{4})年)?(?:(\d{1,2})月(?:(\d{1,2})日)?)?/gu;
  for (const m of zh.matchAll(re)) {
    if (!m[0] || (!m[1] && !m[3])) continue;
    const y = m[1] ? Number([...m[1]].map((c) => ZH_DIGITS[c] ?? c).join('')) : year;
    const month = m[2] ? Number(m[2]) : null;
    const day = m[3] ? Number(m[3]) : null;
    if ((month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) continue;
    const en =
      month && day
        ? y
          ? renderDate(`${y}-${month}-${day}`)
          : renderDate(`2000-${month}-${day}`).replace(/, 2000$/u, '')
        : month && y
          ? `${renderDate(`${y}-${month}-1`).replace(/ 1, /u, ' ')}`
          : String(y);
    out.push({ zh: m[0], en, kind: 'date', start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

const KIND_OF_ENTRY: Record<string, KeyTerm['kind']> = {
  place: 'place',
  body: 'body',
  institution: 'body',
  title: 'title',
};

/**
 * Key terms of one segment, left to right, each once; an entry inside a longer one (市委 in 市委书记, 502 in
 * 502亿元) gives way to it.
 */
export function keyTermsOf(segment: Segment, article: Article, hits: readonly (TermHit & { en: string })[]): KeyTerm[] {
  const zh = segment.zh;
  const found: Found[] = [];
  for (const h of hits)
    found.push({ zh: h.zh, en: h.en, kind: KIND_OF_ENTRY[h.entry.kind] ?? 'term', start: h.start, end: h.end });
  // Each distinct name, place and figure is searched once (a long page repeats them thousands of times).
  const needles = new Map<string, { en: string | null; kind: KeyTerm['kind'] }>();
  for (const person of article.people)
    if (!needles.has(person.name))
      needles.set(person.name, { en: person.en ?? renderPinyinName(person.name), kind: 'person' });
  for (const place of article.places)
    if (place.en && !needles.has(place.zh)) needles.set(place.zh, { en: place.en, kind: 'place' });
  for (const figure of article.figures)
    if (!needles.has(figure.text))
      needles.set(figure.text, { en: figure.en ?? `${renderNumber(figure.value)}`, kind: 'figure' });
  for (const [needle, { en, kind }] of needles)
    if (en)
      for (const at of occurrences(zh, needle))
        found.push({ zh: needle, en, kind, start: at, end: at + needle.length });
  const year = article.date ? Number(article.date.slice(0, 4)) : null;
  found.push(...datesIn(zh, year));

  // Longest first, then leftmost: what overlaps a longer entry is dropped.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Characters already claimed by a longer entry: linear in the segment, however many entries it holds.
  const taken = new Uint8Array(zh.length);
  const kept: Found[] = [];
  for (const f of found) {
    let free = true;
    for (let i = f.start; i < f.end && free; i += 1) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, f.start, f.end);
    kept.push(f);
  }
  kept.sort((a, b) => a.start - b.start);
  const out: KeyTerm[] = [];
  const seen = new Set<string>();
  for (const { zh: z, en, kind } of kept) {
    if (seen.has(z) || !en || en === z) continue;
    seen.add(z);
    out.push({ zh: z, en, kind });
  }
  return out;
}
