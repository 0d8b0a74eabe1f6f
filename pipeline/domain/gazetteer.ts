// The gazetteer (data/gazetteer.tsv, made by scripts/build-gazetteer.ts): every province-, prefecture- and
// county-level division of China with its English, to tell which place a text is about and to name its bodies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type PlaceLevel =
  | 'municipality'
  | 'province'
  | 'region'
  | 'sar'
  | 'city'
  | 'prefecture'
  | 'autonomous-prefecture'
  | 'league'
  | 'district'
  | 'new-area'
  | 'county'
  | 'county-city'
  | 'banner'
  | 'forest-district'
  | 'special-district';

export interface Place {
  /** As the division is officially named: 南开区, 长兴县, 延边朝鲜族自治州. */
  zh: string;
  /** Without its generic: 南开, 长兴, 延边. */
  short: string;
  level: PlaceLevel;
  /** The name alone: Nankai, Changxing, Xi'an. */
  en: string;
  /** With its generic as official English writes it: Nankai District, Changxing County, Xi'an. */
  fullEn: string;
  /** The division it belongs to (天津市, 湖州市), empty for a province. */
  parent: string;
  /** `pinyin` (by the rules), an address, or `conventional: …`. */
  source: string;
}

export interface Gazetteer {
  /** Prefecture-level cities and municipalities, by short name (天津, 成都, 延边). */
  cities: Set<string>;
  /** Provinces, autonomous regions and special administrative regions, by short name. */
  provinces: Set<string>;
  /** City names that are also common words (白银 silver, 中山 in 中山路): they count only written with 市. */
  ambiguous: Set<string>;
  /** County-level divisions by short name (南开, 长兴, 义乌): they count only written with their generic. */
  counties: Set<string>;
  places: Place[];
  /** Places by full and by short name; a short name may belong to several (鼓楼区 in five cities). */
  byName: Map<string, Place[]>;
}

const CITY_LEVELS = new Set<PlaceLevel>(['city', 'municipality']);
const PROVINCE_LEVELS = new Set<PlaceLevel>(['province', 'region', 'sar']);
const COUNTY_LEVELS = new Set<PlaceLevel>([
  'district',
  'new-area',
  'county',
  'county-city',
  'banner',
  'forest-district',
  'special-district',
]);
/** Places the texts call cities though they are not prefecture-level cities. */
const CITY_LIKE = ['延边', '恩施', '湘西', '伊犁', '大理', '雄安', '义乌', '济源', '喀什'];

export function parseGazetteerTsv(tsv: string): Gazetteer {
  const [header, ...lines] = tsv.split('\n').filter((l) => l.trim() !== '');
  const cols = header.split('\t');
  const at = (name: string) => cols.indexOf(name);
  const places: Place[] = [];
  const ambiguous = new Set<string>();
  for (const line of lines) {
    const f = line.split('\t');
    const level = f[at('level')];
    if (level === 'ambiguous') {
      ambiguous.add(f[at('zh')]);
      continue;
    }
    places.push({
      zh: f[at('zh')],
      short: f[at('short')],
      level: level as PlaceLevel,
      en: f[at('en')],
      fullEn: f[at('full_en')],
      parent: f[at('parent')] ?? '',
      source: f[at('source')] ?? '',
    });
  }
  const byName = new Map<string, Place[]>();
  for (const p of places) {
    for (const name of new Set([p.zh, p.short])) byName.set(name, [...(byName.get(name) ?? []), p]);
  }
  const shortOf = (levels: Set<PlaceLevel>) => new Set(places.filter((p) => levels.has(p.level)).map((p) => p.short));
  const counties = new Set([...shortOf(COUNTY_LEVELS)].filter((s) => [...s].length >= 2));
  return {
    cities: new Set([...shortOf(CITY_LEVELS), ...CITY_LIKE]),
    provinces: shortOf(PROVINCE_LEVELS),
    ambiguous,
    counties,
    places,
    byName,
  };
}

let gazetteer: Gazetteer | null = null;

/** Every division of China (data/gazetteer.tsv), read once: a closed set, unlike X市 look-alikes. */
export function loadGazetteer(): Gazetteer {
  gazetteer ??= parseGazetteerTsv(
    readFileSync(fileURLToPath(new URL('../../data/gazetteer.tsv', import.meta.url)), 'utf8'),
  );
  return gazetteer;
}

/** The generics of each level as the Chinese writes them after a name (南开区, 长兴县, 义乌市). */
export const GENERIC: Record<PlaceLevel, string[]> = {
  municipality: ['市'],
  province: ['省'],
  region: ['自治区'],
  sar: ['特别行政区'],
  city: ['市'],
  prefecture: ['地区'],
  'autonomous-prefecture': ['州', '自治州'],
  league: ['盟'],
  district: ['区'],
  'new-area': ['新区'],
  county: ['县', '自治县'],
  'county-city': ['市'],
  banner: ['旗', '自治旗'],
  'forest-district': ['林区'],
  'special-district': ['特区'],
};

/**
 * A place by name and level: 南开 at district level, 长兴 at county level; with several (鼓楼区), the one inside
 * `within` (a city or province named by the text) wins.
 */
export function findPlace(
  places: Gazetteer,
  name: string,
  levels: readonly PlaceLevel[],
  within: readonly (string | null)[] = [],
): Place | null {
  const candidates = (places.byName.get(name) ?? []).filter((p) => levels.includes(p.level));
  if (candidates.length <= 1) return candidates[0] ?? null;
  for (const w of within) {
    if (!w) continue;
    const inside = candidates.find((p) => p.parent.startsWith(w) || parentOf(places, p)?.parent.startsWith(w));
    if (inside) return inside;
  }
  return candidates[0];
}

function parentOf(places: Gazetteer, p: Place): Place | undefined {
  return places.byName.get(p.parent)?.find((q) => q.zh === p.parent);
}

/** The Party committee of a place as official English names it, without "the": CPC Nankai District Committee. */
export function committeeOf(place: Place): string {
  const full = place.fullEn
    .replace(/ Province$/u, ' Provincial')
    .replace(/ Autonomous Region$/u, ' Autonomous Regional')
    .replace(/ Autonomous Prefecture$/u, ' Autonomous Prefectural')
    .replace(/ Prefecture$/u, ' Prefectural')
    .replace(/ Special Administrative Region$/u, ' Special Administrative Region');
  return ['city', 'municipality', 'county-city'].includes(place.level)
    ? `CPC ${full} Municipal Committee`
    : `CPC ${full} Committee`;
}

/** Where the gazetteer's place names stand in a text as places: a word of its own, not a street (南京路), not a common
 * word. */
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
      if (places.ambiguous.has(name) && !/^[市省]/u.test(after)) continue;
      if (!startsWord(at)) continue;
      const list = found.get(name);
      if (list) list.push(at);
      else found.set(name, [at]);
    }
  }
  return found;
}
