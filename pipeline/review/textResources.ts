// The resources a build's text stages read, made in one place so that the staff page sees exactly what a build
// makes: the term base with the local rows, the gazetteer, the memory with every reviewed translation added.
import { TranslationMemory } from '../bilingual/translationMemory.ts';
import { loadGazetteer } from '../domain/gazetteer.ts';
import { loadTermBase, type TermEntry } from '../domain/termBase.ts';
import type { TextResources } from '../textPipeline.ts';
import { withLocalTerms } from './localTerms.ts';

export function buildTextResources(
  reviewed: Map<string, { zh: string; en: string }>,
  localTerms: TermEntry[],
): TextResources {
  const memory = TranslationMemory.load();
  for (const [, r] of reviewed) memory.add(r.zh, r.en, 'reviewed');
  return {
    terms: withLocalTerms(loadTermBase(), localTerms),
    gazetteer: loadGazetteer(),
    memory,
    reviewed: new Map([...reviewed].map(([id, r]) => [id, r.en])),
  };
}
