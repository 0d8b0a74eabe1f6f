// （完） closing a wire story: an end mark of the agency's copy, not text.
import type { CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

export const stripWireEndMark: CleanRule = {
  id: 'wire-end-mark',
  repair: true,
  apply(doc: CleanDocument) {
    const kept = doc.keptLines();
    const last = kept.filter((l) => l.role === 'body').at(-1);
    if (!last) return;
    const [s, e] = doc.trimmedRange(last);
    const m = /\s*[（(](完|全文完)[)）]$/u.exec(doc.text.slice(s, e));
    if (!m || m.index === 0) return;
    doc.propose({
      rule: 'wire-end-mark',
      op: 'delete',
      start: s + m.index,
      end: e,
      after: '',
      confidence: 0.95,
      reason: 'end mark of a wire story',
    });
  },
};
