// 本报讯(记者马明) / 新华社天津5月31日电（记者 …）at the head of a paragraph is metadata, not body text.
import type { CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

export const INLINE_BYLINE = /^(?:本报讯|本报消息|[\p{Script=Han}]{2,6}(?:社|报|网|台)[\p{Script=Han}]{0,8}\d{1,2}月\d{1,2}日(?:电|讯))\s*(?:[（(][^（()）]{0,40}[)）])?\s*/u;

export const extractInlineByline: CleanRule = {
  id: 'inline-byline',
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      if (line.role !== 'body') continue;
      const [s, e] = doc.trimmedRange(line);
      const m = INLINE_BYLINE.exec(doc.text.slice(s, e));
      if (!m || m[0].length === e - s) continue;
      doc.propose({ rule: 'inline-byline', op: 'extract', start: s, end: s + m[0].length, after: '', confidence: 0.95, reason: 'byline or dateline at the head of a paragraph moved to metadata' });
    }
  },
};
