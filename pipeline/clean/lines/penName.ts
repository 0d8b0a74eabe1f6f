// The writer's pen name on its own line under a column headline (木棉, 文/张三).
import { isPlausibleName } from '../../domain/surnames.ts';
import type { LineRule } from './lineRule.ts';
import { visibleContent, WRITER_PREFIX } from './lineRule.ts';
import { penNameShape, startsBody } from './commentaryLines.ts';

export const penName: LineRule = {
  id: 'pen-name',
  pass: 2,
  classify(content, line, { before, after }) {
    if (!penNameShape(line)) return null;
    const headline = before[0];
    if (!headline || headline.role !== 'headline') return null;
    // □ 张三 under a headline: the hollow square marks the writer, whatever stands above the headline.
    const marked = /^□\s*[\p{Script=Han}·]{2,4}$/u.exec(content);
    if (marked && isPlausibleName(content.replace(/^□\s*/u, '')) && after[0]?.role === 'body')
      return { role: 'pen-name', reason: 'writer marked □ under a headline' };
    if (!startsBody(after[0])) return null;
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
