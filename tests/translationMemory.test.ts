// The translation memory renders 市 and 区 for the place the text is about: 市委 in a Baotou communiqué is Baotou's,
// 区委 in a Nankai resolution is Nankai's while 市委 there is Tianjin's; Tianjin only where the Chinese names it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMemoryTsv, similarity, TranslationMemory } from '../pipeline/bilingual/translationMemory.ts';
import { articleSegments } from '../pipeline/bilingual/index.ts';
import { loadTextResources, processSource } from '../pipeline/textPipeline.ts';
import { ROOT } from './helpers.ts';

const memory = TranslationMemory.load();
const baotou = { city: 'Baotou', district: null };
const tianjin = { city: 'Tianjin', district: null };
const nankai = { city: 'Tianjin', district: 'Nankai' };

describe('the seed memory', () => {
  it('says Tianjin only in rows whose Chinese names Tianjin (天津, 津沽, 京津)', () => {
    const rows = parseMemoryTsv(readFileSync(path.join(ROOT, 'data', 'memory.tsv'), 'utf8'));
    const unnamed = rows.filter((r) => r.en.includes('Tianjin') && !/天津|津沽|京津/u.test(r.zh)).map((r) => r.zh);
    expect(unnamed).toEqual([]);
    expect(rows.filter((r) => /\{(city|district)_en\}/u.test(r.en)).length).toBeGreaterThan(10);
  });
});

describe('lookup for the place of the text', () => {
  it('renders 市 rows for a city that is not Tianjin', () => {
    const cdi = memory.lookup('市纪律检查委员会常务委员会委员和有关方面负责同志列席会议。', baotou);
    expect(cdi?.en).toContain('the Standing Committee of the Baotou Municipal Commission for Discipline Inspection');
    expect(memory.lookup('出席这次全会有，市委委员45名，市委候补委员6名。', baotou)?.en).toBe(
      '45 members and 6 alternate members of the CPC Baotou Municipal Committee attended the session.',
    );
    expect(memory.lookup('全会由市委常委会主持。', baotou)?.en).toBe(
      'The session was presided over by the Standing Committee of the CPC Baotou Municipal Committee.',
    );
    for (const zh of [
      '我市党的二十大代表和市十二次党代会代表中的部分基层同志列席会议。',
      '不折不扣落实党中央和市委决策部署',
    ]) {
      const en = memory.lookup(zh, baotou)?.en ?? '';
      expect(en).toContain('Baotou');
      expect(en).not.toContain('Tianjin');
    }
  });

  it('renders them for Tianjin in a Tianjin text, and keeps Tianjin where the Chinese names it', () => {
    expect(memory.lookup('全会由市委常委会主持。', tianjin)?.en).toBe(
      'The session was presided over by the Standing Committee of the CPC Tianjin Municipal Committee.',
    );
    expect(memory.lookup('深入学习贯彻习近平总书记视察天津重要讲话精神', baotou)?.en).toContain(
      'inspection of Tianjin',
    );
    expect(memory.lookup('推动京津冀协同发展走深走实', baotou)?.en).toContain('Beijing-Tianjin-Hebei');
  });

  it('fills 市 with the city and 区 with the district in a district text', () => {
    expect(memory.lookup('在以习近平总书记为核心的党中央坚强领导下，在市委正确领导下，', nankai)?.en).toContain(
      'the sound leadership of the CPC Tianjin Municipal Committee',
    );
    expect(memory.lookup('全会由区委常委会主持。', nankai)?.en).toBe(
      'The session was presided over by the Standing Committee of the CPC Nankai District Committee.',
    );
    const delegates = memory.lookup(
      '我区党的二十大代表、市第十二次党代会代表和区第十二次党代会代表中的部分基层同志列席会议。',
      nankai,
    )?.en;
    expect(delegates).toContain('the 12th CPC Tianjin Municipal Congress and the 12th CPC Nankai District Congress');
  });

  it('renders nothing rather than guess a place the text does not name', () => {
    const nowhere = { city: null, district: null };
    expect(memory.lookup('全会由市委常委会主持。', nowhere)).toBeNull();
    // The 市 row stays a near match for the 区 sentence, a suggestion only, with the city the text names.
    const near = memory.lookup('全会由区委常委会主持。', baotou);
    expect(near?.score).toBeLessThan(1);
    expect(near?.en).toContain('Baotou Municipal');
    expect(memory.lookup('出席这次全会有，区委委员31名，区委候补委员5名。', tianjin)).toBeNull();
  });
});

describe('similarity', () => {
  it('counts characters, not UTF-16 code units, for Han characters outside the basic plane', () => {
    expect(similarity('𠀀会', '𠀁会')).toBe(0.5);
    expect(similarity('𠀀', '𠀀会')).toBe(0.5);
    expect(similarity('全会强调', '全会指出')).toBe(0.5);
    expect(similarity('全会强调', '')).toBe(0);
  });
});

describe('through the text stages', () => {
  const resources = loadTextResources();
  const english = (text: string) =>
    processSource('x.txt', new TextEncoder().encode(text), { issueDate: '2024-12-21' }, resources)
      .value!.articles.flatMap(articleSegments)
      .filter((s) => s.enStatus === 'memory' || s.enStatus === 'rule')
      .map((s) => s.en ?? '');

  it('gives a Baotou communiqué Baotou bodies and never Tianjin', () => {
    const en = english(
      [
        '中国共产党包头市第十四届委员会第七次全体会议公报',
        '',
        '中国共产党包头市第十四届委员会第七次全体会议，于2024年12月20日在包头召开。',
        '',
        '出席这次全会有，市委委员45名，市委候补委员6名。市纪律检查委员会常务委员会委员和有关方面负责同志列席会议。',
        '',
        '全会由市委常委会主持。',
        '',
      ].join('\n'),
    );
    expect(en.join(' ')).toContain('45 members and 6 alternate members of the CPC Baotou Municipal Committee');
    expect(en.join(' ')).toContain('Baotou Municipal Commission for Discipline Inspection');
    expect(en.join(' ')).toContain('the Standing Committee of the CPC Baotou Municipal Committee');
    expect(en.join(' ')).not.toContain('Tianjin');
  });

  it('gives a Nankai resolution the Nankai district and the Tianjin city', () => {
    const en = english(
      [
        '中国共产党天津市南开区第十二届委员会第十一次全体会议决议',
        '',
        '中国共产党天津市南开区第十二届委员会第十一次全体会议，于2024年12月20日召开。',
        '',
        '出席这次全会有，区委委员30名，区委候补委员3名。我区党的二十大代表、市第十二次党代会代表和区第十二次党代会代表中的部分基层同志列席会议。',
        '',
      ].join('\n'),
    ).join(' ');
    expect(en).toContain('30 members and 3 alternate members of the CPC Nankai District Committee');
    expect(en).toContain('the 12th CPC Tianjin Municipal Congress and the 12th CPC Nankai District Congress');
    expect(en).not.toContain('Nankai Municipal');
  });
});
