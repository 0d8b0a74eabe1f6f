// Action plans: numbered items 一、… each with a heading and points (要…); deeper numbers （一）, 1., （1） nest under them
// in that order; the outermost numbering a plan uses is its top level.
import type { CleanLine, ItemSection, Section } from '../domain/types.ts';
import { itemNumber } from '../domain/chineseNumerals.ts';
import { makeSegment } from '../domain/segment.ts';

/** 一、 or 1. at the head of a line (the numbers of an item); （一） or （1） for sub-items. */
export const TOP_ITEM = /^(?:([一二三四五六七八九十]{1,3})、|(\d{1,2})[.．、](?!\d))/u;
export const SUB_ITEM = /^[（(](?:([一二三四五六七八九十]{1,3})|(\d{1,2}))[)）]/u;

/** The numbering styles of the genre, outermost first: 一、 （一） 1. （1）. */
const STYLES = [
  /^([一二三四五六七八九十]{1,3})、/u,
  /^[（(]([一二三四五六七八九十]{1,3})[)）]/u,
  /^(\d{1,2})[.．、](?!\d)/u,
  /^[（(](\d{1,2})[)）]/u,
];

/** The style rank of a numbered line, its marker and number; null when the line is not numbered (or 二三、 is not). */
function numbering(text: string): { rank: number; marker: string; number: number } | null {
  for (const [rank, style] of STYLES.entries()) {
    const m = style.exec(text);
    if (!m) continue;
    const number = itemNumber(m[1]);
    return number === null ? null : { rank, marker: m[0], number };
  }
  return null;
}

/** 一、压实防汛责任。各县区要…: a numbered paragraph whose first sentence is its heading. */
function inlineHeading(text: string): { heading: string; rest: string } {
  const head = /^[^。！？；]{2,40}[。；]/u.exec(text);
  return head ? { heading: head[0].slice(0, -1), rest: text.slice(head[0].length) } : { heading: text, rest: '' };
}

const numbered = (l: CleanLine) => (l.role === 'subhead' || l.role === 'body' ? numbering(l.text) : null);

/** The top level is the outermost numbering the plan uses: 一、 when there is any, else （一）, 1. or （1）. */
function topRankOf(lines: CleanLine[]): number {
  const ranks = lines.map(numbered).filter((n) => n !== null);
  return ranks.length > 0 ? Math.min(...ranks.map((n) => n.rank)) : 0;
}

/** How many lines open a top-level item (1. under 一、 do not). */
export function topLevelItemCount(lines: CleanLine[]): number {
  const topRank = topRankOf(lines);
  return lines.filter((l) => numbered(l)?.rank === topRank).length;
}

export function parseNumberedItems(lines: CleanLine[]): Section[] {
  const sections: Section[] = [];
  const topRank = topRankOf(lines);
  // Numbered paragraphs count as items when there are several of them (a notice's 一、…。 二、…。).
  const numberedBody = lines.filter((l) => l.role === 'body' && numbering(l.text)?.rank === topRank).length >= 2;
  // The open items, outermost first, with the rank of their numbering.
  let stack: { rank: number; item: ItemSection }[] = [];
  for (const line of lines) {
    const n = numbered(line);
    const isTop = n !== null && n.rank === topRank && (line.role === 'subhead' || numberedBody);
    if (n && (isTop || (n.rank !== topRank && stack.length > 0))) {
      const rest = line.text.slice(n.marker.length).trim();
      const { heading, rest: point } = line.role === 'body' ? inlineHeading(rest) : { heading: rest, rest: '' };
      const item: ItemSection = {
        kind: 'item',
        number: n.number,
        heading: makeSegment(heading),
        points: point ? [makeSegment(point)] : [],
        children: [],
      };
      if (isTop) {
        sections.push(item);
        stack = [{ rank: n.rank, item }];
      } else {
        while (stack.length > 1 && stack.at(-1)!.rank >= n.rank) stack.pop();
        stack.at(-1)!.item.children.push(item);
        stack.push({ rank: n.rank, item });
      }
    } else if (stack.length > 0 && line.role === 'body') {
      stack.at(-1)!.item.points.push(makeSegment(line.text));
    } else {
      sections.push({ kind: line.role === 'body' ? 'paragraph' : 'heading', text: makeSegment(line.text) });
    }
  }
  return sections;
}
