// Site furniture: share buttons, "latest" boxes, menus of section names after them.
import type { LineRule } from './lineRule.ts';
import { SENTENCE_FINAL } from './lineRule.ts';

const RELATED = /^(相关阅读|相关新闻|相关链接|推荐阅读|延伸阅读|猜你喜欢|热门推荐|热点推荐|最新推荐|点击排行)[:：]?$/u;
const FURNITURE =
  /^(【[^】]{1,14}】|最新推荐|相关阅读|相关新闻|相关链接|推荐阅读|热门推荐|热点推荐|延伸阅读|猜你喜欢|分享到[:：]?.*|【打印】.*|【关闭】.*|【[^】]{1,6}】(【[^】]{1,6}】)+|扫一扫.*|字号[:：]?.*|返回顶部|上一篇.*|下一篇.*|打印本页|关闭窗口|网站地图|版权所有.*|Copyright.*|©.*|点击排行|更多>*|阅读全文)$/i;
/** A menu: several short words side by side, no sentence punctuation. */
const MENU = /^(?:[\p{Script=Han}A-Za-z]{1,5}[ \t\u3000|｜]+){3,}[\p{Script=Han}A-Za-z]{1,5}$/u;

export const siteNavigation: LineRule = {
  id: 'site-navigation',
  pass: 1,
  classify(content, _line, context) {
    if (FURNITURE.test(content))
      return { role: 'debris', reason: 'site furniture (share, latest, print) copied with the page' };
    // A row of short words is a menu only where the page's furniture is: after debris, or with no text after it.
    const nearFurniture = (context.before[0] && context.before[0].role === 'debris') || context.tailIsShort;
    if (MENU.test(content) && nearFurniture) return { role: 'debris', reason: 'a menu of section names' };
    // After a navigation block, the single-word lines of the menu that follows are debris too.
    const prev = context.before[0];
    if (
      prev &&
      prev.role === 'debris' &&
      prev.roleRule === 'site-navigation' &&
      [...content].length <= 6 &&
      !SENTENCE_FINAL.test(content) &&
      !/[，,。]/.test(content)
    ) {
      return { role: 'debris', reason: 'menu entry under site navigation' };
    }
    // Under 相关阅读 come links: headline-like lines (no sentence end) until the text resumes.
    const header = context.before.find((l) => l.roleRule !== 'site-navigation' || RELATED.test(l.text.trim()));
    if (
      header &&
      RELATED.test(header.text.trim()) &&
      context.before.slice(0, context.before.indexOf(header)).every((l) => l.roleRule === 'site-navigation') &&
      [...content].length <= 50 &&
      !/[。！？]$/u.test(content)
    ) {
      return { role: 'debris', reason: 'related link under 相关阅读' };
    }
    return null;
  },
};
