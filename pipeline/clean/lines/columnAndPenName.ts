// Commentary columns: a column name (今晚谈), the headline, then the writer's pen name on its own line.
import type { RawLine } from '../document.ts';
import type { LineRule } from './lineRule.ts';
import { HAN_ONLY, SENTENCE_FINAL, visibleContent } from './lineRule.ts';

const short = (l: RawLine | undefined, max: number) => l !== undefined && l.role === 'body' && [...visibleContent(l.text)].length <= max && !SENTENCE_FINAL.test(visibleContent(l.text));
const penNameShape = (l: RawLine | undefined) => {
  if (!l) return false;
  const c = visibleContent(l.text).replace(/^(文|作者)\s*[/／:：]\s*/u, '').replace(/^[■□]\s*/u, '');
  return HAN_ONLY.test(c) && [...c].length >= 2 && [...c].length <= 4;
};
const startsBody = (l: RawLine | undefined) =>
  l !== undefined && l.role === 'body' && ([...visibleContent(l.text)].length > 40 || SENTENCE_FINAL.test(visibleContent(l.text))) && !/^(本报讯|新华社|中新社)/u.test(visibleContent(l.text));

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

export const penName: LineRule = {
  id: 'pen-name',
  pass: 2,
  classify(_content, line, { before, after }) {
    if (!penNameShape(line) || !startsBody(after[0])) return null;
    const headline = before[0];
    if (!headline || headline.role !== 'headline') return null;
    const column = before[1];
    if (column && column.role === 'column-name') return { role: 'pen-name', reason: 'pen name under a column headline' };
    if ([...visibleContent(line.text).replace(/^(文|作者)\s*[/／:：]\s*/u, '')].length <= 3 && /^(文|作者)\s*[/／:：]/u.test(visibleContent(line.text))) {
      return { role: 'pen-name', reason: 'writer line under a headline' };
    }
    return null;
  },
};
