// What a commentary column looks like: a column name (今晚谈), the headline, then the writer's pen name.
import type { RawLine } from '../document.ts';
import { HAN_ONLY, SENTENCE_FINAL, visibleContent, WRITER_PREFIX } from './lineRule.ts';

export const short = (l: RawLine | undefined, max: number) =>
  l !== undefined &&
  l.role === 'body' &&
  [...visibleContent(l.text)].length <= max &&
  !SENTENCE_FINAL.test(visibleContent(l.text));
export const penNameShape = (l: RawLine | undefined) => {
  if (!l) return false;
  const c = visibleContent(l.text)
    .replace(WRITER_PREFIX, '')
    .replace(/^[■□]\s*/u, '');
  return HAN_ONLY.test(c) && [...c].length >= 2 && [...c].length <= 4;
};
export const startsBody = (l: RawLine | undefined) =>
  l !== undefined &&
  l.role === 'body' &&
  ([...visibleContent(l.text)].length > 40 || SENTENCE_FINAL.test(visibleContent(l.text))) &&
  !/^(本报讯|新华社|中新社)/u.test(visibleContent(l.text));
