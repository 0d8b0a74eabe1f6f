// 铲（chǎn）, 瞭(liào): pinyin set in parentheses after a character by some mirrors as a reading aid, not text.
// Only toned pinyin syllables qualify, so (GDP), (APP), (Tom) and English words in parentheses stay.
import { HAN, type CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const BASE = 'aaaaeeeeiiiioooouuuuüüüünnnm';
/** One pinyin syllable without its tone: initial, then final (zhuàng → zhuang, lüè → lüe), erhua allowed. */
const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:i(?:a(?:ng|n|o)?|e|ng?|ong|u)?|u(?:a(?:ng?|i)?|e|i|n|o)?|ü(?:e|an|n)?|a(?:ng?|i|o)?|e(?:ng?|i|r)?|o(?:ng|u)?|ng?|m)r?$/u;
const AID =
  /[（(]\s*([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+(?:[\s'’·-][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+){0,3})\s*[)）]/gu;

function untoned(syllable: string): string {
  return [...syllable].map((ch) => (TONED.includes(ch) ? BASE[TONED.indexOf(ch)] : ch)).join('');
}

/** Toned pinyin: every syllable well formed, at least one with a tone mark, no more syllables than characters. */
export function isPinyinReading(inside: string, hanBefore: number): boolean {
  const syllables = inside.split(/[\s'’·-]+/u).filter(Boolean);
  if (syllables.length === 0 || syllables.length > hanBefore) return false;
  if (!syllables.some((s) => [...s].some((ch) => TONED.includes(ch)))) return false;
  return syllables.every((s) => SYLLABLE.test(untoned(s)));
}

export const removeReadingAids: CleanRule = {
  id: 'reading-aid',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      for (const m of line.text.matchAll(AID)) {
        const at = m.index!;
        let han = 0;
        while (han < 4 && at - han - 1 >= 0 && HAN.test(line.text[at - han - 1])) han += 1;
        if (han === 0 || !isPinyinReading(m[1], han)) continue;
        doc.propose({
          rule: 'reading-aid',
          op: 'delete',
          start: line.start + at,
          end: line.start + at + m[0].length,
          after: '',
          confidence: 0.95,
          reason: `pinyin reading aid "${m[1]}" after "${line.text.slice(at - han, at)}": not part of the text`,
        });
      }
    }
  },
};
