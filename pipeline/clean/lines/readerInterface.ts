// The reader's interface copied with the page: font-size widgets (放大 缩小 默认), buttons (返回该版首页, 分享到,
// 评论), counters (本文字数：356, 新闻点击), links to the neighbouring article (上一篇：…), a site's Latin code.
import { NEIGHBOUR_LINK, SITE_GREETING } from '../../domain/lineVocabulary.ts';
import { describeEvidence, furnitureEvidence, type TokenKind } from './furnitureEvidence.ts';
import type { LineRule } from './lineRule.ts';

/** （下转A2版）, (上接第一版): where a story jumps to or comes from. */
const JUMP_LINE =
  /^[（(]?\s*(?:下转|上接|转|接|续)\s*(?:第\s*)?(?:[A-Z]?\s*\d{1,3}|[一二三四五六七八九十]{1,3})\s*版\s*[）)]?$/u;
const MARKUP = /<!--|-->|<\/?[a-z][a-z0-9]*[\s>/]|&(?:nbsp|amp|lt|gt|quot);|\b[\w-]+\.(?:s?html?|jsp|php|aspx?)\b/iu;

/** Kinds that only a reader's interface prints; section and site names alone are left to the line's position. */
const INTERFACE_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>(['interface', 'label', 'counter', 'edition']);
const WORD_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>(['interface', 'label', 'edition']);

export const readerInterface: LineRule = {
  id: 'reader-interface',
  pass: 1,
  classify(content) {
    const link = NEIGHBOUR_LINK.exec(content);
    if (link) {
      const title = content.slice(link[0].length).trim();
      // 上一篇：<a headline>, never a sentence that happens to start so.
      if ([...title].length <= 60 && !/[。]$/u.test(title) && !/[，,].*[，,]/u.test(title))
        return { role: 'debris', reason: `link to the neighbouring article (${link[1]})` };
    }
    if (SITE_GREETING.test(content) && [...content].length <= 60 && !/。/u.test(content))
      return { role: 'debris', reason: "the site's greeting or the visitor's date" };
    if (JUMP_LINE.test(content)) return { role: 'debris', reason: 'jump line to the page where the article goes on' };
    // Template code copied with the text: an HTML comment, a page's file name, an entity; never in a sentence.
    if (MARKUP.test(content) && !/[，。！？]/u.test(content))
      return { role: 'debris', reason: 'template code of the page copied with the text' };
    if (/^[A-Za-z][A-Za-z0-9_-]{1,15}$/u.test(content) || /^(https?:\/\/|www\.)\S+$/iu.test(content))
      return { role: 'debris', reason: "a site's code or address alone on a line" };
    const evidence = furnitureEvidence(content);
    if (evidence.sentenceLike || evidence.length > 60 || evidence.share < 0.8) return null;
    // A bare number is a photo's or a page's id; numbers with a unit (（2025—2027年）) are text.
    const interfaceKinds = evidence.textLength === 0 ? INTERFACE_KINDS : WORD_KINDS;
    if (!evidence.tokens.some((t) => interfaceKinds.has(t.kind))) return null;
    return { role: 'debris', reason: `reader interface of the page (${describeEvidence(evidence)})` };
  },
};
