// Notices and controls that e-paper readers and site templates print around an article: the full-page view's
// buttons (通版), browser-upgrade and app-download notices, copyright and registration footers, the browser's
// title bar (HEADLINE--CHANNEL--SITE), language switchers, ·-bulleted and run-together indexes of the edition.
import { PAPER_NAME, SITE_NAME } from '../../domain/lineVocabulary.ts';
import type { LineRule } from './lineRule.ts';

/** Controls of the full-page (通版) view: 通版阅读请点击, 展开通版, 收缩通版. */
const FULL_PAGE_VIEW = /^(?:(?:展开|收缩|收起|查看|打开)?通版(?:阅读)?(?:请点击|点击)?[:：]?|(?:展开|收缩|收起)通版)$/u;
/** A notice about the visitor's browser: its version, an upgrade, a kernel to install. */
const BROWSER_NOTICE = /浏览器.{0,20}(?:版本|升级|内核|兼容|推荐使用)|(?:升级|更换).{0,6}浏览器/u;
/** A promotion of the site's app: 下载XX新闻APP, 打开APP, 扫码下载客户端. */
const APP_PROMOTION =
  /^(?:[【\[]?(?:下载|打开|安装|扫码下载)[\p{Script=Han}A-Za-z]{0,10}(?:APP|App|app|客户端)[】\]]?[\s，,]*)+$/u;
/** Footers: copyright notices, the publisher, registration numbers (ICP备, 公网安备, 网站标识码), in any order. */
const FOOTER_MARK =
  /版权声明|版權聲明|版权所有|版權所有|主办[:：]|主辦[:：]|承办[:：]|承辦[:：]|ICP备|ICP證|ICP证|公网安备|网站标识码|網站標識碼|Copyright|©/iu;
/** Names of languages on a site's language switcher. */
const LANGUAGE_LINK =
  /(?:^|[\s|｜])(?:English|Русский|Русская версия|Français|Español|Deutsch|日本語|한국어|Português|العربية)(?=$|[\s|｜])/u;

/** HEADLINE--CHANNEL--SITE or HEADLINE_SITE: the browser's title bar, copied above the article. */
function browserTitle(content: string): boolean {
  const parts = content.split(/\s*(?:--|——|_)\s*/u);
  if (parts.length < 2 || parts.some((p) => p.length === 0)) return false;
  const site = parts.at(-1)!;
  const siteLike = SITE_NAME.test(site) || PAPER_NAME.test(site) || /^[\p{Script=Han}]{1,6}(网|频道)$/u.test(site);
  if (!siteLike) return false;
  // The channels between are short names; the headline comes first.
  return parts.slice(1, -1).every((p) => [...p].length <= 8) && [...parts[0]].length >= 4;
}

/** Several headlines side by side, separated by spaces and no punctuation: an index of the edition. */
function headlineIndex(content: string): boolean {
  if (/[，。！？；：,.!?;:、]/u.test(content)) return false;
  const segments = content.split(/[\s\u3000]+/u);
  return segments.length >= 4 && segments.every((s) => /^[\p{Script=Han}“”"《》\d]{5,24}$/u.test(s));
}

export const pageNotice: LineRule = {
  id: 'page-notice',
  pass: 1,
  classify(content, _line, context) {
    if (FULL_PAGE_VIEW.test(content)) return { role: 'debris', reason: 'control of the e-paper full-page view' };
    if (BROWSER_NOTICE.test(content) && [...content].length <= 80)
      return { role: 'debris', reason: "notice about the visitor's browser" };
    if (APP_PROMOTION.test(content)) return { role: 'debris', reason: "promotion of the site's app" };
    // A footer is a row of fields; only the copyright notice itself is a sentence (版权声明：凡注有…).
    const fields = !/[，。！？]/u.test(content) || /^(?:版权声明|版權聲明)[:：]/u.test(content);
    if (FOOTER_MARK.test(content) && fields && [...content].length <= 120)
      return { role: 'debris', reason: 'copyright or registration footer of the site' };
    if (LANGUAGE_LINK.test(content) && !/[，。！？]/u.test(content) && [...content].length <= 80)
      return { role: 'debris', reason: 'a row of site links with a language switcher' };
    if (browserTitle(content)) return { role: 'debris', reason: "the browser's title bar: headline, channel, site" };
    // ·-bulleted lines are other headlines of the edition, listed around the article.
    if (/^[·•・]\s*\S/u.test(content) && [...content].length <= 40 && !/[。！？]$/u.test(content))
      return { role: 'debris', reason: 'bulleted headline of another article of the edition' };
    // A menu letter-spaced to fill the bar (首  页 政 务 公 开): many single characters apart, no punctuation.
    const singles = content.split(/[\s\u3000]+/u).filter((w) => /^\p{Script=Han}$/u.test(w)).length;
    if (singles >= 8 && !/[，。！？；：,.!?;:]/u.test(content))
      return { role: 'debris', reason: 'letter-spaced menu of the site' };
    if (headlineIndex(content)) return { role: 'debris', reason: "run-together headlines: the edition's index" };
    // Keyword slogans of junk mirrors: short phrases joined by commas, above the article's text.
    const phrases = content.split(/[，,]/u);
    if (
      context.zone === 'head' &&
      phrases.length >= 3 &&
      !/[。！？；：:]/u.test(content) &&
      phrases.every((p) => /^[\p{Script=Han}A-Za-z]{2,16}$/u.test(p.trim())) &&
      phrases.slice(0, -1).every((p) => [...p.trim()].length <= 8)
    )
      return { role: 'debris', reason: 'comma-separated keyword slogan of a mirror site' };
    return null;
  },
};
