// "## 标题": heading marks copied from a Markdown or CMS export are not part of the text.
import type { CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

export const stripMarkdownMarks: CleanRule = {
  id: 'stray-markdown',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      const m = /^([ \t\u3000]*)(#{1,6}[ \t\u3000]+)/u.exec(line.text);
      if (!m) continue;
      const start = line.start + m[1].length;
      doc.propose({
        rule: 'stray-markdown',
        op: 'delete',
        start,
        end: start + m[2].length,
        after: '',
        confidence: 0.95,
        reason: 'Markdown heading mark copied with the text',
      });
    }
  },
};
