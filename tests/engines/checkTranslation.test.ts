import { describe, expect, it } from 'vitest';
import { checkTranslation } from '../../pipeline/engines/checkTranslation.ts';

const glossary = [
  { zh: '两个确立', en: 'the "Two Establishments"' },
  { zh: '市委', en: 'CPC Tianjin Municipal Committee' },
  { zh: '市委书记', en: 'secretary of the CPC Tianjin Municipal Committee' },
];

describe('checkTranslation', () => {
  it('accepts the house renderings of Chinese figures', () => {
    expect(checkTranslation('总投资额502亿元', 'a total investment of 50.2 billion yuan', [])).toEqual([]);
    expect(checkTranslation('895万余元', 'more than 8.95 million yuan', [])).toEqual([]);
    expect(checkTranslation('同比改善2.3%', 'an improvement of 2.3 percent year on year', [])).toEqual([]);
    expect(checkTranslation('共2587名学生', '2,587 students in all', [])).toEqual([]);
    expect(checkTranslation('1.3万亿元', '1.3 trillion yuan', [])).toEqual([]);
    expect(checkTranslation('10万人', '100,000 people', [])).toEqual([]);
    expect(checkTranslation('增长１５．７％', 'up by 15.7 percent', [])).toEqual([]);
    expect(checkTranslation('2023年5月31日', 'May 31, 2023', [])).toEqual([]);
    expect(checkTranslation('7个领域', 'seven sectors', [])).toEqual([]);
    expect(
      checkTranslation(
        'PM2.5年均浓度43微克/立方米',
        'average PM2.5 concentration was 43 micrograms per cubic meter',
        [],
      ),
    ).toEqual([]);
  });

  it('flags a dropped or wrongly scaled number', () => {
    expect(
      checkTranslation(
        '总投资额502亿元，新设机构261家',
        'a total investment of 5.02 billion yuan, 261 new branches',
        [],
      ),
    ).toEqual(['number 502亿 missing']);
    expect(checkTranslation('增长3.5%', 'a strong increase', [])).toEqual(['number 3.5 missing']);
  });

  it('flags a glossary term rendered otherwise, case and leading "the" aside', () => {
    expect(checkTranslation('坚持两个确立', 'uphold the two affirmations', glossary)).toEqual([
      'term 两个确立 missing (expected "the "Two Establishments"")',
    ]);
    expect(checkTranslation('坚持两个确立', 'uphold the “two establishments”', glossary)).toEqual([]);
    expect(checkTranslation('坚持两个确立', 'Two Establishments must be upheld', glossary)).toEqual([]);
  });

  it('checks a term nested in a longer one through the longer term only', () => {
    expect(
      checkTranslation('市委书记讲话', 'The secretary of the CPC Tianjin Municipal Committee spoke', glossary),
    ).toEqual([]);
    expect(
      checkTranslation('市委书记讲话', 'The Party chief of the CPC Tianjin Municipal Committee spoke', glossary),
    ).toEqual(['term 市委书记 missing (expected "secretary of the CPC Tianjin Municipal Committee")']);
  });

  it('flags an empty answer and Chinese left in the answer', () => {
    expect(checkTranslation('全会召开', '  ', [])).toEqual(['empty translation']);
    expect(checkTranslation('全会召开', 'The 全会 was held', [])).toEqual(['Chinese characters left: 全会']);
  });
});
