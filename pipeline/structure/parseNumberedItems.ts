// Action plans: numbered items 一、… each with a heading and points (要…); sub-items （一）… go in children.
import type { CleanLine, ItemSection, Section } from '../types.ts';
import { makeSegment } from './segment.ts';

export const TOP_ITEM = /^([一二三四五六七八九十]{1,3})、/u;
export const SUB_ITEM = /^[（(]([一二三四五六七八九十]{1,3})[)）]/u;

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
      item = { kind: 'item', number: chineseNumber(top[1]), heading: makeSegment(line.text.slice(top[0].length)), points: [], children: [] };
      child = null;
      sections.push(item);
    } else if (sub && item && line.role === 'subhead') {
      child = { kind: 'item', number: chineseNumber(sub[1]), heading: makeSegment(line.text.slice(sub[0].length)), points: [], children: [] };
      item.children.push(child);
    } else if (item && line.role === 'body') {
      (child ?? item).points.push(makeSegment(line.text));
    } else {
      sections.push({ kind: line.role === 'body' ? 'paragraph' : 'heading', text: makeSegment(line.text) });
    }
  }
  return sections;
}
