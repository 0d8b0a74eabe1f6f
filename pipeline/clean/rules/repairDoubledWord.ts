// 思想思想: a word of two to four characters set twice. Verbs reduplicate on purpose (研究研究): left alone.
import { HAN, type CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';
import { ABAB_WORDS } from './reduplication.ts';

const allHan = (s: string) => [...s].every((ch) => HAN.test(ch));

export const repairDoubledWord: CleanRule = {
  id: 'doubled-word',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      const text = doc.text.slice(line.start, line.end);
      for (let n = 4; n >= 2; n -= 1) {
        for (let i = 0; i + 2 * n <= text.length; i += 1) {
          // The first code units first: no slices are made where the word cannot repeat.
          if (text.charCodeAt(i) !== text.charCodeAt(i + n)) continue;
          const word = text.slice(i, i + n);
          if (word !== text.slice(i + n, i + 2 * n) || !allHan(word)) continue;
          if (ABAB_WORDS.has(word) || new Set(word).size === 1) continue;
          // Verbs reduplicate after 再/去/来/要/请 and before 吧/一下 (再调整调整, 去宣传宣传): spoken style, not a slip.
          if (
            n === 2 &&
            (/[再去来要让请得多好都也就先]$/u.test(text.slice(0, i)) || /^(吧|一下|看|呢)/u.test(text.slice(i + 2 * n)))
          )
            continue;
          if (text.slice(i + 2 * n, i + 3 * n) === word) continue; // a triple is a pattern, not a slip
          const start = line.start + i + n;
          doc.propose({
            rule: 'doubled-word',
            op: 'delete',
            start,
            end: start + n,
            after: '',
            confidence: 0.8,
            reason: `the word "${word}" set twice in a row`,
            flagRange: [start - n, start + n],
          });
        }
      }
    }
  },
};
