// The gazetteer (data/gazetteer.tsv): provinces and prefecture-level cities of China, to tell which place a text is about.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Gazetteer {
  cities: Set<string>;
  provinces: Set<string>;
}

let gazetteer: Gazetteer | null = null;

/** Provinces and prefecture-level cities of China (data/gazetteer.tsv), read once: a closed set, unlike X市 look-alikes. */
export function loadGazetteer(): Gazetteer {
  if (gazetteer) return gazetteer;
  const rows = readFileSync(fileURLToPath(new URL('../../data/gazetteer.tsv', import.meta.url)), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  const of = (...kinds: string[]) => new Set(rows.filter(([k]) => kinds.includes(k)).flatMap(([, names]) => names.split(' ')));
  gazetteer = { cities: of('city', 'municipality'), provinces: of('province', 'region') };
  return gazetteer;
}
