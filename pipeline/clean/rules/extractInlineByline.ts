// 本报讯(记者马明) / 新华社天津5月31日电（记者 …）at the head of a paragraph is metadata, not body text.
import { isPlausibleName } from '../../domain/surnames.ts';
import type { CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

export const INLINE_BYLINE =
  /^(?:本报讯|本报消息|[\p{Script=Han}]{1,6}(?:社|报|网|台)[\p{Script=Han}]{0,8}\d{1,2}月\d{1,2}日(?:电|讯))\s*(?:[（(][^（()）]{0,40}[)）])?\s*/u;
/** A reporter's sign-off at the end of the last paragraph: …。（记者 段思雨） */
export const TRAILING_BYLINE =
  /[（(]\s*(?:本报|新华社)?(?:特约)?(?:记者|通讯员)[\s:：]*[\p{Script=Han}·]{2,5}(?:[\s、，,]+(?:(?:记者|通讯员)[\s:：]*)?[\p{Script=Han}·]{2,5}){0,5}\s*[）)]$/u;

/** A byline glued to the end of the last paragraph without parentheses: …。本报记者 张三 李四. */
const GLUED_BYLINE =
  /(?<=[。！？”])\s*((?:本报|[\p{Script=Han}]{2,8}?(?:日报|晚报|报|社|网))?(?:全媒体|融媒体|全媒|融媒)?(?:见习|实习|首席)?(?:记者|通讯员|实习生)\s*([\p{Script=Han}·]{2,4}(?:\s+[\p{Script=Han}·]{2,4}){0,3}))$/u;

export const extractInlineByline: CleanRule = {
  id: 'inline-byline',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      if (line.role !== 'body') continue;
      const [s, e] = doc.trimmedRange(line);
      const text = doc.text.slice(s, e);
      const m = INLINE_BYLINE.exec(text);
      if (m && m[0].length < e - s) {
        doc.propose({
          rule: 'inline-byline',
          op: 'extract',
          start: s,
          end: s + m[0].length,
          after: '',
          confidence: 0.95,
          reason: 'byline or dateline at the head of a paragraph moved to metadata',
        });
      }
      const g = GLUED_BYLINE.exec(text);
      if (g && !TRAILING_BYLINE.test(text) && g[2].split(/\s+/u).every((n) => isPlausibleName(n))) {
        doc.propose({
          rule: 'inline-byline',
          op: 'extract',
          start: s + g.index,
          end: e,
          after: '',
          confidence: 0.9,
          reason: 'byline glued to the end of the last paragraph moved to metadata',
        });
        continue;
      }
      const t = TRAILING_BYLINE.exec(text);
      if (t && t.index > 0 && /[。！？”]$/u.test(text.slice(0, t.index).trimEnd())) {
        doc.propose({
          rule: 'inline-byline',
          op: 'extract',
          start: s + t.index,
          end: e,
          after: '',
          confidence: 0.9,
          reason: 'reporter sign-off at the end of a paragraph moved to metadata',
        });
      }
    }
  },
};
