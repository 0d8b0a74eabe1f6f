// Headlines, kickers and subheads: short lines of Chinese without sentence-final punctuation that do not continue a
// cut paragraph. Never a line of interface words, separators, counters or dates.
import { REPORT_OPENING } from '../../domain/lineVocabulary.ts';
import { REMOVED_ROLES } from '../document.ts';
import { furnitureEvidence } from './furnitureEvidence.ts';
import type { LineRule } from './lineRule.ts';
import { SENTENCE_FINAL, visibleContent } from './lineRule.ts';

export const HEADLINE_MAX = 50;
const LIST_ITEM = 'item of a list a paragraph announces with a colon';
/** 问：…, 答：…, 记者：…: a turn of a Q&A opens its own line; its first character repeats nothing. */
const SPEAKER_LABEL = /^(问|答|记者|主持人)\s*[:：]/u;

export const headline: LineRule = {
  id: 'headline',
  pass: 2,
  classify(content, line, { before, after }) {
    if (line.role !== 'body') return null;
    const length = [...content].length;
    if (length > HEADLINE_MAX || length === 0) return null;
    // A headline is Chinese words: a line made of furniture (dates, counters, codes, buttons) is none.
    const evidence = furnitureEvidence(content);
    if (evidence.share >= 0.8 && evidence.textLength === 0 && evidence.tokens.some((t) => t.kind !== 'section'))
      return null;
    if (evidence.kinds.has('date') && evidence.kinds.has('weekday')) return null; // a page's date line
    const next = after.find((l) => !REMOVED_ROLES.has(l.role) || l.role === 'byline');
    // Right above a byline or a report's opening (本报讯, …电) is a headline, whatever the line before it.
    const nextText = next ? visibleContent(next.text) : '';
    if (
      next &&
      (next.role === 'byline' || (next.role === 'body' && REPORT_OPENING.test(nextText))) &&
      length <= 40 &&
      !/[。？?；;，,、：:]$/u.test(content)
    )
      return { role: 'headline', reason: "short line right above a byline or a report's opening" };
    // After a paragraph that ends in a colon (具体步骤如下：), short lines are the items of the list it announces.
    const above = before.find((l) => !REMOVED_ROLES.has(l.role));
    const announces =
      above?.role === 'body' &&
      /[：:]$/u.test(visibleContent(above.text)) &&
      [...visibleContent(above.text)].length > 12;
    if ((announces || above?.roleReason === LIST_ITEM) && !/[。！？!?；;，,]$/u.test(content))
      return { role: 'subhead', reason: LIST_ITEM };
    const exclaims = /[！!]$/u.test(content) && length <= 30;
    if (SENTENCE_FINAL.test(content) && !(exclaims && (next?.role === 'byline' || before[0]?.role === 'headline')))
      return null;
    if (/[，,；;]/u.test(content) && length > 30) return null;
    // A comma inside a short line reads as a sentence cut short, unless a byline or headline follows it.
    if (/[，,；;]/u.test(content) && !/[！!]$/u.test(content) && next?.role === 'body') return null;
    if (/[，、,；;]$/u.test(content)) return null; // a clause that runs on: the paragraph was cut
    // A short line right after a body line that ends mid-sentence is the rest of a cut paragraph.
    const prev = before.find((l) => !REMOVED_ROLES.has(l.role));
    if (prev && prev.role === 'body' && !SENTENCE_FINAL.test(visibleContent(prev.text))) return null;
    // The first half of a cut paragraph: its last character set again at the top of the next line, or a
    // particle that never ends a headline.
    if (
      next &&
      next.role === 'body' &&
      !SPEAKER_LABEL.test(nextText) &&
      (nextText[0] === content[content.length - 1] || /[的和与及把被对在向从将并而或]$/u.test(content))
    )
      return null;
    if (!next) return { role: 'headline', reason: 'short line without final punctuation at the end' };
    return { role: 'headline', reason: 'short line without sentence-final punctuation' };
  },
};
