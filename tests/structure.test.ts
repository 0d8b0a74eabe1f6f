// structure on sentences of our own: speakers with chained titles, questions and near misses, clause leads, items.
import { describe, expect, it } from 'vitest';
import { classifyGenre } from '../pipeline/structure/classifyGenre.ts';
import { findPeople, mergePeople } from '../pipeline/domain/personMentions.ts';
import { parseNumberedItems } from '../pipeline/structure/parseNumberedItems.ts';
import {
  isQuestionLine,
  labelledSpeakers,
  parseQuestionsAndAnswers,
} from '../pipeline/structure/parseQuestionsAndAnswers.ts';
import {
  CLAUSE_LEAD,
  parseMeeting,
  parseReportSections,
  parseResolutionClauses,
} from '../pipeline/structure/parseResolutionClauses.ts';
import { readTurn } from '../pipeline/structure/speakerTurns.ts';
import { eventDateOf } from '../pipeline/structure/eventDate.ts';
import { findIssueDate } from '../pipeline/structure/resolveDates.ts';
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
    // An answer under 答： is the answer itself: no summary line.
    expect(second.answerLead).toBeNull();
    expect(second.answer.map((a) => a.zh)).toEqual(['完善住房、子女教育等配套政策。']);
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

// Issue 8: forms real pages use. Every sentence below is invented.
describe('speakers’ labels in transcripts and interviews', () => {
  const qaOf = (sections: ReturnType<typeof parseQuestionsAndAnswers>) =>
    sections.filter((s): s is Extract<(typeof sections)[number], { kind: 'qa' }> => s.kind === 'qa');

  it('reads 记者：…？答：… on one line as a question and its answer', () => {
    const qa = qaOf(
      parseQuestionsAndAnswers(
        lines(
          ['body', '记者：夜间集市开放后，噪声扰民怎么解决？答：我们划定了经营时段，22时后一律停止外放音乐。'],
          ['body', '记者：摊位费怎么收？答：前三个月免收摊位费。'],
        ),
        [],
      ),
    );
    expect(qa.map((q) => [q.question.zh, q.answer[0]?.zh])).toEqual([
      ['夜间集市开放后，噪声扰民怎么解决？', '我们划定了经营时段，22时后一律停止外放音乐。'],
      ['摊位费怎么收？', '前三个月免收摊位费。'],
    ]);
  });

  it('takes a broadcaster’s question that ends in 谢谢, with or without a question mark', () => {
    expect(isQuestionLine('我想请问局长，今年在老旧厂房改造方面有什么新打算？谢谢。')).toBe(true);
    expect(isQuestionLine('沿江步道建成后很受欢迎。请问下一步如何延伸到上游，谢谢。')).toBe(true);
    // Near misses: thanks inside a quotation, an answer that thanks the audience.
    expect(isQuestionLine('“谢谢你们！”老人拉着志愿者的手说。')).toBe(false);
    expect(isQuestionLine('这就是我们今年的主要考虑。谢谢大家。')).toBe(false);
    expect(isQuestionLine('谢谢。')).toBe(false);
  });

  it('gives each answer to the speaker its label names: a name, a title and a name, an office', () => {
    const sections = parseQuestionsAndAnswers(
      lines(
        ['body', '主持人：下面开始提问。'],
        ['body', '东江广播电视台记者：'],
        ['body', '今年新增的托育名额怎么分配？谢谢。'],
        ['body', '市卫生健康委主任 江慧敏：'],
        ['body', '谢谢你的提问。新增名额优先向双职工家庭倾斜。'],
        ['body', '这项工作难不难？确实不容易，但必须做好。'],
        ['body', '滨海日报记者：普惠托育的收费标准会不会上调？'],
        ['body', '江慧敏：今年不会上调。'],
        ['body', '问：托育机构的监管由谁负责？'],
        ['body', '市市场监管局有关负责人：由属地市场监管所按月巡查。'],
      ),
      [],
    );
    expect(sections[0]).toMatchObject({ kind: 'paragraph' });
    const qa = qaOf(sections);
    expect(qa.map((q) => q.question.zh)).toEqual([
      '今年新增的托育名额怎么分配？谢谢。',
      '普惠托育的收费标准会不会上调？',
      '托育机构的监管由谁负责？',
    ]);
    // The rhetorical question inside the first answer stays in the answer.
    expect(qa[0].answer.map((a) => a.zh)).toEqual([
      '谢谢你的提问。新增名额优先向双职工家庭倾斜。',
      '这项工作难不难？确实不容易，但必须做好。',
    ]);
    expect(qa.map((q) => q.speakers.map((s) => `${s.name}:${s.titles.map((t) => t.zh).join('、')}`))).toEqual([
      ['江慧敏:市卫生健康委主任'],
      ['江慧敏:'],
      ['市市场监管局有关负责人:'],
    ]);
  });

  it('reads labels: askers, answerers, hosts, and lines that only look like labels', () => {
    expect(readTurn('中央广播电视总台央视记者：请问…')?.role).toBe('question');
    expect(readTurn('▲南岭晚报记者：如何防止政策空转？')?.role).toBe('question');
    expect(readTurn('主持人（市政府新闻办副主任罗静）：欢迎各位。')?.role).toBe('host');
    expect(readTurn('[邵晓明]各位记者朋友，大家好。')).toMatchObject({ role: 'answer', speaker: { name: '邵晓明' } });
    expect(readTurn('外交部发言人 鲁文清：这不是事实。')?.speaker).toEqual({
      name: '鲁文清',
      titles: ['外交部发言人'],
    });
    // A byline with a colon, a time line, a statement with a colon and a speech verb: no turns.
    expect(readTurn('记者：邱晓岚 韩东')).toBeNull();
    expect(readTurn('时间：2025年3月1日')).toBeNull();
    expect(readTurn('会议强调：要守牢安全底线。')).toBeNull();
    expect(readTurn('罗志强说：“我们会坚持下去。”')).toBeNull();
  });

  it('adds named speakers to the people, never an office or a placeholder', () => {
    const speakers = labelledSpeakers(
      lines(
        ['body', '原标题：老城改造新进展'],
        ['body', '记者：改造何时完成？'],
        ['body', '何振邦：年底前完成。'],
        ['body', '记者：资金从哪里来？'],
        ['body', '区住建局有关负责人：市区两级财政共同承担。'],
      ),
    );
    expect(speakers).toEqual([{ name: '何振邦', titles: [] }]);
  });
});

describe('genre from evidence, not length', () => {
  const signals = (over: Partial<Parameters<typeof classifyGenre>[0]>) =>
    classifyGenre({
      title: '标题',
      subtitle: null,
      body: [],
      hasAdoptionLine: false,
      hasColumn: false,
      hasPenName: false,
      hasNewsByline: false,
      hasPortraitCaption: false,
      headings: 0,
      ...over,
    }).genre;

  it('keeps a short 答记者问 with one question a press conference', () => {
    expect(
      signals({
        title: '区医保局负责同志就门诊报销新规答问',
        body: lines(['body', '问：新规何时施行？'], ['body', '答：自下月起施行。']),
      }),
    ).toBe('press-conference');
    expect(signals({ title: '夜市开张了', body: lines(['body', '问：几点开门？'], ['body', '答：傍晚六点。']) })).toBe(
      'press-conference',
    );
  });

  it('reads a commentary from its ——评 subtitle', () => {
    expect(
      signals({
        title: '让城市更有温度',
        subtitle: '——评我市“暖心驿站”建设',
        body: lines(['body', '一座城市的温度，藏在细节里。']),
      }),
    ).toBe('commentary');
  });

  it('files an action plan with two top-level items as a plan, a numbered notice as another document', () => {
    const body = lines(
      ['subhead', '一、工作目标'],
      ['body', '到年底建成示范点10个。'],
      ['subhead', '二、重点任务'],
      ['body', '推进垃圾分类。'],
    );
    expect(signals({ title: '某市推进城乡环境整治工作方案', body })).toBe('action-plan');
    expect(signals({ title: '关于做好汛期值班工作的通知', body })).toBe('other');
  });

  it('keeps a paper’s report of a plenary news (with its clauses) and the communiqué a resolution', () => {
    const body = lines(
      ['body', '本报讯（记者 周明）昨天，中共某市委十三届六次全会召开。'],
      ['body', '全会指出，要稳住工业基本盘。'],
      ['body', '全会强调，要抓好民生实事。'],
      ['body', '全会要求，各级干部要真抓实干。'],
    );
    expect(signals({ title: '市委十三届六次全会召开', body, hasNewsByline: true })).toBe('news');
    expect(signals({ title: '中共某市委十三届六次全会公报', body })).toBe('resolution');
    expect(parseReportSections(body).map((s) => (s.kind === 'clause' ? s.lead : s.kind))).toEqual([
      'paragraph',
      '全会指出',
      '全会强调',
      '全会要求',
    ]);
  });

  it('tells a feature by subheads, people quoted and a scene for an opening', () => {
    const body = lines(
      ['body', '清晨的码头上，渔船一艘艘靠岸。'],
      ['subhead', '老渔港的新生意'],
      ['body', '“现在鱼还没上岸就卖掉了。”船老大钱有根笑着说。'],
      ['subhead', '从卖鱼到卖风景'],
      ['body', '渔港改造后，游客多了起来。'],
    );
    expect(signals({ title: '渔港的早晨', body, headings: 2, hasNewsByline: true })).toBe('feature');
  });
});

describe('dates: the issue from the page, the event never after it', () => {
  it('takes the e-paper date line as the issue date, not a site clock or a signature', () => {
    expect(findIssueDate('今天是：2025年03月12日 星期三 欢迎访问本站\n发布时间：2025-02-27\n正文')).toEqual({
      iso: '2025-02-27',
      from: 'posting-line',
    });
    expect(findIssueDate('东江日报\n2022年02月19日 星期六\n第03版：要闻\n本报讯 3月1日，…')?.iso).toBe('2022-02-19');
    expect(findIssueDate('2025年03月09日\n第A3版：城事\n标题\n正文。')?.iso).toBe('2025-03-09');
    expect(findIssueDate('时间：12/28/2024 09:22:10 来源：某网')?.iso).toBe('2024-12-28');
    const notice = [
      '发布日期：2025-04-03',
      '某某通知',
      '一、…',
      '二、…',
      '三、…',
      '四、…',
      '某市人民政府办公室',
      '2025年4月1日',
    ];
    expect(findIssueDate(notice.join('\n'))?.iso).toBe('2025-04-03');
  });

  it('resolves 昨天 and 日 against the issue, and never dates a report after its paper', () => {
    const at = (paragraphs: string[], issueDate = '2022-02-19') =>
      eventDateOf({ adoption: null, lead: null, paragraphs, byline: null, signature: '', issueDate })?.mention.iso ??
      null;
    expect(at(['本报讯（记者 林海）昨天下午，全市春季植树活动启动。会议要求2月23日前完成任务。'])).toBe('2022-02-18');
    // A meeting planned for later is not the event; 日前 leaves the day unknown.
    expect(at(['市里将于2月23日召开推进会，部署春耕工作。'])).toBeNull();
    expect(at(['日前，市里印发通知，定于2月23日召开推进会。'])).toBeNull();
    expect(at(['记者18日从市交通局获悉，新线路已开通。'])).toBe('2022-02-18');
    // Across the new year: 12月30日 in a paper of 2 January is last year's.
    expect(at(['12月30日，跨年灯会开幕。'], '2025-01-02')).toBe('2024-12-30');
    expect(at(['今天是传统的元宵节，街头巷尾张灯结彩。'])).toBeNull();
  });
});

describe('people beyond title + name', () => {
  const names = (text: string) => mergePeople(findPeople(text)).map((p) => p.name);

  it('finds people named by their role, their age or the quotation they close', () => {
    expect(names('“水管修好了，心也踏实了。”家住河西社区的居民郝春来说。')).toEqual(['郝春来']);
    expect(names('种粮大户满仓说，今年的麦子长势好。村民蒋秀英一边分拣一边说。')).toEqual(['蒋秀英']);
    expect(names('62岁的鲍德林每天清早都来公园打拳。')).toEqual(['鲍德林']);
    expect(names('“先把路修通。”邬长海一边比划一边说。')).toEqual(['邬长海']);
  });

  it('reads titles written after the name', () => {
    const people = mergePeople(
      findPeople('会上，冉秋云（市文旅局副局长）介绍了情况。讲解的人叫屈永年，县农业农村局高级农艺师，已干了二十年。'),
    );
    expect(people.map((p) => [p.name, p.titles.map((t) => t.zh)])).toEqual([
      ['冉秋云', ['市文旅局副局长']],
      ['屈永年', []],
    ]);
  });

  it('takes no form of address, placeholder, common noun or interface word for a name', () => {
    expect(names('来自外地的游客李女士说，景区很干净。')).toEqual([]);
    expect(names('市民王先生表示支持。犯罪嫌疑人张某已被刑拘。')).toEqual([]);
    expect(names('企业负责人表示，订单已排到年底。相关负责人介绍，项目进展顺利。')).toEqual([]);
    expect(names('广大党员干部要真抓实干。群众关心的问题有了回音。工作人员向记者介绍了流程。')).toEqual([]);
    expect(names('居民满意度达到95%。市民高品质生活有了保障。')).toEqual([]);
  });

  it('keeps reporters separated by spaces apart in the byline', () => {
    expect(parseByline(['本报记者 王芳 李明'])?.reporters).toEqual(['王芳', '李明']);
    expect(parseByline(['记者　欧阳晓晴　石磊'])?.reporters).toEqual(['欧阳晓晴', '石磊']);
  });
});

describe('traditional script is structured on its simplified conversion', () => {
  it('gives a traditional page the genre, clauses and questions of its simplified text', async () => {
    const { processSource, loadTextResources } = await import('../pipeline/textPipeline.ts');
    const OpenCC = await import('opencc-js');
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const resources = loadTextResources();
    const pages = [
      [
        '中共某县委十五届四次全会决议',
        '（2024年12月20日中国共产党某县第十五届委员会第四次全体会议通过）',
        '中国共产党某县第十五届委员会第四次全体会议，于2024年12月20日召开。',
        '全会指出，过去一年全县经济稳中向好。',
        '全会强调，要坚持稳中求进工作总基调。',
        '全会号召，全县上下团结奋斗。',
      ],
      [
        '县政府新闻办举行新闻发布会',
        '记者：今年在稳就业方面有哪些举措？',
        '答：我们将开发公益岗位两千个。',
        '记者：政策如何兑现？谢谢。',
        '答：符合条件的人员可以在线申请。',
      ],
    ];
    const shape = (text: string) => {
      const a = processSource('x.txt', new TextEncoder().encode(text), { issueDate: '2024-12-21' }, resources).value!
        .articles[0];
      return { genre: a.genre, title: a.title.zh, kinds: a.sections.map((s) => s.kind) };
    };
    for (const page of pages) {
      const simplified = page.join('\n\n');
      const traditional = toTraditional(simplified);
      expect(traditional).not.toBe(simplified);
      expect(shape(traditional)).toEqual(shape(simplified));
    }
    expect(shape(toTraditional(pages[0].join('\n\n'))).genre).toBe('resolution');
    expect(shape(toTraditional(pages[1].join('\n\n'))).kinds.filter((k) => k === 'qa')).toHaveLength(2);
  });
});

describe('bylines that do not say 记者', () => {
  it('reads a trailing （name） as the reporter, but not 本报讯 or an agency', () => {
    expect(parseByline(['（邝海宁）'])?.reporters).toEqual(['邝海宁']);
    expect(parseByline(['本报讯'])?.reporters).toEqual([]);
    expect(parseByline(['新华社'])?.reporters).toEqual([]);
  });
});

describe('deeper numbering and clause leads with adverbs', () => {
  it('nests 1. under （一） under 一、 and counts only the top level', () => {
    const body = lines(
      ['subhead', '一、总体要求'],
      ['body', '到2027年建成示范园区3个。'],
      ['subhead', '二、重点任务'],
      ['subhead', '（一）壮大主导产业'],
      ['body', '1.做强装备制造。支持龙头企业扩能。'],
      ['body', '2.做优新材料。建设产业园。'],
      ['subhead', '（二）推动数字化转型'],
      ['body', '1.实施智能化改造。'],
      ['subhead', '三、保障措施'],
    );
    const items = parseNumberedItems(body).filter((s) => s.kind === 'item');
    expect(items.map((i) => (i.kind === 'item' ? i.number : 0))).toEqual([1, 2, 3]);
    const second = items[1] as Extract<(typeof items)[number], { kind: 'item' }>;
    expect(second.children.map((c) => [c.heading.zh, c.children.map((g) => g.heading.zh)])).toEqual([
      ['壮大主导产业', ['做强装备制造', '做优新材料']],
      ['推动数字化转型', ['实施智能化改造']],
    ]);
  });

  it('reads 全会还强调 and 全会同时指出 as clause leads, not 全会还听取了', () => {
    expect(CLAUSE_LEAD.exec('全会还强调，要守牢底线。')?.[0]).toBe('全会还强调');
    expect(CLAUSE_LEAD.exec('全会同时指出，差距仍然存在。')?.[0]).toBe('全会同时指出');
    expect(CLAUSE_LEAD.test('全会还听取了有关情况的通报。')).toBe(false);
  });
});

describe('questions set as subheads and names of four characters', () => {
  it('opens a question from a subhead that asks, in a conference write-up', () => {
    const qa = parseQuestionsAndAnswers(
      lines(
        ['subhead', '老旧管网怎么改？'],
        ['body', '分片施工，先易后难。'],
        ['subhead', '改造要点'],
        ['body', '施工期间保障供水。'],
      ),
      [],
    );
    expect(qa.map((s) => s.kind)).toEqual(['qa', 'heading', 'paragraph']);
  });

  it('reads a double surname with two given characters', () => {
    expect(mergePeople(findPeople('市发展改革委主任欧阳立平，市教育局局长蔡文涛出席。')).map((p) => p.name)).toEqual([
      '欧阳立平',
      '蔡文涛',
    ]);
    expect(mergePeople(findPeople('。司马文静表示，要抓落实。')).map((p) => p.name)).toEqual(['司马文静']);
  });
});

describe('plain labels in brackets and plans numbered from （一）', () => {
  it('reads 【问】 and 【答】 as a question and its answer', () => {
    expect(readTurn('【问】补贴怎么申请？')).toMatchObject({ role: 'question', rest: '补贴怎么申请？' });
    expect(readTurn('【答】在线申请即可。')).toMatchObject({ role: 'answer', speaker: null });
  });

  it('takes （一） as the top level when a plan has no 一、', () => {
    const items = parseNumberedItems(
      lines(['subhead', '（一）优化审批流程'], ['body', '1.压缩时限。'], ['subhead', '（二）强化要素保障']),
    );
    expect(items.map((s) => (s.kind === 'item' ? [s.number, s.children.length] : s.kind))).toEqual([
      [1, 1],
      [2, 0],
    ]);
  });
});

describe('decks and titles in a sentence', () => {
  it('takes a bare name under a commentary’s ——评 subtitle for its writer, not a deck', async () => {
    const { processSource, loadTextResources } = await import('../pipeline/textPipeline.ts');
    const text = [
      '让小巷子通向大民生',
      '——评我区背街小巷整治',
      '柯一帆',
      '背街小巷连着千家万户。整治不是一刷了之，而要久久为功。',
      '小巷虽小，民生事大。',
    ].join('\n\n');
    const a = processSource('x.txt', new TextEncoder().encode(text), {}, loadTextResources()).value!.articles[0];
    expect([a.genre, a.title.zh, a.subtitle?.zh, a.penName]).toEqual([
      'commentary',
      '让小巷子通向大民生',
      '——评我区背街小巷整治',
      '柯一帆',
    ]);
  });

  it('cuts the sentence off a title: 请到了 is not part of 市住建局局长', () => {
    const people = mergePeople(findPeople('今天我们请到了市住建局局长葛振声，请他介绍情况。'));
    expect(people.map((p) => [p.name, p.titles.map((t) => t.zh)])).toEqual([['葛振声', ['市住建局局长']]]);
  });
});

describe('issue 8: structure on page types it was not tuned on', () => {
  const run = async (text: string, meta = {}) => {
    const { processSource, loadTextResources } = await import('../pipeline/textPipeline.ts');
    const result = processSource('x.txt', new TextEncoder().encode(text), meta, loadTextResources());
    return result.value!;
  };
  const qaCount = (a: { sections: { kind: string }[] }) => a.sections.filter((s) => s.kind === 'qa').length;

  it('reads a host-led interview: the host asks, the guest’s name answers', async () => {
    const { articles } = await run(
      [
        '石建平：把乡村课堂办到云端',
        '主持人：各位网友好，今天的嘉宾是省教育学会副会长石建平先生。石会长您好。',
        '石建平：主持人好，网友们好。',
        '主持人：您这次最关心哪件事？',
        '石建平：我最关心山区学校的网课设备，今年要再配齐两百所。',
        '主持人：老师们怎么适应新课堂？',
        '石建平：我们每月办一次线上培训，手把手教。',
        '主持人：感谢您的分享，我们下期再见。',
      ].join('\n\n'),
      { issueDate: '2025-03-01' },
    );
    const a = articles[0];
    expect([a.genre, qaCount(a)]).toEqual(['press-conference', 2]);
    expect(a.people.map((p) => p.name)).toContain('石建平');
  });

  it('reads speaker labels in brackets, with a media’s reporter asking and a titled official answering', () => {
    expect(readTurn('[南方日报记者]：补贴何时到账？[10:05]')).toMatchObject({ role: 'question' });
    expect(readTurn('【市交通局副局长欧阳晓岚】：我来回答。')).toMatchObject({
      role: 'answer',
      speaker: { name: '欧阳晓岚', titles: ['市交通局副局长'] },
    });
    expect(readTurn('[主持人]：请记者提问。')).toMatchObject({ role: 'host' });
  });

  it('splits a transcript whose turns were glued into one line after each time mark', async () => {
    const { splitTranscriptTurns } = await import('../pipeline/structure/splitTranscriptTurns.ts');
    const glued = '[主持人]：请提问。[09:30][晨报记者]：停车难怎么办？[09:31][韩立新]：正在建车位。[09:32]';
    const out = splitTranscriptTurns(lines(['body', glued]));
    expect(out.map((l) => l.text)).toEqual([
      '[主持人]：请提问。[09:30]',
      '[晨报记者]：停车难怎么办？[09:31]',
      '[韩立新]：正在建车位。[09:32]',
    ]);
    expect(out.map((l) => glued.slice(l.start, l.end))).toEqual(out.map((l) => l.text));
  });

  it('gives answers under a title alone to the interviewee the introduction names', () => {
    expect(readTurn('局长：今年新建了三个站点。')).toMatchObject({ role: 'answer', speaker: null });
    const people = mergePeople(findPeople('本报记者专访了市水务局局长钱立群。'));
    const sections = parseQuestionsAndAnswers(
      lines(
        ['body', '本报记者专访了市水务局局长钱立群。'],
        ['body', '记者：汛期准备得怎样？'],
        ['body', '局长：泵站都已检修完毕。'],
      ),
      people,
    );
    const qa = sections.filter((s) => s.kind === 'qa');
    expect(qa.map((s) => (s.kind === 'qa' ? s.speakers.map((p) => p.name) : []))).toEqual([['钱立群']]);
  });

  it('reads numbered questions (问一：, 一问：) and strips the number from the question', () => {
    const sections = parseQuestionsAndAnswers(
      lines(
        ['body', '问一：新办法适用于哪些人？'],
        ['body', '答：全市参保职工。'],
        ['body', '二问：何时施行？'],
        ['body', '二答：明年1月1日起。'],
      ),
      [],
    );
    expect(sections.map((s) => (s.kind === 'qa' ? s.question.zh : s.kind))).toEqual([
      '新办法适用于哪些人？',
      '何时施行？',
    ]);
  });

  it('keeps a 全会强调 sentence quoted in a commentary a paragraph, not a clause', async () => {
    const { articles } = await run(
      [
        '把蓝图变成施工图',
        '本报评论员',
        '全会强调，要把发展的着力点放在实体经济上。这句话分量很重。',
        '蓝图已经绘就，关键在于落实。每一个部门都要拿出时间表。',
      ].join('\n\n'),
      { issueDate: '2025-12-01' },
    );
    expect(articles[0].genre).toBe('commentary');
    expect(articles[0].sections.filter((s) => s.kind === 'clause')).toEqual([]);
  });

  it('takes a relayed report under lettered subheads for news, not a feature', () => {
    const genre = classifyGenre({
      title: '侨校师生走进古城',
      subtitle: null,
      body: lines(
        ['body', '据新加坡《联合早报》报道，一批侨校师生日前来到古城参观。'],
        ['subhead', 'A 城门下的历史课'],
        ['body', '“书上的古城就在眼前。”一名学生说。'],
        ['subhead', 'B 结对交朋友'],
        ['body', '师生们还将与本地学校结对。'],
      ),
      hasAdoptionLine: false,
      hasColumn: false,
      hasPenName: false,
      hasNewsByline: true,
      hasPortraitCaption: false,
      headings: 2,
      wireDateline: true,
    }).genre;
    expect(genre).toBe('news');
  });

  it('takes a photo-news item whose caption is the whole text for news', () => {
    const genre = classifyGenre({
      title: '银杏大道染金黄',
      subtitle: null,
      body: [],
      hasAdoptionLine: false,
      hasColumn: false,
      hasPenName: false,
      hasNewsByline: false,
      hasPortraitCaption: false,
      headings: 0,
      hasCaption: true,
    }).genre;
    expect(genre).toBe('news');
  });

  it('dates the issue by the page line over a weekday line elsewhere, and by a site’s spaced publication label', () => {
    expect(findIssueDate('2026年1月5日 星期一\n第3版：城事 2025-06-14\n正文。')).toEqual({
      iso: '2025-06-14',
      from: 'page-header',
    });
    const spaced = '发 文 日 期 2025-03-02\n文 号 某政发〔2025〕3号   上 载 日 期 2025-03-04\n正文。';
    expect(findIssueDate(spaced)?.iso).toBe('2025-03-04');
    expect(findIssueDate('成文日期：2025-03-02\n正文。')?.iso).toBe('2025-03-02');
  });

  it('resolves an agency dateline in Chinese numerals against the issue date', () => {
    const input = {
      adoption: null,
      lead: null,
      paragraphs: ['货运班列今年开行破千列。'],
      signature: '',
      issueDate: '2025-11-27',
    };
    expect(eventDateOf({ ...input, byline: '中新社兰州十一月二十六日电' })?.mention.iso).toBe('2025-11-26');
    expect(
      eventDateOf({ ...input, paragraphs: ['记者二十五日从市口岸办获悉，班列提速。'], byline: null })?.mention.iso,
    ).toBe('2025-11-25');
    expect(eventDateOf({ ...input, paragraphs: ['昨日，首趟冷链班列发车。'], byline: null })?.mention.iso).toBe(
      '2025-11-26',
    );
    expect(
      eventDateOf({ ...input, paragraphs: ['二〇二五年十一月二十日，首趟班列发出。'], byline: null })?.mention.iso,
    ).toBe('2025-11-20');
  });
  it('finds a person after an occupation or role noun, a minority name only with a verb of saying', () => {
    const names = (t: string) => findPeople(t).map((m) => m.name);
    expect(names('退休教师方秀英端着碗说，菜很好。')).toEqual(['方秀英']);
    expect(names('种植户何国栋告诉记者，今年增收。')).toEqual(['何国栋']);
    expect(names('在河边放羊的牧民扎西尼玛说，草场变好了。')).toEqual(['扎西尼玛']);
    expect(names('牧民扎西尼玛赶着羊群回家。')).toEqual([]);
    expect(names('消费者纷纷表示，价格合理。')).toEqual([]);
    expect(names('志愿者们都说，很开心。')).toEqual([]);
    expect(names('游客李先生说，很好。')).toEqual([]);
  });

  it('reads title + name + 女士/先生 as the name, in the text and in a label', () => {
    const people = mergePeople(findPeople('今天的嘉宾是市商会会长廖志勇先生。'));
    expect(people.map((p) => [p.name, p.titles.map((t) => t.zh)])).toEqual([['廖志勇', ['市商会会长']]]);
    expect(readTurn('廖志勇先生：谢谢主持人。')).toMatchObject({ role: 'answer', speaker: { name: '廖志勇' } });
  });

  it('takes a witnessed report that opens its second paragraph with 昨日上午7时许 for news, not a feature', () => {
    const genre = classifyGenre({
      title: '路口护栏被撞坏',
      subtitle: null,
      body: lines(
        ['subhead', '读者来电'],
        ['body', '市民孙先生来电说，路口的护栏歪了，“走路都得绕着走”，他说。'],
        ['subhead', '记者探访'],
        ['body', '昨日上午9时30分许，记者在现场看到，护栏倒向人行道。'],
      ),
      hasAdoptionLine: false,
      hasColumn: false,
      hasPenName: false,
      hasNewsByline: false,
      hasPortraitCaption: false,
      headings: 2,
    }).genre;
    expect(genre).toBe('news');
  });
});
