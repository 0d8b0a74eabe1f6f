// Bylines on their own line: ■ 本报记者 徐丽 孟若冰, ■ 通讯员 …, (文 张盐), 文/张三, 新华社…电.
import { isPlausibleName } from '../../domain/surnames.ts';
import type { LineRule } from './lineRule.ts';
import { SENTENCE_FINAL, visibleContent } from './lineRule.ts';

/** Parenthesised words under a text that are not names (待续, 全文完). */
const NOT_A_NAME = /^(待续|未完|全文完|未完待续|续完|图文|供稿|综合)$/u;

const NAMES = String.raw`[\p{Script=Han}·]{2,5}(?:[\s、，,]+[\p{Script=Han}·]{2,5}){0,5}`;
/** Who the reporter writes for and how: 本报, 湖南日报全媒体, 融媒体, 首席, 见习. */
const DESK = [
  // Two media of one group joined by a hyphen: 华西都市报-封面新闻记者.
  String.raw`(?:[\p{Script=Han}]{2,8}?(?:报|台|网|社)[-－—]+[\p{Script=Han}]{2,6}?(?:新闻|报|台|网))?`,
  String.raw`(?:本报|本台|本刊|[\p{Script=Han}]{2,8}?(?:日报|晚报|报|台|网|社))?`,
  String.raw`(?:融媒体|全媒体|融媒|全媒|新媒体)?`,
  String.raw`(?:首席|特约|实习|见习|驻[\p{Script=Han}]{1,4})?`,
].join('');
const REPORTERS = new RegExp(
  String.raw`^[■□●◆▲]?\s*(?:${DESK}(?:记者|通讯员|评论员|实习生)[\s:：]*${NAMES}\s*)+(?:[\p{Script=Han}]{0,4}报道|整理)?$`,
  'u',
);
/** Letter-spaced role words of e-paper layouts: 通 讯 员, 记 者. */
const SPACED_ROLE =
  /记[\s\u3000]+者|通[\s\u3000]+讯[\s\u3000]+员|评[\s\u3000]+论[\s\u3000]+员|实[\s\u3000]+习[\s\u3000]+生/gu;

/** The line with letter-spaced role words closed up (■通 讯 员 蔡明远 → ■通讯员 蔡明远). */
export function closeSpacedRoles(content: string): string {
  return content.replace(SPACED_ROLE, (m) => m.replace(/[\s\u3000]+/gu, ''));
}
const WRITER = new RegExp(
  String.raw`^[（(]\s*(?:文|图|文\/图|文图|撰文|作者)[\s/／:：]*${NAMES}\s*[）)]$|^(?:文|文\/图|作者|本版撰文|撰文)\s*[/／:：]\s*${NAMES}$`,
  'u',
);
const CREDITED = String.raw`(?:本报|新华社)?(?:记者|通讯员)[\s:：]*${NAMES}`;
const COMPILED = new RegExp(
  String.raw`^[（(]\s*(?:本报|新华社)?(?:特约)?(?:记者|通讯员)[\s:：]*${NAMES}(?:\s*${CREDITED})*\s*(?:整理|报道)?\s*[）)]$`,
  'u',
);
const DAY = String.raw`(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日`;
/** 中新社西安十一月二十六日电 题：…: an agency's dateline, with the title it files under; a mirror's domain may precede. */
const DATELINE = new RegExp(
  String.raw`^(?:[A-Za-z0-9.-]+\.[a-z]{2,6}\s*)?(新华社|中新社|中新网|人民网|央视网|本报)[\p{Script=Han}]{0,8}${DAY}(电|讯)` +
    String.raw`(\s*[（(][^）)]{1,30}[）)])?(\s*题[:：]\s*[^。]{2,60})?$`,
  'u',
);

/** The first word after the last role word is a person's name (记者核实 is no reporter called 核实). */
function reportersNamed(content: string): boolean {
  const after = /(?:记者|通讯员|评论员|实习生)[\s:：]*([\p{Script=Han}·]{2,5})/u.exec(content);
  if (!after) return false;
  const name = after[1];
  return [2, 3, 4].some((n) => [...name].length >= n && isPlausibleName([...name].slice(0, n).join('')));
}

export const bylineLine: LineRule = {
  id: 'byline-line',
  pass: 1,
  classify(raw, _line, context) {
    const content = closeSpacedRoles(raw);
    // （亓晓雯） under the last paragraph: the reporter's sign-off, not a heading.
    const signed = /^[（(]\s*([\p{Script=Han}]{2,4}(?:[\s、，,]+[\p{Script=Han}]{2,4}){0,3})\s*[）)]$/u.exec(content);
    const prev = context?.before[0];
    if (
      signed &&
      signed[1].split(/[\s、，,]+/u).every((n) => isPlausibleName(n) && !NOT_A_NAME.test(n)) &&
      prev &&
      SENTENCE_FINAL.test(visibleContent(prev.text))
    )
      return { role: 'byline', reason: "reporter's sign-off under the last paragraph" };
    if (DATELINE.test(content)) return { role: 'byline', reason: 'dateline on its own line' };
    if (/^[■□●]?\s*(本报|本刊|新华社|人民日报)?(特约)?评论员(文章)?$/u.test(content))
      return { role: 'byline', reason: 'commentator signature' };
    // 文/本报记者 张三: a writer's credit whose value is a reporters' byline.
    const writer = /^(?:文|文\/图|图\/文)\s*[/／:：]\s*/u.exec(content);
    if (writer && REPORTERS.test(content.slice(writer[0].length)) && reportersNamed(content.slice(writer[0].length)))
      return { role: 'byline', reason: "writer's credit naming the reporters" };
    if ((REPORTERS.test(content) && reportersNamed(content)) || WRITER.test(content) || COMPILED.test(content))
      return { role: 'byline', reason: 'byline on its own line' };
    return null;
  },
};
