// structure on sentences of our own: speakers with chained titles, questions and near misses, clause leads, items.
import { describe, expect, it } from 'vitest';
import { classifyGenre } from '../pipeline/structure/classifyGenre.ts';
import { findPeople, mergePeople } from '../pipeline/domain/personMentions.ts';
import { parseNumberedItems } from '../pipeline/structure/parseNumberedItems.ts';
import { isQuestionLine, parseQuestionsAndAnswers } from '../pipeline/structure/parseQuestionsAndAnswers.ts';
import { CLAUSE_LEAD, parseMeeting, parseResolutionClauses } from '../pipeline/structure/parseResolutionClauses.ts';
import { parseByline } from '../pipeline/structure/parseByline.ts';
import type { CleanLine, LineRole } from '../pipeline/domain/types.ts';

const lines = (...specs: [LineRole, string][]): CleanLine[] =>
  specs.map(([role, text], i) => ({ role, text, start: i * 100, end: i * 100 + text.length }));

describe('people', () => {
  it('reads chained titles before a name, across 、 and ，', () => {
    const people = mergePeople(findPeople('市委新闻发言人，市委常委、市委秘书长刘振华介绍，今年以来……'));
    expect(people).toEqual([
      {
        name: '刘振华',
        en: null,
        firstMention: expect.any(Number),
        titles: [
          { zh: '市委新闻发言人', en: null },
          { zh: '市委常委', en: null },
          { zh: '市委秘书长', en: null },
        ],
      },
    ]);
  });

  it('finds a name after its titles, a caption with a space, and a speaker named alone later', () => {
    const names = mergePeople(
      findPeople('全会由区委书记周雪梅主持。▶学院党委书记 何建国\n。何建国表示，要抓落实。'),
    ).map((p) => p.name);
    expect(names).toEqual(['周雪梅', '何建国']);
  });

  it('does not take verbs or bodies for names', () => {
    expect(mergePeople(findPeople('总书记强调，全会认为，市委常委会研究。')).map((p) => p.name)).not.toContain('强调');
  });
});

describe('bylines', () => {
  it('separates reporters, correspondents and agencies', () => {
    expect(parseByline(['本报讯(记者 刘青 通讯员 王晓)'])).toMatchObject({
      reporters: ['刘青'],
      correspondents: ['王晓'],
      agency: null,
    });
    expect(parseByline(['新华社南京3月5日电（记者 张帆）'])).toMatchObject({ reporters: ['张帆'], agency: '新华社' });
  });
});

describe('questions and answers', () => {
  it('knows a question line from an answer that asks a rhetorical question', () => {
    expect(isQuestionLine('明年如何稳住工业“压舱石”？')).toBe(true);
    expect(isQuestionLine('今年经济运行情况如何？明年有哪些新举措？')).toBe(true);
    expect(isQuestionLine('项目从哪里来？靠的是招商引资，靠的是营商环境。')).toBe(false);
    expect(isQuestionLine('问：老旧小区改造进展如何？')).toBe(true);
  });

  it('groups a question, its summary answer, the answer body and the speaker', () => {
    const sections = parseQuestionsAndAnswers(
      lines(
        ['body', '如何推动产业升级？'],
        ['body', '以智能制造为主攻方向，全面提升产业链水平。'],
        ['body', '市工业和信息化局局长孙丽华表示，今年将新培育专精特新企业50家。'],
        ['body', '孙丽华说，项目从哪里来？靠的是服务。'],
        ['body', '怎样留住人才？'],
        ['body', '答：完善住房、子女教育等配套政策。'],
      ),
      [],
    );
    expect(sections.map((s) => s.kind)).toEqual(['qa', 'qa']);
    const [first, second] = sections as Extract<(typeof sections)[number], { kind: 'qa' }>[];
    expect(first.answerLead?.zh).toBe('以智能制造为主攻方向，全面提升产业链水平。');
    expect(first.answer).toHaveLength(2);
    expect(first.speakers).toEqual([{ name: '孙丽华', titles: [{ zh: '市工业和信息化局局长', en: null }] }]);
    expect(second.answerLead?.zh).toBe('完善住房、子女教育等配套政策。');
  });
});

describe('resolutions and items', () => {
  it('leads clauses with 全会 + verb, keeps 全会由 and 全会听取 in the preamble', () => {
    const sections = parseResolutionClauses(
      lines(
        ['body', '全会由区委常委会主持。全会听取了工作报告。'],
        ['body', '全会一致认为，过去一年成绩显著。'],
        ['body', '全会对做好明年经济工作作出部署。'],
        ['body', '全会号召，全区上下团结奋斗！'],
      ),
    );
    expect(sections.map((s) => (s.kind === 'clause' ? s.lead : s.kind))).toEqual([
      'preamble',
      '全会一致认为',
      '全会对做好明年经济工作作出部署',
      '全会号召',
    ]);
    expect(CLAUSE_LEAD.test('会议认为，要加强领导。')).toBe(true);
  });

  it('reads the session and attendance', () => {
    expect(
      parseMeeting('中国共产党成都市武侯区第十届委员会第七次全体会议。出席这次全会有，区委委员31名，区委候补委员5名。'),
    ).toMatchObject({
      meeting: { term: 10, session: 7 },
      attendance: { members: 31, alternates: 5 },
    });
  });

  it('nests （一） under 一、 and collects 要… points', () => {
    const sections = parseNumberedItems(
      lines(
        ['body', '为推动高质量发展，制定本方案。'],
        ['subhead', '一、实施产业升级行动'],
        ['body', '要培育先进制造业集群。'],
        ['subhead', '二、实施营商环境优化行动'],
        ['subhead', '（一）深化政务服务改革'],
        ['body', '要推行“一网通办”。'],
        ['subhead', '（二）强化要素保障'],
      ),
    );
    expect(sections.map((s) => s.kind)).toEqual(['paragraph', 'item', 'item']);
    const second = sections[2] as Extract<(typeof sections)[number], { kind: 'item' }>;
    expect(second.number).toBe(2);
    expect(second.children.map((c) => [c.number, c.heading.zh, c.points.length])).toEqual([
      [1, '深化政务服务改革', 1],
      [2, '强化要素保障', 0],
    ]);
  });

  it('does not call a news report with 一是/二是 an action plan', () => {
    const { genre } = classifyGenre({
      title: '招聘会提供岗位1.2万个',
      subtitle: null,
      body: lines(['body', '此次招聘会呈现三个特点：一是岗位质量高；二是覆盖面广；三是方式便捷。']),
      hasAdoptionLine: false,
      hasColumn: false,
      hasPenName: false,
      hasNewsByline: true,
      hasPortraitCaption: false,
      headings: 0,
    });
    expect(genre).toBe('news');
  });
});

describe('malformed numbers stay text', () => {
  it('does not make items of 二三、 or 0. and reads no session from 二三届', () => {
    const sections = parseNumberedItems(
      lines(
        ['subhead', '二三、重点任务'],
        ['subhead', '0. 保障措施'],
        ['subhead', '一、总体要求'],
        ['body', '要坚持稳中求进。'],
      ),
    );
    expect(sections.map((s) => (s.kind === 'item' ? s.number : s.kind))).toEqual(['heading', 'heading', 1]);
    expect(parseMeeting('中共某市委二三届四次全会决议').meeting).toBeNull();
  });
});

describe('places from the gazetteer', () => {
  it('finds cities and provinces named as places, not inside words, streets or common words', async () => {
    const { processSource, loadTextResources } = await import('../pipeline/textPipeline.ts');
    const text =
      '株洲市召开会议\n\n本报讯 株洲市与湖南省有关部门在南京路召开会议，研究打造便捷出海口，出口白银制品。\n';
    const result = processSource('x.txt', new TextEncoder().encode(text), {}, loadTextResources());
    const places = result.value!.articles[0].places.map((p) => `${p.zh}=${p.en}`);
    expect(places).toEqual(expect.arrayContaining(['株洲市=Zhuzhou', '湖南省=Hunan Province']));
    expect(places.join(' ')).not.toMatch(/南京|海口|白银/u);
  });
});
