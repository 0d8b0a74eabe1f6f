// 总书记记在: a character typed twice. Chinese doubles on purpose too (常常, 人民民主), so decide by words.
import { HAN, type CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';
import { wordLookup } from './cleanRule.ts';
import { startsWithLeader, startsWithName } from '../../domain/surnames.ts';
import { AA_WORDS, FUNCTION_CHARS } from './reduplication.ts';

const CHINESE_NUMERAL = /[〇零一二三四五六七八九十百千万亿两]/u;

export const repairDoubledChar: CleanRule = {
  id: 'doubled-char',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      const text = doc.text.slice(line.start, line.end);
      let wordAt: ReturnType<typeof wordLookup> | null = null;
      for (let i = 0; i + 1 < text.length; i += 1) {
        // Compared as code units first: no one-character string is made for the many that differ.
        if (text.charCodeAt(i) !== text.charCodeAt(i + 1)) continue;
        const x = text[i];
        if (!HAN.test(x)) continue;
        const pair = x + x;
        if (AA_WORDS.has(pair)) continue;
        if (text[i + 2] === text[i + 3] && text[i + 2] !== undefined && HAN.test(text[i + 2])) continue; // AABB: 兢兢业业
        if (i >= 2 && text[i - 2] === text[i - 1] && HAN.test(text[i - 1])) continue;
        if (i >= 1 && text.slice(i - 1, i + 1) === text.slice(i + 1, i + 3)) continue; // ABAB: left to doubled-word
        if (i >= 1 && text[i - 1] === x) continue; // XXX runs: leave to humans
        // 十五五, 十四五 name five-year plans: a double inside a run of numerals is a number, not a typo.
        if (i >= 1 && CHINESE_NUMERAL.test(x) && CHINESE_NUMERAL.test(text[i - 1])) continue;
        // Words around the pair only: a 600,000-character line is segmented a window at a time.
        wordAt ??= wordLookup(text);
        const wa = wordAt(i);
        const wb = wordAt(i + 1);
        if (!wa || !wb || wa === wb) continue; // the segmenter knows "XX" as a word
        const la = [...wa.segment].length;
        const lb = [...wb.segment].length;
        if (la >= 2 && lb >= 2) continue; // 人民|民主, 学生|生活: two words that meet
        const start = line.start + i + 1;
        // 学习|习|近平: the second copy starts a name (surname + given name), so both copies are real text.
        // A name follows: a leader's is certain text (学习习近平); another name with a title is left for a human.
        if (startsWithName(text.slice(i + 1))) {
          if (!startsWithLeader(text.slice(i + 1)) && FUNCTION_CHARS.has(x)) {
            doc.flag({
              rule: 'doubled-char',
              start: line.start + i,
              end: line.start + i + 2,
              suggestion: x,
              reason: `"${pair}" before a name: a character typed twice?`,
            });
          }
          continue;
        }
        // 现在|在, 正在|在: a grammatical character after a word that ends in it is good Chinese.
        if (la >= 2 && lb === 1 && wa.segment.endsWith(x) && FUNCTION_CHARS.has(x)) continue;
        if (la >= 2 && lb === 1 && wa.segment.endsWith(x)) {
          doc.propose({
            rule: 'doubled-char',
            op: 'delete',
            start,
            end: start + 1,
            after: '',
            confidence: 0.8,
            reason: `"${x}" repeated after the word "${wa.segment}"`,
            flagRange: [start - 1, start + 1],
          });
        } else if (la === 1 && lb === 1 && FUNCTION_CHARS.has(x)) {
          doc.flag({
            rule: 'doubled-char',
            start: line.start + i,
            end: start + 1,
            suggestion: x,
            reason: `"${pair}": a function word set twice?`,
          });
        }
      }
    }
  },
};
