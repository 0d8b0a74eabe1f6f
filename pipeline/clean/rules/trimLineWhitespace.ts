// Indentation (ASCII or full-width spaces) and trailing spaces are layout, not text.
import type { CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

export const trimLineWhitespace: CleanRule = {
  id: 'trim-line-whitespace',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      const [s, e] = doc.trimmedRange(line);
      for (const [from, to] of doc.gaps(line.start, s)) {
        doc.propose({
          rule: 'trim-line-whitespace',
          op: 'delete',
          start: from,
          end: to,
          after: '',
          confidence: 0.99,
          reason: 'indentation at the start of a line',
        });
      }
      for (const [from, to] of doc.gaps(e, line.end)) {
        doc.propose({
          rule: 'trim-line-whitespace',
          op: 'delete',
          start: from,
          end: to,
          after: '',
          confidence: 0.99,
          reason: 'white space at the end of a line',
        });
      }
    }
  },
};
