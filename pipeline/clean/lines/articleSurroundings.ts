// Furniture told by its place: a section name, a site's name or a short label above the article's headline block,
// between lines of page furniture, or below the article's text. Inside the text, the same words are text.
import { describeEvidence, furnitureEvidence } from './furnitureEvidence.ts';
import { isFurniture, startsText } from './articleShape.ts';
import { HEADLINE_MAX } from './headline.ts';
import type { RawLine } from '../document.ts';
import type { LineRule } from './lineRule.ts';
import { visibleContent } from './lineRule.ts';

/** Furniture that heads a page: its header, posting line, interface, breadcrumb. */
const PAGE_FURNITURE: ReadonlySet<string> = new Set(['page-header', 'source-line', 'reader-interface', 'breadcrumb']);
/** （委员手记）跨境通勤…: a column's name in brackets, then the headline. */
const COLUMN_PREFIX = /^([（(【\[]([\p{Script=Han}]{2,8})[）)】\]])\s*(.+)$/u;

/** A line of Chinese words, not of furniture: what a headline below the page's header would be. */
function looksLikeHeadline(line: RawLine): boolean {
  const evidence = furnitureEvidence(visibleContent(line.text));
  return evidence.share < 0.5 && evidence.textLength >= 4;
}

/** How many lines above an article's text its headline block may hold: kicker, headline, subtitle. */
export const HEADLINE_BLOCK = 3;

export const articleSurroundings: LineRule = {
  id: 'article-surroundings',
  pass: 2,
  classify(content, line, { before, after, zone, toText }) {
    if (line.role !== 'body') return null;
    // Up to the article's text: the headline shown twice (by the page's navigation, or after its column's name),
    // and page headers between a line and the headline block below it.
    const ahead = after.slice(0, Math.max(0, after.findIndex(startsText)));
    if (!/[，。！？；]/u.test(content) && [...content].length <= HEADLINE_MAX) {
      const again = ahead.find((l) => l.role === 'body' && visibleContent(l.text) === content);
      if (again) return { role: 'debris', reason: "the headline repeated by the page's navigation" };
      const prefixed = ahead.find(
        (l) => l.role === 'body' && COLUMN_PREFIX.exec(content)?.[3] === visibleContent(l.text),
      );
      if (prefixed) return { role: 'column-name', reason: "the headline after its column's name, shown again below" };
    }
    const evidence = furnitureEvidence(content);
    if (evidence.sentenceLike || evidence.length > 30 || evidence.length === 0) return null;
    const length = [...content].length;
    const named = evidence.tokens.some((t) => t.kind !== 'text' && t.kind !== 'punctuation');
    const facts = describeEvidence(evidence);
    // Right above the text is the headline's place: only a line of nothing but furniture is taken from it.
    const headlinePlace = toText === 0;
    if (zone !== 'body' && named && evidence.share >= (headlinePlace ? 1 : 0.5) && evidence.textLength <= 4) {
      const where = zone === 'head' ? "above the article's headline" : "below the article's text";
      if (!headlinePlace || evidence.tokens.every((t) => t.kind !== 'section'))
        return { role: 'debris', reason: `page furniture ${where} (${facts})` };
    }
    // A short line between two lines of furniture (or the page's start and furniture, if it names a site or a
    // section) belongs to them; right above the text it is the headline, with its posting line under it.
    const above = isFurniture(before[0]) || (before.length === 0 && named);
    if (above && isFurniture(after[0]) && !headlinePlace && length <= 8 && !/[，。！？、]/u.test(content))
      return { role: 'debris', reason: `short line between lines of page furniture (${facts})` };
    // Among the articles, a line of nothing but furniture (a date, a site's name, counters) that heads no text.
    if (zone === 'body' && named && !headlinePlace && evidence.share >= 0.8 && evidence.textLength === 0) {
      if (evidence.tokens.some((t) => t.kind !== 'section' && t.kind !== 'punctuation'))
        return { role: 'debris', reason: `page furniture between the articles (${facts})` };
    }
    const header = ahead.findIndex((l) => isFurniture(l) && PAGE_FURNITURE.has(l.roleRule ?? ''));
    const headlineBelow = ahead.slice(header + 1).some((l) => l.role === 'body' && looksLikeHeadline(l));
    if (zone === 'head' && header !== -1 && headlineBelow && length <= 20)
      return { role: 'debris', reason: "above the page's header, away from the article's headline block" };
    // Above the page's first text, a short line further up than a headline block is the page's, not the article's.
    if (zone === 'head' && toText >= HEADLINE_BLOCK && toText !== Number.POSITIVE_INFINITY && length <= 8)
      return { role: 'debris', reason: `short line above the headline block, ${toText} lines above the text` };
    return null;
  },
};
