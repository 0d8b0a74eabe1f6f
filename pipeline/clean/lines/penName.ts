// The writer's pen name on its own line under a column headline (木棉, 文/张三).
import type { LineRule } from './lineRule.ts';
import { visibleContent, WRITER_PREFIX } from './lineRule.ts';
import { penNameShape, startsBody } from './commentaryLines.ts';

export const penName: LineRule = {
  id: 'pen-name',
  pass: 2,
  classify(_content, line, { before, after }) {
    if (!penNameShape(line) || !startsBody(after[0])) return null;
    const headline = before[0];
    if (!headline || headline.role !== 'headline') return null;
    const column = before[1];
    if (column && column.role === 'column-name')
      return { role: 'pen-name', reason: 'pen name under a column headline' };
    if (
      [...visibleContent(line.text).replace(WRITER_PREFIX, '')].length <= 3 &&
      WRITER_PREFIX.test(visibleContent(line.text))
    ) {
      return { role: 'pen-name', reason: 'writer line under a headline' };
    }
    return null;
  },
};
