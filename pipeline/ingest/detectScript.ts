// Script detection and conversion with OpenCC's dictionaries (opencc-js): texts convert phrase by phrase, never char
// by char.
import * as OpenCC from 'opencc-js';
import STCharacters from 'opencc-js/dict/STCharacters';
import type { Script } from '../domain/types.ts';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/**
 * Simplified characters that have a traditional form of their own (OpenCC's simplified → traditional characters,
 * first candidate): the count of simplified-only characters needs no phrase converter, whose tables took 0.15 s to
 * build at every start.
 */
let simplifiedOnlyCharacters: Set<string> | null = null;
function simplifiedOnlySet(): Set<string> {
  simplifiedOnlyCharacters ??= new Set(
    STCharacters.split('|').flatMap((entry) => {
      const [from, first] = entry.split(' ');
      return from && first && first !== from ? [from] : [];
    }),
  );
  return simplifiedOnlyCharacters;
}

/** Counts Han characters that change under each direction: a traditional text changes under t→s only. */
export function detectScript(text: string): {
  script: Script;
  traditionalOnly: number;
  simplifiedOnly: number;
  han: number;
} {
  const han = [...text].filter((ch) => HAN.test(ch));
  const sample = han.join('');
  const asSimplified = [...toSimplified(sample)];
  const simplifiedForms = simplifiedOnlySet();
  let traditionalOnly = 0;
  let simplifiedOnly = 0;
  han.forEach((ch, i) => {
    if (asSimplified[i] !== undefined && asSimplified[i] !== ch) traditionalOnly += 1;
    if (simplifiedForms.has(ch)) simplifiedOnly += 1;
  });
  let script: Script;
  if (han.length === 0) script = 'none';
  else if (traditionalOnly >= 3 && traditionalOnly > simplifiedOnly * 4) script = 'traditional';
  else if (simplifiedOnly >= 3 && simplifiedOnly > traditionalOnly * 4) script = 'simplified';
  else if (traditionalOnly === 0 || simplifiedOnly === 0) script = traditionalOnly > 0 ? 'traditional' : 'simplified';
  else script = 'mixed';
  return { script, traditionalOnly, simplifiedOnly, han: han.length };
}

export function convertToSimplified(text: string): string {
  return toSimplified(text);
}
