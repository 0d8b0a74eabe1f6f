// Action plans: numbered items 一、… each with a heading and points (要…); sub-items （一）… go in children.
import type { CleanLine, ItemSection, Section } from '../domain/types.ts';
import { itemNumber } from '../domain/chineseNumerals.ts';
import { makeSegment } from '../domain/segment.ts';

/** 一、 or 1. at the head of a line (the numbers of an item); （一） or （1） for sub-items. */
export const TOP_ITEM = /^(?:([一二三四五六七八九十]{1,3})、|(\d{1,2})[.．、](?!\d))/u;
export const SUB_ITEM = /^[（(](?:([一二三四五六七八九十]{1,3})|(\d{1,2}))[)）]/u;
const numberOf = (m: RegExpExecArray | null) => (m ? itemNumber(m[1] ?? m[2]) : null);

/** 一、压实防汛责任。各县区要…: a numbered paragraph whose first sentence is its heading. */
function inlineHeading(text: string): { heading: string; rest: string } {
  const head = /^[^。！？；]{2,40}[。；]/u.exec(text);
  return head ? { heading: head[0].slice(0, -1), rest: text.slice(head[0].length) } : { heading: text, rest: '' };
}

export function parseNumberedItems(lines: CleanLine[]): Section[] {
  const sections: Section[] = [];
  // Numbered paragraphs count as items when there are several of them (a notice's 一、…。 二、…。).
  const numberedBody = lines.filter((l) => l.role === 'body' && numberOf(TOP_ITEM.exec(l.text)) !== null).length >= 2;
  let item: ItemSection | null = null;
  let child: ItemSection | null = null;
  for (const line of lines) {
    const top = TOP_ITEM.exec(line.text);
    const sub = SUB_ITEM.exec(line.text);
    const topNumber = numberOf(top);
    const subNumber = numberOf(sub);
    if (top && topNumber !== null && (line.role === 'subhead' || (line.role === 'body' && numberedBody))) {
      const { heading, rest } =
        line.role === 'body'
          ? inlineHeading(line.text.slice(top[0].length).trim())
          : { heading: line.text.slice(top[0].length).trim(), rest: '' };
      item = {
        kind: 'item',
        number: topNumber,
        heading: makeSegment(heading),
        points: rest ? [makeSegment(rest)] : [],
        children: [],
      };
      child = null;
      sections.push(item);
    } else if (sub && subNumber !== null && item) {
      // （1）… as a heading of its own, or as a whole sentence: a numbered sub-item either way.
      // （1）推进设备更新改造。支持企业…: the first sentence is the heading, the rest its point.
      const rest = line.text.slice(sub[0].length).trim();
      const head = line.role === 'body' ? /^[^。！？；]{2,40}[。；]/u.exec(rest) : null;
      child = {
        kind: 'item',
        number: subNumber,
        heading: makeSegment(head ? head[0].slice(0, -1) : rest),
        points: [],
        children: [],
      };
      if (head && rest.length > head[0].length) child.points.push(makeSegment(rest.slice(head[0].length)));
      item.children.push(child);
    } else if (item && line.role === 'body') {
      (child ?? item).points.push(makeSegment(line.text));
    } else {
      sections.push({ kind: line.role === 'body' ? 'paragraph' : 'heading', text: makeSegment(line.text) });
    }
  }
  return sections;
}
