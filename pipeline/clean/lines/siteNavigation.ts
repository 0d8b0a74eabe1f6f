// Site navigation: share and print buttons, menus of section names, and the link lists under 相关阅读 or 标题导航.
import { LINK_LIST_HEADER, REPORT_OPENING } from '../../domain/lineVocabulary.ts';
import type { RawLine } from '../document.ts';
import { adoptionLine } from './adoptionLine.ts';
import { bylineLine } from './bylineLine.ts';
import { leadLabel } from './leadLabel.ts';
import { furnitureEvidence } from './furnitureEvidence.ts';
import type { LineContext, LineRule } from './lineRule.ts';
import { SENTENCE_FINAL, visibleContent } from './lineRule.ts';

/** Buttons that open a line of the page's furniture, whatever follows them (分享到：微信 微博, 扫一扫…). */
const BUTTON_ROW = new RegExp(
  [
    String.raw`^(分享到[:：]?.*|【打印】.*|【关闭】.*|【[^】]{1,6}】(【[^】]{1,6}】)+|扫一扫.*|字号[:：]?.*`,
    String.raw`返回顶部|打印本页|关闭窗口|网站地图|版权所有.*|Copyright.*|©.*|更多>*|阅读全文)$`,
  ].join('|'),
  'iu',
);
/** A menu: several short words side by side, no sentence punctuation. */
const MENU = /^(?:[\p{Script=Han}A-Za-z]{1,5}[ \t\u3000|｜]+){3,}[\p{Script=Han}A-Za-z]{1,5}$/u;

/** 相关阅读, 标题导航, 更 多: a header of links, letter-spaced or not. */
const isLinkListHeader = (content: string) => LINK_LIST_HEADER.test(content.replace(/[\s\u3000]+/gu, ''));

/** Where the article's text starts: a paragraph, a report's opening, a byline, an adoption line, a lead label. */
function startsText(line: RawLine | undefined, context: LineContext): boolean {
  if (!line) return false;
  const content = visibleContent(line.text);
  if (REPORT_OPENING.test(content) || bylineLine.classify(content, line, context)) return true;
  if (adoptionLine.classify(content, line, context) || leadLabel.classify(content, line, context)) return true;
  const evidence = furnitureEvidence(content);
  return evidence.sentenceLike && (SENTENCE_FINAL.test(content) || [...content].length > 50);
}

/** A line under a link-list header is a link: a headline-like line, until the text resumes. */
function linkUnderHeader(content: string, context: LineContext): string | null {
  let header: RawLine | undefined;
  for (const l of context.before) {
    if (isLinkListHeader(visibleContent(l.text))) {
      header = l;
      break;
    }
    if (l.roleRule !== 'site-navigation') return null;
  }
  if (!header || [...content].length > 50 || /[。！？]$/u.test(content)) return null;
  // The article's own title block: the line right above its text, or the title listed again below the links.
  const links = context.before.slice(0, context.before.indexOf(header)).map((l) => visibleContent(l.text));
  if (startsText(context.after[0], context) || links.includes(content)) return null;
  return `link listed under ${visibleContent(header.text)}`;
}

export const siteNavigation: LineRule = {
  id: 'site-navigation',
  pass: 1,
  classify(content, _line, context) {
    if (isLinkListHeader(content)) return { role: 'debris', reason: 'header of a list of links' };
    if (BUTTON_ROW.test(content))
      return { role: 'debris', reason: 'site furniture (share, print, font size) copied with the page' };
    // A row of short words is a menu only where the page's furniture is: after debris, or with no text after it.
    const nearFurniture = (context.before[0] && context.before[0].role === 'debris') || context.tailIsShort;
    if (MENU.test(content) && nearFurniture) return { role: 'debris', reason: 'a menu of section names' };
    // After a navigation block, the single-word lines of the menu that follows are debris too.
    const prev = context.before[0];
    if (
      prev &&
      prev.role === 'debris' &&
      prev.roleRule === 'site-navigation' &&
      !isLinkListHeader(visibleContent(prev.text)) &&
      [...content].length <= 6 &&
      !SENTENCE_FINAL.test(content) &&
      !/[，,。]/.test(content)
    ) {
      return { role: 'debris', reason: 'menu entry under site navigation' };
    }
    const link = linkUnderHeader(content, context);
    return link ? { role: 'debris', reason: link } : null;
  },
};
