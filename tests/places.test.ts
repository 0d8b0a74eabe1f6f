// Titles and bodies for the place a text is about, at every level: 30 provinces, 30 prefecture-level cities,
// 30 districts and 30 counties from the gazetteer, each rendered by the pattern official English uses.
import { describe, expect, it } from 'vitest';
import { detectHome, Localizer } from '../pipeline/bilingual/localizer.ts';
import { committeeOf, loadGazetteer, type Place } from '../pipeline/domain/gazetteer.ts';
import { loadTermBase } from '../pipeline/domain/termBase.ts';

const gazetteer = loadGazetteer();
const terms = loadTermBase();
const localizer = (text: string) => new Localizer(detectHome(text, gazetteer), terms, gazetteer);

/** Every k-th place of a level, spread over the whole country, plus the ones named. */
function sample(levels: Place['level'][], named: string[], count = 30): Place[] {
  const all = gazetteer.places.filter((p) => levels.includes(p.level) && [...p.short].length >= 2);
  // Names shared by several divisions (鼓楼区) need a city to choose: the sample takes unique ones.
  const unique = all.filter((p) => gazetteer.byName.get(p.short)!.filter((q) => levels.includes(q.level)).length === 1);
  const chosen = named.map((zh) => unique.find((p) => p.zh === zh)!).filter(Boolean);
  const step = Math.floor(unique.length / count);
  for (let i = 0; chosen.length < count; i += step) if (!chosen.includes(unique[i])) chosen.push(unique[i]);
  return chosen;
}

const parentShort = (p: Place) => p.parent.replace(/(市|省|自治区|壮族自治区|回族自治区|维吾尔自治区)$/u, '');

describe('titles at each level follow the pattern of official English', () => {
  it('provinces, autonomous regions and municipalities: secretary of the CPC … Committee, governor, chairman', () => {
    const places = sample(
      ['province', 'region', 'municipality'],
      ['浙江省', '陕西省', '广西壮族自治区', '天津市'],
    ).filter((p) => p.short !== '台湾');
    expect(places.length).toBe(30);
    let right = 0;
    for (const p of places) {
      const expected =
        p.level === 'province'
          ? { sec: `secretary of the CPC ${p.en} Provincial Committee`, head: `governor of ${p.en} Province` }
          : p.level === 'region'
            ? { sec: `secretary of the ${committeeOf(p)}`, head: `chairman of the ${p.fullEn}` }
            : { sec: `secretary of the CPC ${p.en} Municipal Committee`, head: `mayor of ${p.en}` };
      const [secZh, headZh] =
        p.level === 'province'
          ? ['省委书记', '省长']
          : p.level === 'region'
            ? ['自治区党委书记', '自治区主席']
            : ['市委书记', '市长'];
      const loc = localizer(`${p.zh}${secZh}出席会议。${p.zh}召开会议。`);
      if (loc.titleEn(secZh) === expected.sec && loc.titleEn(headZh) === expected.head) right += 1;
      else expect([p.zh, loc.titleEn(secZh), loc.titleEn(headZh)]).toEqual([p.zh, expected.sec, expected.head]);
    }
    expect(right).toBe(30);
  });

  it('prefecture-level cities: secretary of the CPC X Municipal Committee, mayor of X', () => {
    const places = sample(['city'], ['西安市', '哈尔滨市', '成都市', '鄂尔多斯市']);
    for (const p of places) {
      const loc = localizer(`${p.zh}市委书记出席${p.zh}会议。${p.short}市长讲话。`);
      expect([p.zh, loc.titleEn('市委书记'), loc.titleEn('市长'), loc.bodyEn('市委常委会')]).toEqual([
        p.zh,
        `secretary of the CPC ${p.en} Municipal Committee`,
        `mayor of ${p.en}`,
        `the Standing Committee of the CPC ${p.en} Municipal Committee`,
      ]);
    }
  });

  it('districts: secretary of the CPC X District Committee, head of X District', () => {
    const places = sample(['district', 'new-area'], ['南开区', '滨海新区', '武侯区', '浦东新区']);
    for (const p of places) {
      const loc = localizer(`${p.parent}${p.zh}区委书记出席${p.zh}会议。${p.zh}召开会议。`);
      expect([p.zh, loc.titleEn('区委书记'), loc.titleEn('区长'), loc.bodyEn('区委组织部')]).toEqual([
        p.zh,
        `secretary of the CPC ${p.fullEn} Committee`,
        `head of ${p.fullEn}`,
        `the Organization Department of the CPC ${p.fullEn} Committee`,
      ]);
    }
  });

  it('counties: secretary of the CPC X County Committee, head of X County', () => {
    const places = sample(['county'], ['长兴县', '长阳土家族自治县', '蔚县', '安吉县']);
    for (const p of places) {
      const loc = localizer(`${parentShort(p)}市${p.zh}县委书记出席${p.zh}会议。${p.zh}召开会议。`);
      expect([p.zh, loc.titleEn('县委书记'), loc.titleEn('县长'), loc.bodyEn('县政协')]).toEqual([
        p.zh,
        `secretary of the CPC ${p.fullEn} Committee`,
        `head of ${p.fullEn}`,
        `the ${p.fullEn} Committee of the Chinese People's Political Consultative Conference`,
      ]);
    }
  });

  it('names as official English writes them, not as bare pinyin', () => {
    const en = (zh: string) => gazetteer.places.find((p) => p.zh === zh)?.fullEn;
    expect(en('南开区')).toBe('Nankai District');
    expect(en('长兴县')).toBe('Changxing County');
    expect(en('西安市')).toBe("Xi'an");
    expect(en('陕西省')).toBe('Shaanxi Province');
    expect(en('滨海新区')).toBe('Binhai New Area');
    expect(en('长阳土家族自治县')).toBe('Changyang Tujia Autonomous County');
    expect(en('鄂温克族自治旗')).toBe('Ewenki Autonomous Banner');
    expect(en('延边朝鲜族自治州')).toBe('Yanbian Korean Autonomous Prefecture');
    expect(en('蔚县')).toBe('Yuxian County');
    expect(localizer('天津市南开区委书记出席。南开区').titleEn('区委书记')).toBe(
      'secretary of the CPC Nankai District Committee',
    );
    expect(localizer('湖州市长兴县委书记出席。长兴县').titleEn('县长')).toBe('head of Changxing County');
  });

  it('holds every county-level division with its English and source', () => {
    const counts = new Map<string, number>();
    for (const p of gazetteer.places) counts.set(p.level, (counts.get(p.level) ?? 0) + 1);
    expect(counts.get('county')).toBeGreaterThan(1300);
    expect(counts.get('district')).toBeGreaterThan(900);
    expect(counts.get('county-city')).toBeGreaterThan(380);
    expect(counts.get('banner')).toBeGreaterThan(45);
    for (const p of gazetteer.places) {
      expect(p.en, p.zh).toMatch(/^[A-Z][A-Za-z' -]+$/u);
      expect(p.source === 'pinyin' || /^(https?:\/\/|conventional)/u.test(p.source), p.zh).toBe(true);
    }
  });
});
