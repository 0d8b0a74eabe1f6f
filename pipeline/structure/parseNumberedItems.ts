// Action plans: numbered items 一、… each with a heading and points (要…); sub-items （一）… go in children.
import type { CleanLine, ItemSection, Section } from '../types.ts';
import { makeSegment } from './segment.ts';

/** 一、 or 1. at the head of a line (the numbers of an item); （一） or （1） for sub-items. */
export const TOP_ITEM = /^(?:([一二三四五六七八九十]{1,3})、|(\d{1,2})[.．、](?!\d))/u;
export const SUB_ITEM = /^[（(](?:([一二三四五六七八九十]{1,3})|(\d{1,2}))[)）]/u;
const numberOf = (m: RegExpExecArray) => (m[1] ? chineseNumber(m[1]) : Number(m[2]));

export function chineseNumber(s: string): number {
  const d: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (!s.includes('十')) return d[s] ?? Number.NaN;
  const [a, b] = s.split('十');
  return (a ? d[a] : 1) * 10 + (b ? d[b] : 0);
}

export function parseNumberedItems(lines: CleanLine[]): Section[] {
  const sections: Section[] = [];
  let item: ItemSection | null = null;
  let child: ItemSection | null = null;
  for (const line of lines) {
    const top = TOP_ITEM.exec(line.text);
    const sub = SUB_ITEM.exec(line.text);
    if (top && line.role === 'subhead') {
      item = { kind: 'item', number: numberOf(top), heading: makeSegment(line.text.slice(top[0].length).trim()), points: [], children: [] };
      child = null;
      sections.push(item);
    } else if (sub && item) {
      // （1）… as a heading of its own, or as a whole sentence: a numbered sub-item either way.
      // （1）推进设备更新改造。支持企业…: the first sentence is the heading, the rest its point.
      const rest = line.text.slice(sub[0].length).trim();
      const head = line.role === 'body' ? /^[^。！？；]{2,40}[。；]/u.exec(rest) : null;
      child = { kind: 'item', number: numberOf(sub), heading: makeSegment(head ? head[0].slice(0, -1) : rest), points: [], children: [] };
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
