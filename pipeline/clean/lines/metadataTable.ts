// Government sites print a table of the document's metadata above it: 索 引 号, 发 布 机 构, 名  称, 上 载 日 期,
// labels letter-spaced to align the column; and attachment lines (附件：FILE.pdf) under it.
import { POSTING_LABELS } from '../../domain/lineVocabulary.ts';
import type { LineRule } from './lineRule.ts';

/** The line with letter spacing inside Chinese label words closed up: 发 布 机 构 → 发布机构. */
export function closeLetterSpacing(content: string): string {
  return content.replace(
    /(?<![\p{Script=Han}])\p{Script=Han}(?:[ \t\u3000]+\p{Script=Han}(?![\p{Script=Han}]))+/gu,
    (m) => m.replace(/[ \t\u3000]+/gu, ''),
  );
}

/** An attachment's file name: 附件：name.pdf, 附件1：name.docx. */
const ATTACHMENT = /^附件\s*\d{0,2}\s*[:：]\s*\S.{0,80}\.(?:pdf|docx?|xlsx?|wps|zip|rar|txt|ofd|jpg|png)$/iu;

export const metadataTable: LineRule = {
  id: 'metadata-table',
  pass: 1,
  classify(content) {
    if (ATTACHMENT.test(content)) return { role: 'source-line', reason: 'attachment line: metadata of the document' };
    // A label, letter-spaced or followed by wide spacing, opening the line; its value follows without a colon.
    const spaced =
      /^(\p{Script=Han}(?:[ \t\u3000]+\p{Script=Han})+|\p{Script=Han}{2,6}(?=[ \t\u3000]{2,}))[ \t\u3000]+\S/u.exec(
        content,
      );
    if (!spaced) return null;
    const label = spaced[1].replace(/[ \t\u3000]+/gu, '');
    if (!POSTING_LABELS.test(label)) return null;
    return { role: 'source-line', reason: `row of the document's metadata table (${label})` };
  },
};
