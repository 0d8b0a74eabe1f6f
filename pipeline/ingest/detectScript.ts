// Script detection and conversion with OpenCC's phrase-level dictionaries (opencc-js), never char by char.
import * as OpenCC from 'opencc-js';
import type { Script } from '../domain/types.ts';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
const HAN = /\p{Script=Han}/u;

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
  const asTraditional = [...toTraditional(sample)];
  let traditionalOnly = 0;
  let simplifiedOnly = 0;
  han.forEach((ch, i) => {
    if (asSimplified[i] !== undefined && asSimplified[i] !== ch) traditionalOnly += 1;
    if (asTraditional[i] !== undefined && asTraditional[i] !== ch) simplifiedOnly += 1;
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
