// A column name (今晚谈) above a headline and a pen name.
import { BRIEFS_COLUMN } from '../../domain/lineVocabulary.ts';
import type { LineRule } from './lineRule.ts';
import { HAN_ONLY, SENTENCE_FINAL, visibleContent } from './lineRule.ts';
import { penNameShape, short, startsBody } from './commentaryLines.ts';

/** Labels of a column of news briefs (not a commentary column). */

export const columnName: LineRule = {
  id: 'column-name',
  pass: 2,
  classify(content, _line, { after }) {
    // Labels of a column of briefs: 简讯, 快讯, 要闻速览 …
    if (BRIEFS_COLUMN.test(content)) return { role: 'column-name', reason: 'label of a column of briefs' };
    // ■ 短评 above a headline: the filled square marks the column's name.
    if (/^■\s*[\p{Script=Han}]{2,6}$/u.test(content) && after[0] && ['body', 'headline'].includes(after[0].role)) {
      const next = visibleContent(after[0].text);
      if ([...next].length <= 30 && !SENTENCE_FINAL.test(next))
        return { role: 'column-name', reason: 'column name marked ■ above a headline' };
    }
    if (
      HAN_ONLY.test(content) &&
      [...content].length <= 6 &&
      short(after[0], 30) &&
      penNameShape(after[1]) &&
      startsBody(after[2])
    ) {
      return { role: 'column-name', reason: 'column name above a headline and a pen name' };
    }
    return null;
  },
};
