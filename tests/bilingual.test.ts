// The offline English side on sentences of our own: names, places, figures, dates, titles of recurring forms,
// bodies for the place a text is about, terms and the translation memory.
import { describe, expect, it } from 'vitest';
import { detectHome, Localizer } from '../pipeline/bilingual/localizer.ts';
import { renderHeadlineByRule } from '../pipeline/bilingual/renderHeadlineByRule.ts';
import { renderDate, renderFigure } from '../pipeline/bilingual/renderNumbers.ts';
import { glossaryPinyin, renderPinyinName, renderPinyinPlace } from '../pipeline/bilingual/renderPinyinName.ts';
import { renderSentenceByRule } from '../pipeline/bilingual/renderSentenceByRule.ts';
import { similarity, TranslationMemory } from '../pipeline/bilingual/translationMemory.ts';
import { extractFigures } from '../pipeline/structure/extractFigures.ts';
import { findDates } from '../pipeline/structure/resolveDates.ts';
import { matchTerms } from '../pipeline/domain/matchTerms.ts';
import { loadTermBase } from '../pipeline/domain/termBase.ts';
import { loadGazetteer } from '../pipeline/domain/gazetteer.ts';

const terms = loadTermBase();
const gazetteer = loadGazetteer();
const localizer = (text: string) => new Localizer(detectHome(text, gazetteer), terms, gazetteer);

describe('names and places in pinyin', () => {
  it('writes surname first, given name joined, apostrophe before a, o, e', () => {
    expect(renderPinyinName('陈敏尔')).toBe("Chen Min'er");
    expect(renderPinyinName('张工')).toBe('Zhang Gong');
    expect(renderPinyinName('欧阳海燕')).toBe('Ouyang Haiyan');
    expect(renderPinyinName('单雪梅')).toBe('Shan Xuemei'); // surname reading, not dān
    expect(renderPinyinName('吕方')).toBe('Lu Fang');
    expect(renderPinyinPlace('西安')).toBe("Xi'an");
    expect(renderPinyinPlace('武侯')).toBe('Wuhou');
  });

  it('gives tone-marked pinyin for the glossary', () => {
    expect(glossaryPinyin('两个确立')).toMatch(/liǎng ?gè ?quèlì/u);
  });
});

describe('figures and dates', () => {
  const en = (text: string) => extractFigures(text).map(renderFigure);
  it('renders money, counts and percentages in agency style', () => {
    expect(en('总投资502亿元')).toEqual(['50.2 billion yuan']);
    expect(en('发放助学金895万余元')).toEqual(['more than 8.95 million yuan']);
    expect(en('同比增长3.5%')).toEqual(['3.5 percent']);
    expect(en('清理草皮面积超2万平方米')).toEqual(['more than 20,000 square meters']);
    expect(en('近3000人参加')).toEqual(['about 3,000 people']);
    expect(en('营业收入1.2万亿元')).toEqual(['1.2 trillion yuan']);
    expect(en('新增岗位1860个')).toEqual(['1,860']);
  });

  it('keeps values in base units with bounds', () => {
    expect(extractFigures('895万余元')[0]).toMatchObject({ value: 8950000, unit: '元', bound: 'lower' });
    expect(extractFigures('5.8%左右')[0]).toMatchObject({ value: 5.8, unit: '%', bound: 'approx' });
    expect(extractFigures('第四届展会')).toEqual([]);
  });

  it('resolves full, partial and relative dates, and Chinese-numeral years', () => {
    expect(renderDate('2023-05-31')).toBe('May 31, 2023');
    expect(findDates('二〇二九年五月一日', null)[0].iso).toBe('2029-05-01');
    const issue = '2024-03-02';
    expect(findDates('3月1日，区里召开会议', issue)[0]).toMatchObject({ iso: '2024-03-01', kind: 'month-day' });
    expect(findDates('1日，会议召开', issue)[0]).toMatchObject({ iso: '2024-03-01', kind: 'day' });
    expect(findDates('昨日，会议召开', issue)[0]).toMatchObject({ iso: '2024-03-01', kind: 'relative' });
    expect(findDates('2月27日至28日召开', issue).map((d) => d.iso)).toEqual(['2024-02-27']);
    expect(findDates('5月30日', null)[0].iso).toBeNull();
    expect(findDates('儿童节日快乐', issue)).toEqual([]);
  });
});

describe('bodies, titles and recurring headlines for the place the text is about', () => {
  it('finds the home city, district and province', () => {
    expect(detectHome('中共成都市武侯区委十届七次全会决议。武侯区委常委会……成都', gazetteer)).toMatchObject({
      city: '成都',
      district: '武侯',
    });
    expect(detectHome('中国共产党浙江省第十六届委员会第四次全体会议在杭州举行，浙江省委', gazetteer)).toMatchObject({
      province: '浙江',
    });
  });

  it('renders 市委 of another city for that city, and 区委 for the district', () => {
    const chongqing = localizer('重庆市委召开会议，重庆市委书记出席');
    expect(chongqing.bodyEn('市委')).toBe('the CPC Chongqing Municipal Committee');
    expect(chongqing.titleEn('市委常委')).toBe(
      'member of the Standing Committee of the CPC Chongqing Municipal Committee',
    );
    expect(chongqing.titleEn('市长')).toBe('mayor of Chongqing');
    const wuhou = localizer('成都市武侯区委全会，武侯区委书记出席');
    expect(wuhou.titleEn('区委书记')).toBe('secretary of the CPC Wuhou District Committee');
    expect(wuhou.titleEn('区长')).toBe('head of Wuhou District');
  });

  it('renders titles of resolutions, communiqués, adoption lines and press conferences by rule', () => {
    const xuzhou = localizer('徐州市委十三届十次全会 徐州');
    expect(renderHeadlineByRule('中共徐州市委十三届十次全会决议', xuzhou)).toBe(
      'Resolution of the Tenth Plenary Session of the 13th CPC Xuzhou Municipal Committee',
    );
    expect(renderHeadlineByRule('中国共产党四川省第十二届委员会第五次全体会议公报', localizer('四川省'))).toBe(
      'Communiqué of the Fifth Plenary Session of the 12th CPC Sichuan Provincial Committee',
    );
    expect(
      renderHeadlineByRule(
        '（2025年1月9日中国共产党重庆市江北区第十四届委员会第八次全体会议通过）',
        localizer('江北区委'),
      ),
    ).toBe('(Adopted at the eighth plenary session of the 14th CPC Jiangbei District Committee on January 9, 2025)');
    expect(renderHeadlineByRule('市委召开新闻发布会解读市委十三届十次全会精神', xuzhou)).toBe(
      'CPC Xuzhou Municipal Committee holds press conference on the guiding principles of the tenth plenary session of the 13th CPC Xuzhou Municipal Committee',
    );
    expect(renderHeadlineByRule('城市更新让老街焕发新活力', xuzhou)).toBeNull();
    expect(localizer('').meetingEn('二十届三中全会')).toBe(
      'the third plenary session of the 20th CPC Central Committee',
    );
  });

  it('renders the formulaic sentence of when a session met', () => {
    expect(
      renderSentenceByRule(
        '中国共产党江苏省第十四届委员会第九次全体会议，于2025年1月20日至21日在南京召开。',
        localizer('江苏省'),
      ),
    ).toBe(
      'The ninth plenary session of the 14th CPC Jiangsu Provincial Committee was held in Nanjing from January 20 to 21, 2025.',
    );
  });
});

describe('term base', () => {
  it('matches longest first and binds the place of a pattern row', () => {
    const hits = matchTerms('推动京津冀协同发展走深走实，南开区委常委会研究部署', terms);
    expect(hits.map((h) => h.zh)).toContain('京津冀协同发展');
    expect(hits.map((h) => h.zh)).not.toContain('京津冀');
    const nankai = hits.find((h) => h.zh.startsWith('南开区委'));
    expect(nankai?.zh).toBe('南开区委常委会');
  });

  it('does not bind a verb as a place (完善市委…)', () => {
    // The {place}市委 pattern alone would bind 要完善 here and 完善 in the second text: no pattern row may match.
    for (const text of ['要完善市委工作机制', '完善市委工作机制']) {
      const hits = matchTerms(text, terms);
      expect(hits.filter((h) => h.entry.pattern !== null).map((h) => `${h.zh} (${h.place})`)).toEqual([]);
      expect(hits.map((h) => h.zh)).toContain('市委');
    }
  });
});

describe('translation memory', () => {
  const memory = new TranslationMemory([]);
  memory.add(
    '全会由市委常委会主持。',
    'The session was presided over by the Standing Committee of the CPC Tianjin Municipal Committee.',
    'test',
  );

  it('matches exactly, ignoring the width of punctuation and white space', () => {
    expect(memory.lookup('全会由市委常委会主持。', null)?.score).toBe(1);
    expect(memory.lookup(' 全会由市委常委会主持。', null)?.score).toBe(1);
  });

  it('matches fuzzily above the threshold with the score, and not below it', () => {
    const fuzzy = memory.lookup('全会由区委常委会主持。', null);
    expect(fuzzy).not.toBeNull();
    expect(fuzzy!.score).toBeGreaterThanOrEqual(0.85);
    expect(fuzzy!.score).toBeLessThan(1);
    expect(memory.lookup('会议听取了工作报告。', null)).toBeNull();
    expect(similarity('abcdef', 'abcdef')).toBe(1);
    expect(similarity('全会强调', '全会指出')).toBe(0.5);
  });

  it('fills placeholders of pattern rows from the seed memory', () => {
    const seed = TranslationMemory.load();
    const hit = seed.lookup('出席这次全会有，区委委员31名，区委候补委员5名。', 'Wuhou');
    expect(hit?.en).toBe(
      '31 members and 5 alternate members of the CPC Wuhou District Committee attended the session.',
    );
  });
});

describe('ranges', () => {
  it('keeps both ends of a range and renders it with "to"', () => {
    const [years] = extractFigures('用3至5年时间');
    expect(years).toMatchObject({ value: 3, valueTo: 5, unit: '年', bound: 'approx' });
    expect(renderFigure(years)).toBe('3 to 5 years');
    expect(extractFigures('2023年5月，连续3年保持增长')).toMatchObject([{ text: '3年', value: 3 }]);
    expect(extractFigures('新建10—15个站点').map(renderFigure)).toEqual(['10 to 15']);
    expect(extractFigures('增长5%-8%').length).toBeGreaterThan(0);
    expect(extractFigures('投资2亿至3亿元').map(renderFigure)).toEqual(['200 million to 300 million yuan']);
  });
});

describe('formulaic sentences with people', () => {
  it('names who presided and who spoke, titles after the name', () => {
    const wuhou = localizer('成都市武侯区委全会，武侯区委书记出席');
    expect(renderSentenceByRule('全会由区委书记罗文涛主持。', wuhou)).toBe(
      'The session was presided over by Luo Wentao, secretary of the CPC Wuhou District Committee.',
    );
    expect(renderSentenceByRule('区委书记罗文涛代表区委常委会作了讲话。', wuhou)).toBe(
      'Luo Wentao, secretary of the CPC Wuhou District Committee, delivered a speech on behalf of the Standing Committee of the CPC Wuhou District Committee.',
    );
    expect(renderSentenceByRule('全会由区委常委会主持。', wuhou)).toBe(
      'The session was presided over by the Standing Committee of the CPC Wuhou District Committee.',
    );
    expect(renderSentenceByRule('某某某作了讲话。', wuhou)).toBeNull();
  });
});

describe('segments the rules cover in part', () => {
  it('stay pending, with the sentences already rendered as a draft note', async () => {
    const { processSource, loadTextResources } = await import('../pipeline/textPipeline.ts');
    const text = '中共某市委七届九次全会决议\n\n全会由市委书记周立群主持。全会听取和讨论了工作报告。\n';
    const result = processSource('x.txt', new TextEncoder().encode(text), {}, loadTextResources());
    const preamble = result.value!.articles[0].sections[0];
    expect(preamble.kind).toBe('preamble');
    if (preamble.kind !== 'preamble') return;
    expect(preamble.text.enStatus).toBe('pending');
    expect(preamble.text.en).toBeNull();
    expect(preamble.text.enNote).toMatch(
      /^partial \(1 of 2 sentences\): The session was presided over by Zhou Liqun, secretary of the CPC .* Municipal Committee\. \[…\]$/u,
    );
  });
});

describe('key terms of a pending paragraph', () => {
  it('list the English of its terms, bodies, people, places, figures and dates in order, and nothing else', async () => {
    const { processSource, loadTextResources } = await import('../pipeline/textPipeline.ts');
    const text =
      '长兴县召开推进会\n\n本报讯 2025年3月12日，长兴县委书记王立新在会上指出，要因地制宜发展新质生产力，' +
      '今年全县规模以上工业增加值同比增长6.5%，新增专精特新中小企业31家，总投资120亿元。\n';
    const result = processSource(
      'x.txt',
      new TextEncoder().encode(text),
      { issueDate: '2025-03-13' },
      loadTextResources(),
    );
    const article = result.value!.articles[0];
    const paragraph = article.sections.map((s) => ('text' in s ? s.text : null)).find((s) => s?.zh.includes('新质'))!;
    expect(paragraph.enStatus).toBe('pending');
    expect(paragraph.en).toBeNull();
    const keyTerms = paragraph.keyTerms ?? [];
    // The longest term wins: 新质生产力 inside 因地制宜发展新质生产力 is listed as the longer one.
    const en = (zh: string) => keyTerms.find((k) => k.zh === zh) ?? keyTerms.find((k) => k.zh.includes(zh));
    expect(en('2025年3月12日')).toEqual({ zh: '2025年3月12日', en: 'March 12, 2025', kind: 'date' });
    expect(en('长兴县委书记')?.en).toBe('secretary of the CPC Changxing County Committee');
    expect(en('王立新')).toEqual({ zh: '王立新', en: 'Wang Lixin', kind: 'person' });
    expect(en('新质生产力')?.en).toMatch(/new quality productive forces/u);
    expect(en('规模以上')?.en).toMatch(/above designated size/u);
    expect(en('同比')?.en).toBe('year on year');
    expect(en('6.5%')?.en).toBe('6.5 percent');
    expect(en('120亿元')?.en).toBe('12 billion yuan');
    expect(en('专精特新中小企业')?.en).toMatch(/specialized and sophisticated SMEs/u);
    // In the order of the text; each once; no entry repeats its Chinese as English.
    const order = keyTerms.map((k) => paragraph.zh.indexOf(k.zh));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(keyTerms.map((k) => k.zh)).size).toBe(keyTerms.length);
    for (const k of keyTerms) expect(k.en).not.toMatch(/\p{Script=Han}/u);
  });
});
