// Resolutions: a preamble (when, who attended, who presided, what was heard and adopted), then paragraphs led by 全会 +
// verb.
import type { CleanLine, Section } from '../domain/types.ts';
import { parseChineseNumber } from '../domain/chineseNumerals.ts';
import { makeSegment } from '../domain/segment.ts';

const VERBS =
  '一致认为|认为|强调|指出|提出|要求|决定|号召|充分肯定|高度评价|一致同意|同意|明确|号召|表示|坚持|部署|希望';
/** 全会还强调, 全会同时指出, 会议进一步要求: an adverb between the body and its verb. */
const ADVERBS = '还|同时|进一步|深刻|特别|再次|并|也|最后';
/** 全会强调 / 全会一致认为 / 全会对…作出…部署: the lead of a clause. */
export const CLAUSE_LEAD = new RegExp(
  String.raw`^(全会|会议|大会|全体会议)(?:${ADVERBS})?(?:(${VERBS})|(对[^，。]{1,40}?作出[^，。]{0,12}部署))`,
  'u',
);

export function parseResolutionClauses(lines: CleanLine[]): Section[] {
  const sections: Section[] = [];
  let inClauses = false;
  for (const line of lines) {
    if (line.role === 'headline' || line.role === 'subhead') {
      sections.push({ kind: 'heading', text: makeSegment(line.text) });
      continue;
    }
    const m = CLAUSE_LEAD.exec(line.text);
    if (m) {
      inClauses = true;
      sections.push({ kind: 'clause', lead: m[0], text: makeSegment(line.text) });
    } else if (!inClauses) {
      sections.push({ kind: 'preamble', text: makeSegment(line.text) });
    } else {
      sections.push({ kind: 'paragraph', text: makeSegment(line.text) });
    }
  }
  return sections;
}

/**
 * A report's sections: paragraphs and headings, and the meeting's evaluative paragraphs (全会指出, 会议强调) as clauses
 * with their leads, as in the resolution the meeting adopts; 会议听取了 / 会议研究了 report the agenda and stay paragraphs.
 * A commentary's paragraphs (`withClauses` false) are never clauses.
 */
export function parseReportSections(lines: CleanLine[], withClauses = true): Section[] {
  return lines.map((line): Section => {
    if (line.role !== 'body') return { kind: 'heading', text: makeSegment(line.text) };
    const m = withClauses ? CLAUSE_LEAD.exec(line.text) : null;
    return m
      ? { kind: 'clause', lead: m[0], text: makeSegment(line.text) }
      : { kind: 'paragraph', text: makeSegment(line.text) };
  });
}

/** Session and attendance from a resolution's title and preamble (十二届三次全会, 委员71名, 候补委员14名). */
export function parseMeeting(text: string): {
  meeting: { zh: string; body: string; term: number; session: number; en?: string | null } | null;
  attendance: { members: number | null; alternates: number | null } | null;
} {
  const cn = parseChineseNumber;
  let meeting = null;
  const short =
    /([\p{Script=Han}]{0,8}?(市委|区委|省委|县委|党委|中央))([一二三四五六七八九十]+)届([一二三四五六七八九十]+)中?次?全会/u.exec(
      text,
    );
  const long =
    /中国共产党([\p{Script=Han}]{0,10}?)第([一二三四五六七八九十]+)届(中央)?委员会第([一二三四五六七八九十]+)次全体会议/u.exec(
      text,
    );
  // Both numbers must be well formed (二三届 is a misprint, not a term).
  const ok = (m: RegExpExecArray | null, i: number, j: number): m is RegExpExecArray =>
    m !== null && Number.isInteger(cn(m[i])) && Number.isInteger(cn(m[j]));
  if (ok(long, 2, 4)) meeting = { zh: long[0], body: long[1] || '中央', term: cn(long[2]), session: cn(long[4]) };
  else if (ok(short, 3, 4)) meeting = { zh: short[0], body: short[1], term: cn(short[3]), session: cn(short[4]) };
  const members = /委员(\d+)名/u.exec(text);
  const alternates = /候补委员(\d+)名/u.exec(text);
  const attendance =
    members || alternates
      ? {
          members: members && !/候补$/u.test(text.slice(0, members.index)) ? Number(members[1]) : null,
          alternates: alternates ? Number(alternates[1]) : null,
        }
      : null;
  return { meeting, attendance };
}
