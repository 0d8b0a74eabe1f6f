// The date of the event an article reports: the adoption line, a signature, the agency's or the paper's dateline,
// 昨天/今天 against the issue date; never a date after the issue (a meeting planned for later is not the event).
import { findDates, isValidIsoDate, type DateMention } from './resolveDates.ts';

export interface EventDateInput {
  /** （2024年12月29日…通过） under a resolution's title. */
  adoption: string | null;
  /** The 核心提示 box. */
  lead: string | null;
  /** Body paragraphs in order (only the first few are read). */
  paragraphs: string[];
  /** The byline as written (新华社南昌12月20日电…). */
  byline: string | null;
  /** A document's signature block (兰州市人民政府办公室 / 2025年5月26日). */
  signature: string;
  issueDate: string | null;
}

export interface EventDate {
  mention: DateMention;
  /** Which evidence gave it. */
  from: 'adoption-line' | 'signature' | 'agency-dateline' | 'dateline' | 'opening';
}

/** Words after a date that make it a deadline or a start (6月1日前, 7月1日起), not the day something happened. */
const LOOKS_AHEAD = /^(前|以前|之前|以后|后|截止|止)/u;
/** 26日至27日, 28日—29日: the event ran to the range's end. */
const RANGE_END = /^(?:至|到|—|－|-|~|～)(?:(\d{1,2})月)?(\d{1,2})日/u;
/** Words before a date that make it a target or a cut-off (到5月底, 截至3月1日, 计划于…). */
const POINTS_AHEAD = /(截至|截止|到|至|计划于|将于|拟于|定于|预计)$/u;
/** What may stand between a dateline's date and its comma: the time of day (昨天下午，5月15日上午10时，今天一早，). */
const DATELINE_TAIL =
  /^(上午|下午|晚上|晚间|晚|早上|早晨|清晨|一早|凌晨|中午|傍晚|夜间|夜里)?(\d{1,2}时(\d{1,2}分)?(许)?)?[，,]/u;
/** 日前 / 近日 open a report whose day the paper does not give. */
const UNDATED_OPENING = /^(日前|近日|近期|前不久|不久前|此前|近年来|近年)[，,]/u;

function notAfterIssue(d: DateMention, issueDate: string | null): boolean {
  return d.iso !== null && (issueDate === null || d.iso <= issueDate);
}

/** A dateline: a date (or 昨天/今天) that opens a sentence and is followed by a comma (24日，市委召开…). */
function isDateline(d: DateMention, paragraph: string): boolean {
  const before = paragraph.slice(0, d.offset);
  return (
    DATELINE_TAIL.test(paragraph.slice(d.offset + d.text.length)) &&
    (before === '' || /([。！？；）)]|电|讯)\s*$/u.test(before) || /^\s+$/u.test(before))
  );
}

export function eventDateOf(input: EventDateInput): EventDate | null {
  const { issueDate } = input;
  const ok = (d: DateMention | undefined) => (d && notAfterIssue(d, issueDate) ? d : undefined);
  if (input.adoption) {
    const d = ok(findDates(input.adoption, issueDate)[0]);
    if (d) return { mention: d, from: 'adoption-line' };
  }
  const signed = ok(findDates(input.signature, issueDate).find((d) => d.kind === 'full'));
  if (signed) return { mention: signed, from: 'signature' };
  // 新华社南昌12月20日电: the agency's dateline dates the report.
  const wire = /((?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)电/u.exec(
    input.byline ?? '',
  );
  const agency = wire ? ok(findDates(wire[1], issueDate)[0]) : undefined;
  if (agency) return { mention: agency, from: 'agency-dateline' };
  const opening = [input.lead ?? '', ...input.paragraphs.slice(0, 2)].filter(Boolean);
  for (const paragraph of opening) {
    const dateline = findDates(paragraph, issueDate).find((d) => isDateline(d, paragraph) && ok(d));
    if (dateline) return { mention: dateline, from: 'dateline' };
  }
  const first = input.paragraphs[0] ?? '';
  if (UNDATED_OPENING.test(first.replace(/^[^，,。]*?(?:[）)]|本报讯|电)\s*/u, ''))) return null;
  for (const paragraph of opening) {
    const near = findDates(paragraph, issueDate).find(
      (d) =>
        d.offset < 60 &&
        // 记者昨天从…获悉: a relative date near the start; 今天是…节 names the day, not an event.
        (d.kind !== 'relative' || (d.offset < 30 && !/^(是|的)/u.test(paragraph.slice(d.offset + d.text.length)))) &&
        ok(d) &&
        !LOOKS_AHEAD.test(paragraph.slice(d.offset + d.text.length)) &&
        !POINTS_AHEAD.test(paragraph.slice(0, d.offset)),
    );
    if (near) return { mention: rangeEnd(near, paragraph, issueDate), from: 'opening' };
  }
  return null;
}

/** The last day of a range that opens with `d` (于2024年12月26日至27日召开 → 27日), when it is not after the issue. */
function rangeEnd(d: DateMention, paragraph: string, issueDate: string | null): DateMention {
  const m = RANGE_END.exec(paragraph.slice(d.offset + d.text.length));
  if (!m || !d.iso) return d;
  const [y, mo] = d.iso.split('-');
  const end = `${y}-${(m[1] ?? mo).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  const ok = isValidIsoDate(end) && end >= d.iso && (issueDate === null || end <= issueDate);
  return ok ? { ...d, text: d.text + m[0], iso: end } : d;
}

/** Dates after the issue that the opening names (a meeting planned for later): reported so a reader sees why not. */
export function laterThanIssue(input: EventDateInput): DateMention[] {
  if (!input.issueDate) return [];
  return [input.adoption ?? '', input.lead ?? '', ...input.paragraphs.slice(0, 2)]
    .flatMap((p) => findDates(p, input.issueDate))
    .filter((d) => d.iso !== null && d.iso > input.issueDate!);
}
