// Paragraphs are separated by at most one blank line; the text neither starts nor ends with white space.
import type { CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

export const collapseBlankLines: CleanRule = {
  id: 'collapse-blank-lines',
  repair: true,
  apply(doc: CleanDocument) {
    const kept = doc.keptLines();
    if (kept.length === 0) return;
    const regions: [number, number, 'lead' | 'between' | 'tail'][] = [[0, kept[0].start, 'lead']];
    for (let i = 0; i + 1 < kept.length; i += 1) regions.push([kept[i].end, kept[i + 1].start, 'between']);
    regions.push([kept[kept.length - 1].end, doc.text.length, 'tail']);
    for (const [from, to, where] of regions) {
      let newlines = 0;
      for (const [s, e] of doc.gaps(from, to)) {
        for (let i = s; i < e; i += 1) {
          const isNewline = doc.text[i] === '\n';
          if (isNewline) newlines += 1;
          const keep = where === 'between' && isNewline && newlines <= 2;
          if (!keep)
            doc.propose({
              rule: 'collapse-blank-lines',
              op: 'delete',
              start: i,
              end: i + 1,
              after: '',
              confidence: 0.99,
              reason: where === 'between' ? 'extra blank line' : 'white space at the start or end of the text',
            });
        }
      }
    }
  },
};
