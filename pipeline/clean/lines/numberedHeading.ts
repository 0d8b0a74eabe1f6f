// 一、实施…行动 / （二）… : numbered headings inside an article, never the start of a new one.
import type { LineRule } from './lineRule.ts';
import { SENTENCE_FINAL } from './lineRule.ts';

export const NUMBERED = /^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d))/u;

export const numberedHeading: LineRule = {
  id: 'numbered-heading',
  pass: 2,
  classify(content) {
    if (
      NUMBERED.test(content) &&
      [...content].length <= 45 &&
      !SENTENCE_FINAL.test(content) &&
      !/[，,；;]/.test(content)
    ) {
      return { role: 'subhead', reason: 'numbered heading' };
    }
    return null;
  },
};
