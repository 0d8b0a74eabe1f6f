// The gazetteer (data/gazetteer.tsv): provinces and prefecture-level cities of China, to tell which place a text is
// about.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Gazetteer {
  cities: Set<string>;
  provinces: Set<string>;
  /** City names that are also common words (白银 silver, 中山 in 中山路): they count only written with 市. */
  ambiguous: Set<string>;
}

let gazetteer: Gazetteer | null = null;

/**
 * Provinces and prefecture-level cities of China (data/gazetteer.tsv), read once: a closed set, unlike X市
 * look-alikes.
 */
export function loadGazetteer(): Gazetteer {
  if (gazetteer) return gazetteer;
  const rows = readFileSync(fileURLToPath(new URL('../../data/gazetteer.tsv', import.meta.url)), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const of = (...kinds: string[]) =>
    new Set(rows.filter(([k]) => kinds.includes(k)).flatMap(([, names]) => names.split(' ')));
  gazetteer = { cities: of('city', 'municipality'), provinces: of('province', 'region'), ambiguous: of('ambiguous') };
  return gazetteer;
}

/**
 * Where the gazetteer's place names stand in a text as places: a word of its own, not a street (南京路), not a common
 * word.
 */
export function placeMentions(
  text: string,
  names: Iterable<string>,
  places: Gazetteer,
  startsWord: (at: number) => boolean,
): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const name of names) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
      const after = text.slice(at + name.length);
      if (/^(路|街|道|大街|大道|东路|西路|南路|北路|里|巷|桥)/u.test(after)) continue;
      if (places.ambiguous.has(name) && !/^市/u.test(after)) continue;
      if (!startsWord(at)) continue;
      found.set(name, [...(found.get(name) ?? []), at]);
    }
  }
  return found;
}
