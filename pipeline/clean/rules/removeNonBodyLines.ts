// Debris, captions, credits, bylines and source lines leave the body; the log keeps every character.
import { REMOVED_ROLES, type CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

const OPS: Record<string, string> = {
  debris: 'strip-debris',
  credit: 'strip-credit',
  caption: 'extract-caption',
  'source-line': 'extract-source-line',
  byline: 'extract-byline',
  'pen-name': 'extract-pen-name',
  'column-name': 'extract-column-name',
  signature: 'extract-signature',
};

export const removeNonBodyLines: CleanRule = {
  id: 'remove-non-body-lines',
  repair: false,
  apply(doc: CleanDocument) {
    const nonBlank = doc.nonBlank();
    nonBlank.forEach((line, i) => {
      if (!REMOVED_ROLES.has(line.role)) return;
      const next = nonBlank[i + 1];
      // The line and the blank lines after it go, so the text keeps one separator.
      const end = next ? next.start : doc.text.length;
      // Around what an earlier rule claimed (a control character in a blank line after it), never refused whole.
      for (const [from, to] of doc.gaps(line.start, end))
        doc.propose({
          rule: OPS[line.role],
          op: line.role === 'debris' || line.role === 'credit' ? 'delete' : 'extract',
          start: from,
          end: to,
          after: '',
          confidence: 0.9,
          reason: `${line.role}: ${line.roleReason ?? 'not body text'}`,
        });
    });
  },
};
