// The label of the key-points box (核心提示), which opens the article's lead.
import type { LineRule } from './lineRule.ts';

export const leadLabel: LineRule = {
  id: 'lead-label',
  pass: 1,
  classify(content) {
    return /^[【\[]?(核心提示|内容提要|提要|导读|编者按)[】\]]?[:：]?$/u.test(content)
      ? { role: 'lead-label', reason: 'label of the key-points box' }
      : null;
  },
};
