// Renders bodies, titles, places and meetings for the place the text is about: 市委 in a Chongqing text is
// the CPC Chongqing Municipal Committee, 区委 in a Nankai text the CPC Nankai District Committee.
import { lazyWordStarts } from '../domain/wordSegmenter.ts';
import {
  committeeOf,
  findPlace,
  placeMentions,
  type Gazetteer,
  type Place,
  type PlaceLevel,
} from '../domain/gazetteer.ts';
import { PLACE_CHARS, type TermEntry } from '../domain/termBase.ts';
import { itemNumber } from '../domain/chineseNumerals.ts';
import { ordinalNumber, ordinalWord } from './renderNumbers.ts';
import { renderPinyinPlace } from './renderPinyinName.ts';

export interface Home {
  /** City without 市 (天津), district without 区 (南开), province without 省. */
  city: string | null;
  district: string | null;
  province: string | null;
  /** Extension: a county or banner without its generic (长兴, 科尔沁右翼前). */
  county?: string | null;
}

/** Word starts of paragraphs seen lately: every article of a page is counted with the whole page around it. */
const paragraphStarts = new Map<string, (at: number) => boolean>();
let cachedLength = 0;

/** Forgets the word starts kept for the last page: called once per source, so memory stays that of one page. */
export function forgetParagraphStarts(): void {
  paragraphStarts.clear();
  cachedLength = 0;
}

/**
 * Whether a word starts at a position of `text`, segmented in windows paragraph by paragraph, each paragraph once
 * per page and only where a place name asks (a line end starts a segment of its own).
 */
function wordStartsByParagraph(text: string): (at: number) => boolean {
  const offsets: number[] = [];
  const lengths: number[] = [];
  const lookups: ((at: number) => boolean)[] = [];
  let at = 0;
  for (const paragraph of text.split('\n')) {
    let own = paragraphStarts.get(paragraph);
    if (!own) {
      if (cachedLength > 8_000_000) {
        paragraphStarts.clear();
        cachedLength = 0;
      }
      own = lazyWordStarts(paragraph);
      paragraphStarts.set(paragraph, own);
      cachedLength += paragraph.length;
    }
    offsets.push(at);
    lengths.push(paragraph.length);
    lookups.push(own);
    at += paragraph.length + 1;
  }
  return (position) => {
    if (position < 0 || position > text.length) return false;
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= position) lo = mid;
      else hi = mid - 1;
    }
    const within = position - offsets[lo];
    return within === lengths[lo] || lookups[lo](within);
  };
}

function countNames(text: string, names: Set<string>, places: Gazetteer): Map<string, number> {
  const startsWord = wordStartsByParagraph(text);
  return new Map([...placeMentions(text, names, places, startsWord)].map(([name, at]) => [name, at.length]));
}

/** What a text says about its place, counted so that the evidence of several texts adds up. */
export interface HomeEvidence {
  /** X of X区委 / X区第…届: the district whose committee a text names. */
  districts: Map<string, number>;
  cities: Map<string, number>;
  provinces: Map<string, number>;
  /** Provinces the text writes as provinces (X省, X自治区, the region's full name). */
  provincesMarked: Set<string>;
  /** County-level divisions named with their generic. */
  counties: Map<string, { place: Place; count: number }>;
}

/** Counts the place names of one text (linear in the text; paragraphs are segmented once each). */
export function homeEvidence(text: string, places: Gazetteer, weight = 1): HomeEvidence {
  const districts = new Map<string, number>();
  for (const m of text.matchAll(
    /([^\s\p{P}\d市省区县和与及同共党的在对等]{2,3}?)区(?=委|第[一二三四五六七八九十]+届)/gu,
  )) {
    if (!/^(城|全|我|本|该|各|新|市|郊|社|辖|景|示|先|开|保|自|特|经济|核心|中心|地区|城区)/u.test(m[1]))
      districts.set(m[1], (districts.get(m[1]) ?? 0) + weight);
  }
  const scale = <K>(counts: Map<K, number>) => new Map([...counts].map(([k, n]) => [k, n * weight]));
  const provinces = scale(countNames(text, places.provinces, places));
  // 吉林 and 北京 are also provinces or municipalities: a province wins only where the text says 省.
  const provincesMarked = new Set(
    [...provinces.keys()].filter(
      (p) =>
        text.includes(`${p}省`) ||
        text.includes(`${p}自治区`) ||
        (places.byName?.get(p) ?? []).some((q) => q.level === 'region' && text.includes(q.zh)),
    ),
  );
  const counties = new Map(
    [...countyLevelMentions(text, places)].map(([k, v]) => [k, { place: v.place, count: v.count * weight }]),
  );
  return { districts, cities: scale(countNames(text, places.cities, places)), provinces, provincesMarked, counties };
}

/** The evidence of several texts together (an article and the page around it). */
export function combineEvidence(...all: HomeEvidence[]): HomeEvidence {
  const add = <K>(maps: Map<K, number>[]) => {
    const out = new Map<K, number>();
    for (const m of maps) for (const [k, n] of m) out.set(k, (out.get(k) ?? 0) + n);
    return out;
  };
  const counties = new Map<string, { place: Place; count: number }>();
  for (const e of all)
    for (const [k, v] of e.counties)
      counties.set(k, { place: v.place, count: (counties.get(k)?.count ?? 0) + v.count });
  return {
    districts: add(all.map((e) => e.districts)),
    cities: add(all.map((e) => e.cities)),
    provinces: add(all.map((e) => e.provinces)),
    provincesMarked: new Set(all.flatMap((e) => [...e.provincesMarked])),
    counties,
  };
}

/** The place a text is about: the city and province it names most, the district whose committee it names. */
export function detectHome(text: string, places: Gazetteer): Home {
  return resolveHome(homeEvidence(text, places), places);
}

export function resolveHome(evidence: HomeEvidence, places: Gazetteer): Home {
  const top = (counts: Map<string, number>) =>
    [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? null;
  const { districts: districtCounts, cities } = evidence;
  const provinces = new Map([...evidence.provinces].filter(([p]) => evidence.provincesMarked.has(p)));
  const city = top(cities);
  const province = top(provinces);
  const within = [city && `${city}市`, city, province];
  // County-level names count only written with their generic (长兴县, 南开区, 昆山市), the home city's first.
  const counted = new Map([...evidence.counties].map(([k, v]) => [k, { ...v }]));
  const best = (levels: PlaceLevel[]) => {
    const own = [...counted].filter(([, c]) => levels.includes(c.place.level));
    own.sort(
      (a, b) =>
        b[1].count - a[1].count ||
        Number(inside(b[1].place, within)) - Number(inside(a[1].place, within)) ||
        b[0].length - a[0].length,
    );
    return own[0]?.[1] ?? null;
  };
  for (const [name, n] of districtCounts) {
    const place = findPlace(places, name, ['district', 'new-area'], within);
    if (place) counted.set(place.short, { place, count: (counted.get(place.short)?.count ?? 0) + n });
  }
  const district = best(['district', 'new-area']);
  const county = best(['county', 'banner']);
  const countyCity = best(['county-city']);
  // A county-level city (昆山市) the text names more often than any prefecture-level city is the home city.
  const cityCount = city ? (cities.get(city) ?? 0) : 0;
  return {
    city: countyCity && countyCity.count > cityCount ? countyCity.place.short : city,
    district: top(districtCounts) ?? (district && district.count >= 2 ? district.place.short : null),
    province,
    county: county && county.count >= 1 ? county.place.short : null,
  };
}

const inside = (place: Place, within: readonly (string | null)[]) =>
  within.some((w) => w !== null && place.parent.startsWith(w));

/** County-level mentions of paragraphs seen lately: every article of a page is counted with the whole page. */
const paragraphCounties = new Map<string, Place[]>();

const COUNTY_LEVELS: readonly string[] = ['district', 'new-area', 'county', 'banner', 'county-city'];

/** County-level divisions a paragraph names with their generic (长兴县, 湖州市长兴县 → 长兴县), in order. */
function countiesIn(paragraph: string, places: Gazetteer): Place[] {
  const out: Place[] = [];
  for (const m of paragraph.matchAll(/[县旗区市]/gu)) {
    const end = m.index! + 1;
    // The longest division name that ends at the generic: 湖州市长兴县 → 长兴县, not 州市长兴县.
    for (let n = Math.min(9, end); n >= 3; n -= 1) {
      const name = paragraph.slice(end - n, end);
      const hit = places.byName.get(name)?.find((p) => p.zh === name && COUNTY_LEVELS.includes(p.level));
      if (hit) {
        out.push(hit);
        break;
      }
    }
  }
  return out;
}

/** County-level divisions named with their generic: 长兴县 ×3, 南开区 ×2. */
function countyLevelMentions(text: string, places: Gazetteer): Map<string, { place: Place; count: number }> {
  const out = new Map<string, { place: Place; count: number }>();
  if (paragraphCounties.size > 50_000) paragraphCounties.clear();
  for (const paragraph of text.split('\n')) {
    let found = paragraphCounties.get(paragraph);
    if (!found) paragraphCounties.set(paragraph, (found = countiesIn(paragraph, places)));
    for (const hit of found) out.set(hit.short, { place: hit, count: (out.get(hit.short)?.count ?? 0) + 1 });
  }
  return out;
}

const LEVEL: Record<string, { word: string; generic: string }> = {
  市: { word: 'Municipal', generic: 'municipal' },
  区: { word: 'District', generic: 'district' },
  省: { word: 'Provincial', generic: 'provincial' },
  县: { word: 'County', generic: 'county' },
  旗: { word: 'Banner', generic: 'banner' },
};

/** The gazetteer levels a level word of English names: "District" is a district or a new area. */
const LEVELS_OF_WORD: Record<string, PlaceLevel[]> = {
  Municipal: ['municipality', 'city', 'county-city'],
  District: ['district', 'new-area'],
  County: ['county'],
  Banner: ['banner'],
  Provincial: ['province'],
};

const ALL_LEVELS: PlaceLevel[] = [
  'municipality',
  'province',
  'region',
  'sar',
  'city',
  'prefecture',
  'autonomous-prefecture',
  'league',
  'district',
  'new-area',
  'county',
  'county-city',
  'banner',
];

const TITLE_WORDS: [string, string][] = [
  ['新闻发言人', 'spokesperson'],
  ['党组书记', 'secretary of the CPC leadership group'],
  ['党委书记', 'Party secretary'],
  ['副秘书长', 'deputy secretary-general'],
  ['秘书长', 'secretary-general'],
  ['副书记', 'deputy secretary'],
  ['书记', 'secretary'],
  ['常委', 'member of the Standing Committee'],
  ['副部长', 'deputy head'],
  ['部长', 'head'],
  ['副主任', 'deputy director'],
  ['主任', 'director'],
  ['副局长', 'deputy director'],
  ['局长', 'director'],
  ['副主席', 'vice chairperson'],
  ['主席', 'chairperson'],
  ['副院长', 'vice president'],
  ['院长', 'president'],
  ['副校长', 'vice president'],
  ['校长', 'president'],
  ['院士', 'academician'],
  ['教授', 'professor'],
  ['副区长', 'deputy head'],
  ['区长', 'head'],
  ['副市长', 'vice mayor'],
  ['市长', 'mayor'],
  ['候补委员', 'alternate member'],
  ['委员', 'member'],
  ['负责人', 'head'],
  ['董事长', 'chairperson'],
  ['总经理', 'general manager'],
  ['组长', 'head'],
  ['会长', 'president'],
  ['理事长', 'chairperson'],
  ['巡视员', 'inspector'],
  ['党组成员', 'member of the CPC leadership group'],
];

/** The term base arranged for rendering: made once per term base, shared by the articles' localizers. */
interface RenderingIndex {
  exact: Map<string, TermEntry>;
  /** {place}… rows by their tail: the first row of the longest-tail-first order for each tail. */
  byTail: Map<string, TermEntry>;
  /** Tail lengths present, longest first. */
  tailLengths: number[];
  /** Pattern rows without a tail, in order, with their whole-name expression. */
  others: { entry: TermEntry; whole: RegExp }[];
}

const RENDERING_INDEXES = new WeakMap<TermEntry[], RenderingIndex>();

function renderingIndex(entries: TermEntry[]): RenderingIndex {
  let index = RENDERING_INDEXES.get(entries);
  if (index) return index;
  const exact = new Map<string, TermEntry>();
  for (const e of entries) if (!e.pattern) exact.set(e.zh, e);
  // The longest tail first: 副市长 before 市长, so that 天津副市长 binds 天津.
  const patterns = entries.filter((e) => e.pattern).sort((a, b) => (b.tail?.length ?? 0) - (a.tail?.length ?? 0));
  const byTail = new Map<string, TermEntry>();
  const others: RenderingIndex['others'] = [];
  for (const e of patterns) {
    if (e.tail) {
      if (!byTail.has(e.tail)) byTail.set(e.tail, e);
    } else others.push({ entry: e, whole: new RegExp(`^${e.pattern!.source}$`, 'u') });
  }
  const tailLengths = [...new Set([...byTail.keys()].map((t) => t.length))].sort((a, b) => b - a);
  index = { exact, byTail, tailLengths, others };
  RENDERING_INDEXES.set(entries, index);
  return index;
}

/** The exact rows of a term base by their Chinese (the last row of a name wins), made once per term base. */
export function exactRows(entries: TermEntry[]): ReadonlyMap<string, TermEntry> {
  return renderingIndex(entries).exact;
}

export class Localizer {
  readonly home: Home;
  private readonly exact: Map<string, TermEntry>;
  private readonly index: RenderingIndex;

  private readonly places: Gazetteer | null;

  constructor(home: Home, entries: TermEntry[], places?: Gazetteer) {
    this.home = home;
    this.places = places ?? null;
    this.index = renderingIndex(entries);
    this.exact = this.index.exact;
  }

  /** The larger places the text is about, to choose between equal names (鼓楼区 of Nanjing or of Fuzhou). */
  private get within(): (string | null)[] {
    const { city, province } = this.home;
    return [city && `${city}市`, city, province && `${province}省`, province];
  }

  /** A place of the gazetteer by name at one of `levels`. */
  place(name: string, levels: PlaceLevel[] = ALL_LEVELS): Place | null {
    return this.places ? findPlace(this.places, name, levels, this.within) : null;
  }

  placeEn(place: string): string {
    const known = this.exact.get(place) ?? this.exact.get(`${place}区`) ?? this.exact.get(`${place}市`);
    if (known && known.kind === 'place')
      return known.en.replace(/ (District|Province|County|City)$/u, '').replace(/^the /u, '');
    return this.place(place)?.en ?? renderPinyinPlace(place);
  }

  /**
   * "Changyang County" → "Changyang Tujia Autonomous County", "Binhai District" → "Binhai New Area": a pattern's
   * level word replaced by the place's official full name.
   */
  private withFullName(en: string, zhPlace: string): string {
    for (const [word, levels] of Object.entries(LEVELS_OF_WORD)) {
      const place = this.place(zhPlace, levels);
      if (!place || word === 'Municipal' || word === 'Provincial') continue;
      const plain = `${place.en} ${word}`;
      if (en.includes(plain) && place.fullEn !== plain) return en.replace(plain, place.fullEn);
    }
    return en;
  }

  /** A place as it stands in a text: 南开区 → Nankai District, 武侯区 → Wuhou District, 成都 → Chengdu. */
  placeWithLevel(zh: string): string | null {
    const known = this.exact.get(zh);
    if (known && known.kind === 'place') return known.en;
    const listed = this.places?.byName.get(zh)?.find((p) => p.zh === zh);
    if (listed) return listed.fullEn;
    const m = /^([\p{Script=Han}]{2,4}?)(新区|区|县|市|省|镇)?$/u.exec(zh);
    if (!m) return null;
    const base = renderPinyinPlace(m[1]);
    return m[2] === '区'
      ? `${base} District`
      : m[2] === '新区'
        ? `${base} New Area`
        : m[2] === '县'
          ? `${base} County`
          : m[2] === '省'
            ? `${base} Province`
            : base;
  }

  private fromPattern(zh: string): string | null {
    // Rows sharing a tail bind the same place, so the first of them decides; longer tails are tried first.
    for (const n of this.index.tailLengths) {
      if (n > zh.length) continue;
      const e = this.index.byTail.get(zh.slice(zh.length - n));
      const place = zh.slice(0, -n);
      if (e && PLACE_CHARS.test(place)) return this.patternEn(e, place);
    }
    for (const { entry, whole } of this.index.others) {
      const m = whole.exec(zh);
      if (m) return this.patternEn(entry, m[1]);
    }
    return null;
  }

  /** A pattern row's English for the place it bound (南开区委 → the CPC Nankai District Committee). */
  patternEn(entry: TermEntry, place: string): string {
    return this.withFullName(entry.en.replace('{place_en}', this.placeEn(place)), place);
  }

  /** 市委 / 区委 / 市委常委会 … with the home place put in: generic rows of the term base are localised. */
  private withHome(zh: string): string | null {
    const level = zh[0];
    const place =
      level === '市'
        ? this.home.city
        : level === '区'
          ? this.home.district
          : level === '省'
            ? this.home.province
            : level === '县' || level === '旗'
              ? (this.home.county ?? null)
              : null;
    if (!place || !LEVEL[level]) return null;
    return this.fromPattern(place + zh);
  }

  /** A body or institution: exact row, pattern row with its place, or a generic row localised. */
  bodyEn(zh: string): string | null {
    const stripped = zh.replace(/^中共/u, '');
    const homeFirst = /^[市区省县旗]/u.test(stripped) ? this.withHome(stripped) : null;
    if (homeFirst) return homeFirst;
    const exact = this.exact.get(zh) ?? this.exact.get(stripped);
    if (exact) return this.localise(exact);
    const pattern = this.fromPattern(stripped);
    if (pattern) return pattern;
    // 天津市委宣传部 → 市委宣传部 when Tianjin is home.
    for (const place of [this.home.city, this.home.district, this.home.province]) {
      if (place && stripped.startsWith(place)) {
        const rest = stripped.slice(place.length);
        const r =
          rest &&
          (this.exact.get(rest)
            ? this.localise(this.exact.get(rest)!)
            : /^[市区省]/u.test(rest)
              ? this.withHome(rest)
              : null);
        if (r) return r;
      }
    }
    return null;
  }

  /** Generic rows written for Tianjin (市委 → the CPC Tianjin Municipal Committee) follow the home city. */
  localise(entry: TermEntry): string {
    if (/\{(place_en|place_full|committee)\}/u.test(entry.en)) return this.fillHome(entry);
    // 我市 / 本市 is the home city, whichever it is.
    if (/^(我|本|全)市$/u.test(entry.zh)) return this.home.city ? this.placeEn(this.home.city) : 'the city';
    if (/^(我|本|全)区$/u.test(entry.zh))
      return this.home.district ? `${this.placeEn(this.home.district)} District` : 'the district';
    // Rows written for Tianjin (市委, 副市长, 市政府新闻办) follow the home city, unless they name Tianjin (天津港).
    if (this.home.city && this.home.city !== '天津' && !/(天津|津)/u.test(entry.zh) && entry.en.includes('Tianjin')) {
      return entry.en.replaceAll('Tianjin', this.placeEn(this.home.city));
    }
    if (this.home.district && /^区/u.test(entry.zh)) {
      const district = this.placeEn(this.home.district);
      return entry.en
        .replace(/the CPC district committee/u, `the CPC ${district} District Committee`)
        .replace(/the district government/u, `the ${district} District People's Government`);
    }
    return entry.en;
  }

  /** A generic row of a level (区委组织部, 县政协): the home place of that level, or the level in lower case. */
  private fillHome(entry: TermEntry): string {
    const zh = entry.zh.replace(/^中共/u, '');
    // 自治区党委 → the CPC Guangxi Zhuang Autonomous Regional Committee: {committee} and {place_full} of the region.
    if (/\{(place_full|committee)\}/u.test(entry.en)) {
      const region = /^自治区/u.test(zh) && this.home.province ? this.place(this.home.province, ['region']) : null;
      if (region) return entry.en.replace('{committee}', committeeOf(region)).replace('{place_full}', region.fullEn);
      return entry.en.replace('{committee}', 'CPC regional committee').replace('{place_full}', 'autonomous region');
    }
    const level = zh[0];
    const home =
      level === '市'
        ? (this.home.city ?? '天津')
        : level === '区'
          ? this.home.district
          : level === '县' || level === '旗'
            ? (this.home.county ?? null)
            : level === '省'
              ? this.home.province
              : null;
    if (home) return this.patternEn(entry, home);
    return entry.en
      .replace(
        /\{place_en\} (District|County|Provincial|Municipal|Banner) Committee/gu,
        (_, w: string) => `${w.toLowerCase()} committee`,
      )
      .replace(/\{place_en\} (District|County|Provincial|Municipal|Banner)/gu, (_, w: string) => w.toLowerCase())
      .replaceAll('{place_en} ', '');
  }

  /** A person's title: 市委常委 → member of the Standing Committee of the CPC Tianjin Municipal Committee. */
  titleEn(zh: string): string | null {
    // 市长, 区长, 省长 without a place name are the home place's.
    const county = this.home.county ?? null;
    const heads: Record<string, [string, string | null, PlaceLevel[]]> = {
      市长: ['mayor of', this.home.city, ['municipality', 'city', 'county-city']],
      副市长: ['vice mayor of', this.home.city, ['municipality', 'city', 'county-city']],
      区长: ['head of', this.home.district, ['district', 'new-area']],
      副区长: ['deputy head of', this.home.district, ['district', 'new-area']],
      省长: ['governor of', this.home.province, ['province']],
      副省长: ['vice governor of', this.home.province, ['province']],
      县长: ['head of', county, ['county']],
      副县长: ['deputy head of', county, ['county']],
      旗长: ['head of', county, ['banner']],
      副旗长: ['deputy head of', county, ['banner']],
    };
    const head = heads[zh];
    if (head && head[1]) {
      const listed = this.place(head[1], head[2]);
      if (listed) return `${head[0]} ${listed.fullEn}`;
      const generic = { 市: '', 区: '区', 省: '省', 县: '县', 旗: '旗' }[zh.replace(/^副/u, '')[0]] ?? '';
      return `${head[0]} ${this.placeWithLevel(`${head[1]}${generic}`)}`;
    }
    const direct = /^[市区省县旗]/u.test(zh) ? this.withHome(zh) : null;
    if (direct) return direct;
    const exact = this.exact.get(zh);
    if (exact && exact.kind === 'title') return this.localise(exact);
    const pattern = this.fromPattern(zh);
    if (pattern) return pattern;
    for (const [suffix, word] of TITLE_WORDS) {
      if (!zh.endsWith(suffix)) continue;
      const org = zh.slice(0, -suffix.length);
      if (org === '') return word;
      // 宣传部部长 in a chain after 市委常委 is the head of the committee's department.
      const orgEn =
        this.bodyEn(org) ??
        (/^[^市区省]{1,6}(部|办公室|委员会)$/u.test(org) ? this.bodyEn(`市委${org}`) : null) ??
        (org.endsWith('市') || org.endsWith('区') ? this.placeWithLevel(org) : null);
      if (!orgEn) return null;
      if (suffix === '市长' || suffix === '副市长') return `${word} of ${orgEn.replace(/^the /u, '')}`;
      return `${word} of ${orgEn}`;
    }
    return null;
  }

  /** 市委十二届三次全会 / 二十届三中全会 / 中国共产党天津市第十二届委员会第三次全体会议 → the third plenary session of … */
  meetingEn(zh: string): string | null {
    // A malformed number (二三届) renders nothing rather than "NaNth".
    const chineseNumber = (text: string) => {
      const n = itemNumber(text);
      if (n === null) throw new RangeError(text);
      return n;
    };
    try {
      return this.meetingEnOrThrow(zh, chineseNumber);
    } catch (error) {
      if (error instanceof RangeError) return null;
      throw error;
    }
  }

  private meetingEnOrThrow(zh: string, chineseNumber: (text: string) => number): string | null {
    const central = /^(?:党的)?([一二三四五六七八九十]+)届([一二三四五六七八九十]+)中全会$/u.exec(zh);
    if (central)
      return `the ${ordinalWord(chineseNumber(central[2]))} plenary session of the ${ordinalNumber(chineseNumber(central[1]))} CPC Central Committee`;
    const short =
      /^(?:中共)?([\p{Script=Han}]{0,6}?)([市区省县])委([一二三四五六七八九十]+)届([一二三四五六七八九十]+)次全会$/u.exec(
        zh,
      );
    if (short) {
      const body = this.committeeEn(short[1], short[2]);
      return `the ${ordinalWord(chineseNumber(short[4]))} plenary session of the ${ordinalNumber(chineseNumber(short[3]))} ${body}`;
    }
    const long =
      /^中国共产党([\p{Script=Han}]{2,12}?)第([一二三四五六七八九十]+)届委员会第([一二三四五六七八九十]+)次全体会议$/u.exec(
        zh,
      );
    if (long) {
      const m = /([^省市区县]{2,4})([市区省县])$/u.exec(long[1]);
      if (!m) return null;
      return `the ${ordinalWord(chineseNumber(long[3]))} plenary session of the ${ordinalNumber(chineseNumber(long[2]))} ${this.committeeEn(m[1], m[2])}`;
    }
    return null;
  }

  /** CPC Tianjin Municipal Committee / CPC Nankai District Committee (without "the"). */
  committeeEn(place: string, level: string): string {
    // 成都市武侯 → 武侯 for a district committee; 中共 is already in "CPC".
    const name = (place ?? '')
      .replace(/^中共/u, '')
      .replace(level === '市' || level === '省' ? /^$/u : /^.*[省市](?=[^省市]{2,}$)/u, '');
    const resolved =
      name ||
      (level === '市'
        ? this.home.city
        : level === '区'
          ? this.home.district
          : level === '省'
            ? this.home.province
            : level === '县'
              ? (this.home.county ?? null)
              : null);
    const bare = resolved ? resolved.replace(/[市区省县]$/u, '') : null;
    const listed = bare ? this.place(bare, LEVELS_OF_WORD[LEVEL[level].word]) : null;
    if (listed) return committeeOf(listed);
    const placeName = bare ? this.placeEn(bare) : null;
    return placeName ? `CPC ${placeName} ${LEVEL[level].word} Committee` : `CPC ${LEVEL[level].generic} committee`;
  }
}
