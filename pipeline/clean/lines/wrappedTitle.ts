// A document's title wrapped over two or three headline lines on government sites and e-papers:
// 常州市推进低空经济 / 高质量发展三年行动方案 / （2025—2027年） is one title, not a kicker, a title and a subtitle.
import type { RawLine } from '../document.ts';
import { visibleContent } from './lineRule.ts';

/** The kinds of document a title names at its end. */
const DOCUMENT_KIND =
  /(方案|意见|通知|通告|公告|办法|规定|规划|计划|决定|决议|公报|条例|细则|纲要|报告|指引|措施|清单|要点)$/u;
/** （2025—2027年）, (2025年): the years a plan covers, set on a line of their own under its title. */
const YEAR_SPAN = /^[（(]\s*\d{4}\s*(?:年)?\s*(?:[—–\-~～至到]+\s*\d{4}\s*年?)?\s*[）)]$/u;
/** The issuing place or body a wrapped title starts with. */
const ISSUER = /^[\p{Script=Han}]{1,12}?(省|市|区|县|州|盟|旗|镇|乡|委|政府|办公室|办公厅|厅|局)/u;

/** Whether headline `next` continues the title on headline `line` rather than being a subtitle under it. */
export function continuesTitle(line: RawLine, next: RawLine): boolean {
  if (line.role !== 'headline' || next.role !== 'headline') return false;
  const first = visibleContent(line.text);
  const second = visibleContent(next.text);
  if (YEAR_SPAN.test(second)) return !/[）)]$/u.test(first);
  if (/[\s\u3000]/u.test(first + second) || /^[—–-]/u.test(second) || /[，。！？：；、]$/u.test(first)) return false;
  return (
    DOCUMENT_KIND.test(second) &&
    !DOCUMENT_KIND.test(first) &&
    ISSUER.test(first) &&
    [...first].length >= 6 &&
    [...first].length + [...second].length <= 60
  );
}

/** How many headline lines from `i` make one wrapped title: 1 (none), 2, or 3 (…加快建设 / 现代化… / 实施方案). */
export function wrappedTitleLines(lines: RawLine[], i: number): number {
  if (i + 1 < lines.length && continuesTitle(lines[i], lines[i + 1])) return 2;
  const run = lines.slice(i, i + 3);
  if (run.length < 3 || run.some((l) => l.role !== 'headline')) return 1;
  const texts = run.map((l) => visibleContent(l.text));
  if (texts.some((t) => /[\s\u3000]/u.test(t) || /^[—–-]/u.test(t) || /[，。！？：；、]$/u.test(t))) return 1;
  const [first, second, third] = texts;
  const fits =
    DOCUMENT_KIND.test(third) &&
    !DOCUMENT_KIND.test(first) &&
    !DOCUMENT_KIND.test(second) &&
    ISSUER.test(first) &&
    texts.join('').length <= 60;
  return fits ? 3 : 1;
}
