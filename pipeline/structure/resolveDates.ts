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
      if (offset > 0 && !/[，,（(于在自\s]/u.test(before)) continue; // 节日, 生日: not a date
    }
    const year = m[1] ? cnNumber(m[1]) : iy;
    const month = m[2] ? cnNumber(m[2]) : im;
    const day = cnNumber(m[3]);
    const kind = m[1] ? 'full' : m[2] ? 'month-day' : 'day';
    if (kind === 'full' && !m[2]) continue;
    out.push({ text: m[0], offset, iso: valid(year, month, day) ? isoDate(year, month, day) : null, kind });
  }
  return out;
}

/**
 * The issue date a text implies when no meta says it: a page-header or web timestamp; else the latest full date that is
 * not in the future of the others (targets such as 到2035年 are years, not dates); else the latest month-day in the
 * year the text names most.
 */
export function inferIssueDate(text: string): string | null {
  for (const stamp of text.matchAll(/(?<!\d)(20\d{2}|19\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gu)) {
    if (valid(Number(stamp[1]), Number(stamp[2]), Number(stamp[3])))
      return isoDate(Number(stamp[1]), Number(stamp[2]), Number(stamp[3]));
  }
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
