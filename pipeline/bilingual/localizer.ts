// Renders bodies, titles, places and meetings for the place the text is about: 市委 in a Chongqing text is
// the CPC Chongqing Municipal Committee, 区委 in a Nankai text the CPC Nankai District Committee.
import { wordSegmenter } from '../domain/wordSegmenter.ts';
import { placeMentions, type Gazetteer } from '../domain/gazetteer.ts';
import type { TermEntry } from '../domain/termBase.ts';
import { itemNumber } from '../domain/chineseNumerals.ts';
import { ordinalNumber, ordinalWord } from './renderNumbers.ts';
import { renderPinyinPlace } from './renderPinyinName.ts';

export interface Home {
  /** City without 市 (天津), district without 区 (南开), province without 省. */
  city: string | null;
  district: string | null;
  province: string | null;
}

function countNames(text: string, names: Set<string>, places: Gazetteer): Map<string, number> {
  const starts = new Set([...wordSegmenter.segment(text)].map((w) => w.index));
  return new Map(
    [...placeMentions(text, names, places, (at) => starts.has(at))].map(([name, at]) => [name, at.length]),
  );
}

/** The place a text is about: the city and province it names most, the district whose committee it names. */
export function detectHome(text: string, places: Gazetteer): Home {
  const top = (counts: Map<string, number>) =>
    [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? null;
  const districtCounts = new Map<string, number>();
  for (const m of text.matchAll(
    /([^\s\p{P}\d市省区县和与及同共党的在对等]{2,3}?)区(?=委|第[一二三四五六七八九十]+届)/gu,
  )) {
    if (!/^(城|全|我|本|该|各|新|市|郊|社|辖|景|示|先|开|保|自|特|经济|核心|中心|地区|城区)/u.test(m[1]))
      districtCounts.set(m[1], (districtCounts.get(m[1]) ?? 0) + 1);
  }
  const cities = countNames(text, places.cities, places);
  // 吉林 and 北京 are also provinces or municipalities: a province wins only where the text says 省.
  const provinces = new Map(
    [...countNames(text, places.provinces, places)].filter(
      ([p]) => text.includes(`${p}省`) || text.includes(`${p}自治区`),
    ),
  );
  return { city: top(cities), district: top(districtCounts), province: top(provinces) };
}

const LEVEL: Record<string, { word: string; generic: string }> = {
  市: { word: 'Municipal', generic: 'municipal' },
  区: { word: 'District', generic: 'district' },
  省: { word: 'Provincial', generic: 'provincial' },
  县: { word: 'County', generic: 'county' },
};

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

export class Localizer {
  readonly home: Home;
  private readonly exact = new Map<string, TermEntry>();
  private readonly patterns: TermEntry[];

  constructor(home: Home, entries: TermEntry[]) {
    this.home = home;
    for (const e of entries) if (!e.pattern) this.exact.set(e.zh, e);
    this.patterns = entries.filter((e) => e.pattern);
  }

  placeEn(place: string): string {
    const known = this.exact.get(place) ?? this.exact.get(`${place}区`) ?? this.exact.get(`${place}市`);
    if (known && known.kind === 'place') return known.en.replace(/ District$/u, '').replace(/^the /u, '');
    return renderPinyinPlace(place);
  }

  /** A place as it stands in a text: 南开区 → Nankai District, 武侯区 → Wuhou District, 成都 → Chengdu. */
  placeWithLevel(zh: string): string | null {
    const known = this.exact.get(zh);
    if (known && known.kind === 'place') return known.en;
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
    for (const e of this.patterns) {
      const m = new RegExp(`^${e.pattern!.source}$`, 'u').exec(zh);
      if (m) return e.en.replace('{place_en}', this.placeEn(m[1]));
    }
    return null;
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
            : null;
    if (!place || !LEVEL[level]) return null;
    return this.fromPattern(place + zh);
  }

  /** A body or institution: exact row, pattern row with its place, or a generic row localised. */
  bodyEn(zh: string): string | null {
    const stripped = zh.replace(/^中共/u, '');
    const homeFirst = /^[市区省]/u.test(stripped) ? this.withHome(stripped) : null;
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

  /** A person's title: 市委常委 → member of the Standing Committee of the CPC Tianjin Municipal Committee. */
  titleEn(zh: string): string | null {
    // 市长, 区长, 省长 without a place name are the home place's.
    const heads: Record<string, [string, string | null]> = {
      市长: ['mayor of', this.home.city],
      副市长: ['vice mayor of', this.home.city],
      区长: ['head of', this.home.district && `${this.home.district}区`],
      副区长: ['deputy head of', this.home.district && `${this.home.district}区`],
      省长: ['governor of', this.home.province && `${this.home.province}省`],
      副省长: ['vice governor of', this.home.province && `${this.home.province}省`],
      县长: ['head of', null],
    };
    const head = heads[zh];
    if (head && head[1]) return `${head[0]} ${this.placeWithLevel(head[1])}`;
    const direct = /^[市区省]/u.test(zh) ? this.withHome(zh) : null;
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
            : null);
    const placeName = resolved ? this.placeEn(resolved.replace(/[市区省县]$/u, '')) : null;
    return placeName ? `CPC ${placeName} ${LEVEL[level].word} Committee` : `CPC ${LEVEL[level].generic} committee`;
  }
}
