// GB/T 15834: , ( ) ? ! : ; between Chinese characters are full width; numbers, times, Latin words keep theirs.
import { CJK, type CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

const FULL: Record<string, string> = { ',': '，', '?': '？', '!': '！', ':': '：', ';': '；', '(': '（', ')': '）' };
/** The half-width marks this rule reads: found with one search per line, not by reading every character. */
const HALF = /[,?!:;()]/g;
const isCjk = (ch: string | undefined) => ch !== undefined && CJK.test(ch);
const isDigit = (ch: string | undefined) => ch !== undefined && /[0-9]/.test(ch);

/** The neighbour that matters: skip a space, since "中文 , 中文" is still Chinese context. */
function neighbour(
  doc: CleanDocument,
  at: number,
  step: 1 | -1,
  lineStart: number,
  lineEnd: number,
): string | undefined {
  let i = at + step;
  while (i >= lineStart && i < lineEnd && doc.text[i] === ' ') i += step;
  // Read earlier conversions (（ after 全会 makes the next ( Chinese too), so a second pass changes nothing.
  return i >= lineStart && i < lineEnd ? doc.charAfterEdits(i) : undefined;
}

/** The partner of each half-width bracket of a line (by position), or -1: one pass with a stack. */
function partners(text: string, lineStart: number, lineEnd: number): Map<number, number> {
  const partner = new Map<number, number>();
  const open: number[] = [];
  for (let i = lineStart; i < lineEnd; i += 1) {
    if (text[i] === '(') open.push(i);
    else if (text[i] === ')') {
      const o = open.pop();
      if (o === undefined) partner.set(i, -1);
      else {
        partner.set(o, i);
        partner.set(i, o);
      }
    }
  }
  for (const o of open) partner.set(o, -1);
  return partner;
}

export const normalisePunctuationWidth: CleanRule = {
  id: 'punctuation-width',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.keptLines()) {
      const { start, end } = line;
      let pairs: Map<number, number> | null = null;
      for (const found of doc.text.slice(start, end).matchAll(HALF)) {
        const i = start + found.index;
        const ch = found[0];
        const prev = neighbour(doc, i, -1, start, end);
        const next = neighbour(doc, i, 1, start, end);
        let convert: boolean;
        if (ch === '(' || ch === ')') {
          pairs ??= partners(doc.text, start, end);
          const other = pairs.get(i) ?? -1;
          const [a, b] = ch === '(' ? [i, other] : [other, i];
          const inside = other === -1 ? '' : doc.text.slice(a + 1, b);
          const outside = ch === '(' ? prev : next;
          convert =
            /\p{Script=Han}/u.test(inside) ||
            (other !== -1 && (isCjk(neighbour(doc, a, -1, start, end)) || isCjk(neighbour(doc, b, 1, start, end)))) ||
            (other === -1 && isCjk(outside));
        } else if (ch === ',' || ch === ':') {
          // 1,000 and 16:13 keep theirs; so do URLs (http://) and Latin text.
          if (isDigit(doc.text[i - 1]) && isDigit(doc.text[i + 1])) continue;
          if (ch === ':' && doc.text[i + 1] === '/') continue;
          convert = isCjk(prev) || (isCjk(next) && !/[A-Za-z0-9]/.test(prev ?? ''));
        } else {
          convert = isCjk(prev) || (ch !== '?' && ch !== '!' && isCjk(next) && !/[A-Za-z0-9]/.test(prev ?? ''));
        }
        if (!convert) continue;
        doc.propose({
          rule: 'punctuation-width',
          op: 'replace',
          start: i,
          end: i + 1,
          after: FULL[ch],
          confidence: 0.95,
          reason: 'half-width punctuation in Chinese text (GB/T 15834)',
        });
      }
    }
  },
};
