// Dates as the genre writes them: 2023年5月31日, 5月31日 (year of the issue), 31日 (month of the issue), 二〇二九年.
import { parseChineseNumber } from '../domain/chineseNumerals.ts';
const cnNumber = parseChineseNumber;

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function isValidIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  return m !== null && valid(Number(m[1]), Number(m[2]), Number(m[3]));
}

function valid(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export interface DateMention {
  text: string;
  offset: number;
  iso: string | null;
  /** full: year given; month-day: year from the issue; day: month and year from the issue; relative: 昨日. */
  kind: 'full' | 'month-day' | 'day' | 'relative';
}

const NUM = '[0-9]{1,4}|[〇零一二三四五六七八九十]{1,4}';
const DATE = new RegExp(String.raw`(?:(${NUM})年)?(?:(${NUM})月)?(${NUM})日|(昨日|昨天|前天|今天|今日)`, 'gu');

/** Every date in text, resolved against the issue date (YYYY-MM-DD) where it is partial. */
export function findDates(text: string, issueDate: string | null): DateMention[] {
  const [iy, im, id] = issueDate ? issueDate.split('-').map(Number) : [Number.NaN, Number.NaN, Number.NaN];
  const out: DateMention[] = [];
  for (const m of text.matchAll(DATE)) {
    const offset = m.index!;
    if (m[4]) {
      if (!issueDate) {
        out.push({ text: m[0], offset, iso: null, kind: 'relative' });
        continue;
      }
      const back = m[4].startsWith('昨') ? 1 : m[4] === '前天' ? 2 : 0;
      const d = new Date(Date.UTC(iy, im - 1, id - back));
      out.push({
        text: m[0],
        offset,
        iso: isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
        kind: 'relative',
      });
      continue;
    }
    const before = text[offset - 1] ?? '';
    if (!m[1] && !m[2]) {
      if (/[\d月至到-]/u.test(before)) continue; // 27日至28日: the second half of a range
      // 节日, 生日 are not dates; 市政府8日公布 is (Arabic digits), 30日内 and 每月15日 are not.
      const arabic = /^\d/u.test(m[3]);
      // 记者二十六日从…获悉: the reporter's day, in either script.
      if (
        offset > 0 &&
        !/[，,（(于在自\s。！？；]/u.test(before) &&
        !/记者$/u.test(text.slice(0, offset)) &&
        !(arabic && !/[每第个]$/u.test(text.slice(0, offset)))
      )
        continue;
      if (/^(内|以内|之内|以上|左右)/u.test(text.slice(offset + m[0].length))) continue;
    }
    const kind = m[1] ? 'full' : m[2] ? 'month-day' : 'day';
    if (kind === 'full' && !m[2]) continue;
    const iso =
      kind === 'full'
        ? checked(cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3]))
        : nearestToIssue(kind, m[2] ? cnNumber(m[2]) : im, cnNumber(m[3]), [iy, im, id]);
    out.push({ text: m[0], offset, iso, kind });
  }
  return out;
}

function checked(y: number, m: number, d: number): string | null {
  return valid(y, m, d) ? isoDate(y, m, d) : null;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * A partial date read as the one nearest the issue: 12月30日 in a paper of 2 January is last year's, 28日 in a paper of
 * 2 March is February's (reports look back; a plan's later date stays in the issue's year or month when it is nearer).
 */
function nearestToIssue(kind: 'month-day' | 'day', month: number, day: number, [iy, im, id]: number[]): string | null {
  if (Number.isNaN(iy)) return null;
  const issue = dayNumber(isoDate(iy, im, id));
  const candidates =
    kind === 'month-day'
      ? [iy - 1, iy, iy + 1].map((y) => checked(y, month, day))
      : [-1, 0, 1].map((k) => {
          const first = new Date(Date.UTC(iy, im - 1 + k, 1));
          return checked(first.getUTCFullYear(), first.getUTCMonth() + 1, day);
        });
  const valids = candidates.filter((c): c is string => c !== null);
  if (valids.length === 0) return null;
  return valids.reduce((a, b) => (Math.abs(dayNumber(b) - issue) < Math.abs(dayNumber(a) - issue) ? b : a));
}

/** Where an inferred issue date came from, strongest first. */
export type IssueDateEvidence = 'page-header' | 'posting-line' | 'timestamp' | 'text';

const WEEKDAY = /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[（(]?\s*(?:星期|周|礼拜)[一二三四五六日天]/u;
const FULL_DATE = /(?<!\d)(\d{4})(?:\s*年\s*|[-/.])(\d{1,2})(?:\s*月\s*|[-/.])(\d{1,2})(?!\d)/u;
/** A page line: 第A06版, 003版, or a paper's edition line. */
const PAGE_LINE = /第\s*[0-9A-Z０-９]{1,4}\s*版|(?<![\p{Script=Han}])[0-9A-Z]{1,4}\s*版(?![\p{Script=Han}])|版面|版次/u;
/** A posting line of a web copy: 来源：… 2024-03-01 16:13:19, 发布时间：…. */
const POSTING_LINE = /(来源|发布时间|发稿时间|时间|日期|发表于|更新时间)\s*[:：]/u;
const TIMESTAMP = /(?<!\d)(20\d{2}|19\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/u;
/** 12/28/2024 09:22:10: some portal templates write the month first. */
const MONTH_FIRST = /(?<!\d)(\d{1,2})\/(\d{1,2})\/(20\d{2})(?!\d)/u;
/** A site's clock, not the paper's: 今天是：2025年03月12日 星期三 欢迎访问…. */
const VISIT_DATE = /(今天是|今日是|今天|当前日期|现在是|欢迎访问|欢迎光临)/u;
/** A line that is nothing but a date (an e-paper's date line without its weekday). */
const DATE_ONLY = new RegExp(
  String.raw`^\s*(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})` +
    String.raw`(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$`,
  'u',
);
/** A government site's publication labels, letter-spaced or not (发布日期：…, 上 载 日 期 2025-07-17). */
const PUBLISHED_LABEL = new RegExp(
  String.raw`(?:发\s*布|上\s*载|公\s*开|发\s*稿)\s*(?:日\s*期|时\s*间)\s*[:：]?\s*` +
    String.raw`(\d{4})(?:\s*年\s*|[-/.])(\d{1,2})(?:\s*月\s*|[-/.])(\d{1,2})(?!\d)`,
  'u',
);
/** The date a document was signed (成文日期, 发文日期): the issue date only when no publication date is given. */
const WRITTEN_LABEL = new RegExp(
  String.raw`(?:成\s*文|发\s*文|印\s*发)\s*日\s*期\s*[:：]?\s*` +
    String.raw`(\d{4})(?:\s*年\s*|[-/.])(\d{1,2})(?:\s*月\s*|[-/.])(\d{1,2})(?!\d)`,
  'u',
);
/** Lines before the headline: a date line there is the page's; under a document it is the signature's. */
const HEADER_LINES = 6;

function isoOf(m: RegExpExecArray | null): string | null {
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return valid(y, mo, d) ? isoDate(y, mo, d) : null;
}

/** 2025年03月09日 or 2025-02-18 alone on a line, as [whole, year, month, day]. */
function dateOnly(line: string | undefined): RegExpExecArray | null {
  const m = line ? DATE_ONLY.exec(line) : null;
  if (!m) return null;
  const out = [m[0], m[1], m[2] ?? m[4], m[3] ?? m[5]] as unknown as RegExpExecArray;
  return out;
}

function monthFirst(line: string | undefined): string | null {
  const m = line ? MONTH_FIRST.exec(line) : null;
  return m ? checked(Number(m[3]), Number(m[1]), Number(m[2])) : null;
}

/** The first line of `lines` that `test` accepts and that holds a valid date matched by `date`. */
function firstDated(lines: string[], test: (line: string) => boolean, date: RegExp): string | null {
  for (const line of lines) {
    if (!test(line)) continue;
    const iso = isoOf(date.exec(line));
    if (iso) return iso;
  }
  return null;
}

/**
 * The issue date a text implies when no meta says it, with where it came from: an e-paper date line with its weekday
 * (2022年02月19日 星期六) or a page line (第A06版 … 2025年4月15日); else a web copy's posting line or timestamp; else the
 * text itself (see inferIssueDateFromText).
 */
export function findIssueDate(text: string): { iso: string; from: IssueDateEvidence } | null {
  // Header lines are short; a body paragraph that names a weekday is not the paper's date line.
  const lines = text.split('\n').filter((l) => l.trim() !== '' && [...l].length <= 80);
  // The page line (第1版：要闻 2024-10-19) is the edition's own; a weekday line elsewhere may be a visit-date widget.
  const header =
    firstDated(lines, (l) => PAGE_LINE.test(l) && !VISIT_DATE.test(l), FULL_DATE) ??
    firstDated(lines, (l) => WEEKDAY.test(l) && !VISIT_DATE.test(l), WEEKDAY) ??
    isoOf(dateOnly(lines.slice(0, HEADER_LINES).find((l) => DATE_ONLY.test(l))));
  if (header) return { iso: header, from: 'page-header' };
  const posting =
    firstDated(lines, (l) => PUBLISHED_LABEL.test(l), PUBLISHED_LABEL) ??
    firstDated(lines, (l) => POSTING_LINE.test(l), FULL_DATE) ??
    firstDated(lines, (l) => WRITTEN_LABEL.test(l), WRITTEN_LABEL) ??
    monthFirst(lines.find((l) => POSTING_LINE.test(l) && MONTH_FIRST.test(l)));
  if (posting) return { iso: posting, from: 'posting-line' };
  const stamp = isoOf(TIMESTAMP.exec(text));
  if (stamp) return { iso: stamp, from: 'timestamp' };
  const inferred = inferIssueDateFromText(text);
  return inferred ? { iso: inferred, from: 'text' } : null;
}

/** The issue date a text implies when no meta says it (findIssueDate without the evidence). */
export function inferIssueDate(text: string): string | null {
  return findIssueDate(text)?.iso ?? null;
}

/**
 * The issue date the body implies: the latest full date that is not in the future of the others (targets such as
 * 到2035年 are years, not dates); else the latest month-day in the year the text names most.
 */
function inferIssueDateFromText(text: string): string | null {
  const full = findDates(text, null)
    .filter((d) => d.kind === 'full' && d.iso)
    .map((d) => d.iso!)
    .sort();
  const years = [...text.matchAll(/(20\d{2})年(?!代)/gu)].map((m) => Number(m[1]));
  // Deadlines (6月1日前, 7月1日起) look ahead of the issue: they do not date it.
  const monthDays = [...text.matchAll(/(?<![年\d])(\d{1,2})月(\d{1,2})日(?!前|以前|之前|起|以后|后|至)/gu)].map(
    (m) => [Number(m[1]), Number(m[2])] as const,
  );
  const latestFull = full.at(-1) ?? null;
  if (monthDays.length > 0 && (years.length > 0 || latestFull)) {
    const counts = new Map<number, number>();
    for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
    const year = latestFull
      ? Number(latestFull.slice(0, 4))
      : [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
    const [mm, dd] = monthDays.reduce((a, b) => (b[0] * 40 + b[1] > a[0] * 40 + a[1] ? b : a));
    const candidate = isoDate(year, mm, dd);
    if (valid(year, mm, dd) && (!latestFull || candidate >= latestFull)) return candidate;
  }
  return latestFull;
}
