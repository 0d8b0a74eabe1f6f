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
  for (const person of article.people) {
    const en = person.en ?? renderPinyinName(person.name);
    for (const at of occurrences(zh, person.name))
      found.push({ zh: person.name, en, kind: 'person', start: at, end: at + person.name.length });
  }
  for (const place of article.places) {
    if (!place.en) continue;
    for (const at of occurrences(zh, place.zh))
      found.push({ zh: place.zh, en: place.en, kind: 'place', start: at, end: at + place.zh.length });
  }
  for (const figure of article.figures) {
    const en = figure.en ?? `${renderNumber(figure.value)}`;
    for (const at of occurrences(zh, figure.text))
      found.push({ zh: figure.text, en, kind: 'figure', start: at, end: at + figure.text.length });
  }
  const year = article.date ? Number(article.date.slice(0, 4)) : null;
  found.push(...datesIn(zh, year));

  // Longest first, then leftmost: what overlaps a longer entry is dropped.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found[] = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && f.end > k.start)) kept.push(f);
  kept.sort((a, b) => a.start - b.start);
  const out: KeyTerm[] = [];
  for (const { zh: z, en, kind } of kept)
    if (!out.some((o) => o.zh === z) && en && en !== z) out.push({ zh: z, en, kind });
  return out;
}
