// Spaces and no-break spaces between Chinese characters are copy debris in body text; Latin spacing stays.
import { CJK, type CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

const SPACES = /[ \t\u00a0\u3000\u2002-\u200b]+/gu;

export const removeSpacesInChineseText: CleanRule = {
  id: 'space-in-chinese',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      const [s, e] = doc.trimmedRange(line);
      const text = doc.text.slice(s, e);
      // Whether the text before a position is inside 《…》, read once along the line (a long line stays linear).
      let scanned = line.start;
      let inTitle = false;
      for (const m of text.matchAll(SPACES)) {
        const from = s + m.index!;
        const to = from + m[0].length;
        const prev = doc.charAfterEdits(from - 1) ?? '';
        const next = doc.charAfterEdits(to) ?? '';
        for (; scanned < from; scanned += 1) {
          if (doc.text[scanned] === '《') inTitle = true;
          else if (doc.text[scanned] === '》') inTitle = false;
        }
        // A space inside 《…》 separates the two halves of a document title: keep it.
        if (inTitle && !/[\u00a0\u2002-\u200b]/u.test(m[0])) continue;
        const betweenChinese = CJK.test(prev) && CJK.test(next);
        const exotic = /[\u00a0\u3000\u2002-\u200b]/u.test(m[0]);
        // In a headline a plain space stands for a line break or a 、 between two phrases: keep it.
        if (betweenChinese && (line.role === 'body' || exotic)) {
          doc.propose({
            rule: 'space-in-chinese',
            op: 'delete',
            start: from,
            end: to,
            after: '',
            confidence: 0.9,
            reason: 'space inside Chinese text',
          });
        } else if (exotic && (CJK.test(prev) || CJK.test(next))) {
          doc.propose({
            rule: 'space-in-chinese',
            op: 'delete',
            start: from,
            end: to,
            after: '',
            // Layout only; a space that could separate two names is held back by the repair review.
            confidence: 0.9,
            reason: 'no-break or wide space next to Chinese text',
          });
        } else if (exotic) {
          doc.propose({
            rule: 'space-in-chinese',
            op: 'replace',
            start: from,
            end: to,
            after: ' ',
            confidence: 0.9,
            reason: 'no-break or wide space in Latin text',
          });
        }
      }
    }
  },
};
