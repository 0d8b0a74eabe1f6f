// A body paragraph that stops without sentence-final punctuation was cut by a page or column break: join it.
import type { CleanDocument, RawLine } from '../document.ts';
import { NUMBERED } from '../lines/numberedHeading.ts';
import { SENTENCE_FINAL, visibleContent } from '../lines/lineRule.ts';
import type { CleanRule } from './cleanRule.ts';
import { CONTROL_SEQUENCE } from './removeControlCharacters.ts';

/** Whether a line ends its sentence; a stray control character after the 。 (a BEL) does not hide the ending. */
export function endsSentence(text: string): boolean {
  return SENTENCE_FINAL.test(visibleContent(text.replace(CONTROL_SEQUENCE, '')));
}

export const joinPageBreaks: CleanRule = {
  id: 'join-page-break',
  repair: true,
  apply(doc: CleanDocument) {
    const kept = doc.keptLines();
    for (let i = 0; i + 1 < kept.length; i += 1) {
      const left: RawLine = kept[i];
      const right: RawLine = kept[i + 1];
      if (left.role !== 'body' || right.role !== 'body' || endsSentence(left.text)) continue;
      const [, leftEnd] = doc.trimmedRange(left);
      const [rightStart] = doc.trimmedRange(right);
      const rightText = visibleContent(right.text.replace(CONTROL_SEQUENCE, ''));
      if (NUMBERED.test(rightText) || /^[一二三四五六七八九十]是/u.test(rightText)) {
        doc.flag({
          rule: 'join-page-break',
          start: leftEnd,
          end: rightStart,
          suggestion: null,
          reason: 'paragraph ends without final punctuation before a numbered point: not joined',
        });
        continue;
      }
      const gaps = doc.gaps(leftEnd, rightStart);
      gaps.forEach(([from, to]) => {
        doc.propose({
          rule: 'join-page-break',
          op: 'join',
          start: from,
          end: to,
          after: '',
          confidence: 0.9,
          reason: 'body paragraph ends without sentence-final punctuation: cut by a page or column break',
        });
      });
      doc.joins.push({ left: leftEnd, right: rightStart });
    }
  },
};
