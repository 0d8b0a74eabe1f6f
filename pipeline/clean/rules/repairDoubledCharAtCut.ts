// At a page cut the last character is often set again at the top of the next column (扎实做好 / 好选干部).
import { HAN, type CleanDocument } from '../document.ts';
import { startsWithName } from '../../domain/surnames.ts';
import type { CleanRule } from './cleanRule.ts';
import { segmentWords, wordAt } from './cleanRule.ts';

export const repairDoubledCharAtCut: CleanRule = {
  id: 'doubled-char-at-cut',
  repair: true,
  apply(doc: CleanDocument) {
    for (const { left, right } of doc.joins) {
      const a = doc.text[left - 1];
      const b = doc.text[right];
      if (a !== b || !HAN.test(a)) continue;
      const pair = a + b;
      const context = doc.text.slice(Math.max(0, left - 12), left) + doc.text.slice(right, right + 12);
      const cut = Math.min(12, left);
      const words = segmentWords(context);
      const wa = wordAt(words, cut - 1);
      const wb = wordAt(words, cut);
      if (!wa || !wb) continue;
      const la = [...wa.segment].length;
      const lb = [...wb.segment].length;
      // 学习 / 习近平 at a cut: the second copy starts a name, so nothing is doubled.
      if (startsWithName(doc.text.slice(right, right + 8))) continue;
      // One side stands alone while the other belongs to a word (做好|好选, 扎实做|做好): the cut set it twice.
      if (
        wa !== wb &&
        ((la >= 2 && lb === 1 && wa.segment.endsWith(a)) || (la === 1 && lb >= 2 && wb.segment.startsWith(b)))
      ) {
        doc.propose({
          rule: 'doubled-char-at-cut',
          op: 'delete',
          start: right,
          end: right + 1,
          after: '',
          // Two pieces of evidence (the cut itself and the words on each side), unlike a double inside a line.
          confidence: 0.9,
          reason: `"${a}" repeated on both sides of a page cut`,
        });
      } else if (wa === wb || (la === 1 && lb === 1)) {
        doc.flag({
          rule: 'doubled-char-at-cut',
          start: right - 0,
          end: right + 1,
          suggestion: '',
          reason: `"${pair}" at a page cut: a repeated character or a reduplication`,
        });
      }
    }
  },
};
