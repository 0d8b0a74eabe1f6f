// A column name (今晚谈) above a headline and a pen name.
import type { LineRule } from './lineRule.ts';
import { HAN_ONLY } from './lineRule.ts';
import { penNameShape, short, startsBody } from './commentaryLines.ts';

export const columnName: LineRule = {
  id: 'column-name',
  pass: 2,
  classify(content, _line, { after }) {
    if (HAN_ONLY.test(content) && [...content].length <= 6 && short(after[0], 30) && penNameShape(after[1]) && startsBody(after[2])) {
      return { role: 'column-name', reason: 'column name above a headline and a pen name' };
    }
    return null;
  },
};

