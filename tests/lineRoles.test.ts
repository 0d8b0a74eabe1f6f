// Line roles from evidence: page furniture of e-papers and portals leaves the body with its reason, never becomes a
// title, kicker or subtitle; sentences and short real headlines that share its words stay; briefs without blank
// lines split at each headline and 本报讯. Every page here is invented.
import { describe, expect, it } from 'vitest';
import { CleanDocument, type RawLine } from '../pipeline/clean/document.ts';
import { classifyLines, clean } from '../pipeline/clean/index.ts';
import { furnitureEvidence, isInterfaceWord } from '../pipeline/clean/lines/furnitureEvidence.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { split } from '../pipeline/split/index.ts';

function roles(page: string): RawLine[] {
  const doc = new CleanDocument(page);
  classifyLines(doc);
  return doc.lines.filter((l) => l.role !== 'blank');
}

const roleOf = (lines: RawLine[], text: string) => {
  const line = lines.find((l) => l.text.trim() === text);
  if (!line) throw new Error(`no line ${text}`);
  return line;
};

function cleaned(page: string) {
  const source = ingest({ file: 'page.txt', bytes: new TextEncoder().encode(page) }).value!;
  return clean(source);
}

describe('furniture evidence', () => {
  it('reads interface words made of smaller ones', () => {
    for (const word of [
      '返回该版首页',
      '内容详情',
      '新闻点击',
      '本文字数',
      '我要评论',
      '小字号',
      '扫一扫在手机打开当前页',
    ])
      expect(isInterfaceWord(word), word).toBe(true);
    for (const word of ['点赞新时代', '返回家乡', '阅读点亮生活', '分享经济', '新闻发布会'])
      expect(isInterfaceWord(word), word).toBe(false);
  });

  it('weighs a line of buttons, counters and dates as furniture and a headline as text', () => {
    for (const line of ['放大 缩小 默认', '【字体：大 中 小】', '本文字数：1024', '刊发日期：2022-03-01 阅读次数：56'])
      expect(furnitureEvidence(line).share, line).toBeGreaterThanOrEqual(0.8);
    for (const line of ['学思想 强党性 重实践 建新功', '春耕忙', '柳岸新村建起共享菜园'])
      expect(furnitureEvidence(line).share, line).toBeLessThan(0.5);
    expect(furnitureEvidence('网友在评论中建议增设公交站点，方便老人出行。').sentenceLike).toBe(true);
  });
});

describe('page furniture', () => {
  const page = [
    '青川日报',
    '2022年03月05日 星期六',
    '第A2版：要闻',
    '上一版  下一版',
    '放大 缩小 默认',
    '青川网>>要闻频道',
    '柳岸新村建起共享菜园',
    '时间：2022-03-04 16:20:05 来源：青川日报',
    '本报讯（记者 孔令仪）柳岸新村把闲置空地改成共享菜园，六十户居民认领了菜地。',
    '本文字数：286',
    '新闻点击：903',
    '| 记者： | 孔令仪 | 编辑： | 司马青 |',
    '上一篇：青川县启动春季植树',
    '分享到',
    'QCRB',
  ].join('\n');

  it('gives every furniture line a role that leaves the body, with its rule and reason', () => {
    const lines = roles(page);
    const expected: [string, string, string][] = [
      ['青川日报', 'source-line', 'page-header'],
      ['2022年03月05日 星期六', 'source-line', 'page-header'],
      ['第A2版：要闻', 'source-line', 'page-header'],
      ['上一版  下一版', 'debris', 'reader-interface'],
      ['放大 缩小 默认', 'debris', 'reader-interface'],
      ['青川网>>要闻频道', 'debris', 'breadcrumb'],
      ['时间：2022-03-04 16:20:05 来源：青川日报', 'source-line', 'source-line'],
      ['本文字数：286', 'debris', 'reader-interface'],
      ['新闻点击：903', 'debris', 'reader-interface'],
      ['| 记者： | 孔令仪 | 编辑： | 司马青 |', 'credit', 'credit-table'],
      ['上一篇：青川县启动春季植树', 'debris', 'reader-interface'],
      ['分享到', 'debris', 'reader-interface'],
      ['QCRB', 'debris', 'reader-interface'],
    ];
    for (const [text, role, rule] of expected) {
      const line = roleOf(lines, text);
      expect([line.role, line.roleRule], text).toEqual([role, rule]);
      expect(line.roleReason?.length ?? 0, text).toBeGreaterThan(0);
    }
    expect(roleOf(lines, '柳岸新村建起共享菜园').role).toBe('headline');
    expect(lines.filter((l) => l.role === 'headline').map((l) => l.text)).toEqual(['柳岸新村建起共享菜园']);
  });

  it('keeps the issue date line and the page as metadata, with the reason beside them', () => {
    const { value } = cleaned(page);
    const date = value.metadata.find((m) => m.text === '2022年03月05日 星期六');
    expect(date?.kind).toBe('source-line');
    expect(date?.reason).toMatch(/issue date/u);
    expect(value.metadata.find((m) => m.text === '第A2版：要闻')?.reason).toMatch(/^page-header: /u);
    expect(value.text.split('\n')[0]).toBe('柳岸新村建起共享菜园');
  });

  it('logs each removal as an edit and reports it in the diagnostics with its place', () => {
    const { value, messages } = cleaned(page);
    const widget = value.edits.find((e) => e.before.startsWith('放大 缩小 默认'));
    expect(widget?.rule).toBe('strip-debris');
    expect(widget?.reason).toMatch(/reader interface/u);
    const note = messages.find((m) => m.ruleId === 'reader-interface' && m.reason.includes('放大'));
    expect(note?.place && 'start' in note.place ? note.place.start.line : null).toBe(5);
  });

  it('cuts posting metadata glued in front of the first paragraph, and the byline after it', () => {
    const { value } = cleaned(page.replace('青川日报\n本报讯', '青川日报 本报讯'));
    const first = value.text.split('\n').find((l) => l.startsWith('柳岸新村把'));
    expect(first).toBeDefined();
    expect(value.metadata.map((m) => m.text)).toContain('时间：2022-03-04 16:20:05 来源：青川日报');
    expect(value.metadata.map((m) => m.text)).toContain('本报讯（记者 孔令仪）');
  });
});

describe('near misses stay text', () => {
  it('keeps sentences that hold interface words, and paragraphs that start with 上一', () => {
    const lines = roles(
      [
        '旧厂房变身社区图书馆',
        '本报讯 据介绍，馆藏图书主要来源于居民捐赠和区图书馆调配。',
        '上一年度，社区共举办读书会四十场。',
        '不少网友在评论中点赞，相关视频点击量超过五万次。',
        '返回',
      ].join('\n'),
    );
    for (const text of [
      '本报讯 据介绍，馆藏图书主要来源于居民捐赠和区图书馆调配。',
      '上一年度，社区共举办读书会四十场。',
      '不少网友在评论中点赞，相关视频点击量超过五万次。',
    ])
      expect(roleOf(lines, text).role, text).toBe('body');
    expect(roleOf(lines, '旧厂房变身社区图书馆').role).toBe('headline');
  });

  it('keeps a slogan headline, a short headline and a kicker under the page furniture', () => {
    const lines = roles(
      [
        '第05版：综合新闻',
        '放大 缩小 默认',
        '城东区',
        '学技能 稳就业 促增收',
        '本报讯（记者 华思明）近日，城东区举办技能培训班，二百余名居民参加。',
        '春耕忙',
        '本报讯 连日来，各村抢抓农时，田间地头一片繁忙。',
      ].join('\n'),
    );
    expect(roleOf(lines, '城东区').role).toBe('headline');
    expect(roleOf(lines, '学技能 稳就业 促增收').role).toBe('headline');
    expect(roleOf(lines, '春耕忙').role).toBe('headline');
  });

  it('never takes a date, a counter or a code for a headline', () => {
    const lines = roles(
      ['2022-03-04 16:20', 'QCRB', '浏览次数：12', '柳岸新村建起共享菜园', '本报讯 居民认领了菜地。'].join('\n'),
    );
    expect(lines.filter((l) => l.role === 'headline').map((l) => l.text)).toEqual(['柳岸新村建起共享菜园']);
  });
});

describe('split of briefs without blank lines', () => {
  const briefs = [
    '■ 简讯',
    '城西公园新增儿童乐园',
    '本报讯（记者 蒲晓）城西公园儿童乐园日前开放，新增游乐设施十二组。（记者 蒲晓）',
    '练就业本领，圆安居梦想',
    '本报讯（通讯员 巫宁）今年以来，城西街道开展技能培训九期，五百余人参加',
    '社区食堂推出老年餐',
    '本报讯 城西街道社区食堂推出老年餐，每份八元。',
  ].join('\n');

  it('opens an article at each headline with its 本报讯, a headline with a comma too', () => {
    const { value } = cleaned(briefs);
    const drafts = split(value).value;
    expect(drafts.map((d) => d.lines[0].text)).toEqual([
      '城西公园新增儿童乐园',
      '练就业本领，圆安居梦想',
      '社区食堂推出老年餐',
    ]);
    expect(drafts.every((d) => d.lines[0].role === 'headline')).toBe(true);
    expect(drafts[1].lines.map((l) => l.text)).toEqual([
      '练就业本领，圆安居梦想',
      '今年以来，城西街道开展技能培训九期，五百余人参加',
    ]);
  });

  it('keeps a headline-like line inside an article without a byline or dateline as its subhead', () => {
    const { value } = cleaned(
      [
        '老街改造惠民生',
        '本报讯（记者 蒲晓）今年以来，老街完成立面改造和管网更新，街面焕然一新。',
        '小店回来了',
        '改造后，二十多家老字号重新开张，街坊们又能吃到熟悉的味道。',
      ].join('\n'),
    );
    const drafts = split(value).value;
    expect(drafts).toHaveLength(1);
    expect(drafts[0].lines.find((l) => l.text === '小店回来了')?.role).toBe('headline');
  });

  it('joins a document title wrapped over lines, and keeps a kicker and a subtitle apart', () => {
    const plan = split(
      cleaned(
        [
          '平川市推进县域商业体系建设',
          '三年行动方案',
          '（2024—2026年）',
          '为完善县乡村三级商业网络，制定本方案。',
        ].join('\n'),
      ).value,
    ).value;
    expect(plan[0].lines[0].text).toBe('平川市推进县域商业体系建设三年行动方案（2024—2026年）');
    const decks = split(
      cleaned(['南开区', '老旧小区改造实施方案', '——二〇二四年完成四十个小区', '本报讯 改造全面启动。'].join('\n'))
        .value,
    ).value;
    expect(decks[0].lines.slice(0, 3).map((l) => l.text)).toEqual([
      '南开区',
      '老旧小区改造实施方案',
      '——二〇二四年完成四十个小区',
    ]);
  });

  it('keeps the items of a list a paragraph announces with a colon inside the article', () => {
    const { value } = cleaned(
      [
        '医保电子凭证如何激活',
        '本报讯（记者 阎可欣）医保电子凭证可以在手机上激活，步骤如下：',
        '第一步：打开“医保服务”小程序',
        '第二步：点击首页“电子凭证”',
        '激活后，就医购药时出示电子凭证即可结算。',
      ].join('\n'),
    );
    const drafts = split(value).value;
    expect(drafts).toHaveLength(1);
    expect(drafts[0].lines.filter((l) => l.role === 'subhead').map((l) => l.text)).toEqual([
      '第一步：打开“医保服务”小程序',
      '第二步：点击首页“电子凭证”',
    ]);
  });
});

describe('notices, footers and indexes of held-out page types (issue 8)', () => {
  const page = [
    '桐溪晚报数字报',
    '通版阅读请点击：',
    '展开通版',
    '收缩通版',
    '您的浏览器版本过低，建议升级后访问本站。',
    '下载桐溪新闻APP',
    '·河埠头老街完成立面改造',
    '·城北公园新添亲子步道',
    '果园镇冷链中心投用 城西小学新校舍启用 河道清淤工程完工 老年食堂扩容',
    '柳岸新村建起共享菜园--社区--桐溪网',
    '柳岸新村建起共享菜园',
    '本报记者 赵明远',
    '近日，柳岸新村把闲置空地改成共享菜园，居民认领地块，种上了青菜和番茄，记者核实了认领名单。',
    '系列报道策划：钱文博、孙悦 本篇统筹：李安然',
    '——周丽华·柳岸新村居民',
    '版权所有：桐溪晚报社  主办：桐溪日报社  浙ICP备12345678号-1',
  ].join('\n');
  const lines = roles(page);

  it('removes full-page controls, browser and app notices, bulleted and run-together indexes, title bars, footers', () => {
    for (const text of [
      '通版阅读请点击：',
      '展开通版',
      '收缩通版',
      '您的浏览器版本过低，建议升级后访问本站。',
      '下载桐溪新闻APP',
      '·河埠头老街完成立面改造',
      '·城北公园新添亲子步道',
      '果园镇冷链中心投用 城西小学新校舍启用 河道清淤工程完工 老年食堂扩容',
      '柳岸新村建起共享菜园--社区--桐溪网',
      '版权所有：桐溪晚报社  主办：桐溪日报社  浙ICP备12345678号-1',
    ])
      expect(roleOf(lines, text).role, text).toBe('debris');
  });

  it('keeps the headline, the byline and the paragraph; credits and quote signatures are credits', () => {
    expect(roleOf(lines, '柳岸新村建起共享菜园').role).toBe('headline');
    expect(roleOf(lines, '本报记者 赵明远').role).toBe('byline');
    expect(roleOf(lines, '系列报道策划：钱文博、孙悦 本篇统筹：李安然').role).toBe('credit');
    expect(roleOf(lines, '——周丽华·柳岸新村居民').role).toBe('credit');
    const paragraph = lines.find((l) => l.text.startsWith('近日'))!;
    expect(paragraph.role).toBe('body');
  });

  it('splits the page into one article', () => {
    const { value } = split(cleaned(page).value);
    expect(value.map((d) => d.lines[0].text)).toEqual(['柳岸新村建起共享菜园']);
  });

  it('reads a byline only when a name follows the role word', () => {
    expect(roleOf(roles('记者核实\n记者在现场看到，工人正在铺设管道。'), '记者核实').role).not.toBe('byline');
    for (const line of [
      '溪城晚报-溪城新闻记者 吴思远',
      '全媒记者 郑晓光',
      '本报记者 冯一鸣 成都报道',
      '文/本报记者 韩雪',
    ])
      expect(roleOf(roles(`${line}\n记者在现场看到，工人正在铺设管道。`), line).role, line).toBe('byline');
  });

  it('reads letter-spaced metadata labels, attachments, language switchers and wrapped breadcrumbs', () => {
    const gov = [
      '政府网 English Русский 市人大 市政协',
      '首 页 政 务 公 开 网 上 办 事 互 动 交 流',
      '您现在所的位置:首页 > 政务公开 >',
      '> 政策解读',
      '索   引   号 11230000-2025-001',
      '发 布 机 构 市人民政府办公室',
      '上 载 日 期 2025-03-02',
      '桐溪市人民政府办公室关于印发某某实施方案的通知',
      '各县（市、区）人民政府，市政府各部门：现将实施方案印发给你们，请认真贯彻执行。',
      '附件：实施方案.pdf',
    ].join('\n');
    const lines = roles(gov);
    for (const text of [
      '政府网 English Русский 市人大 市政协',
      '首 页 政 务 公 开 网 上 办 事 互 动 交 流',
      '您现在所的位置:首页 > 政务公开 >',
      '> 政策解读',
    ])
      expect(roleOf(lines, text).role, text).toBe('debris');
    for (const text of ['索   引   号 11230000-2025-001', '发 布 机 构 市人民政府办公室', '附件：实施方案.pdf'])
      expect(roleOf(lines, text).role, text).toBe('source-line');
    expect(roleOf(lines, '桐溪市人民政府办公室关于印发某某实施方案的通知').role).toBe('headline');
  });

  it('keeps sentences that mention a browser, an app or copyright, and headlines with commas', () => {
    const text = [
      '老人学用智能手机',
      '社区志愿者教老人下载APP挂号，用浏览器查看社保信息，大家学得很认真。',
      '讲座还介绍了版权所有者的权利，提醒居民不要随意转载他人作品。',
    ].join('\n');
    const lines = roles(text);
    expect(lines.filter((l) => l.role === 'debris')).toEqual([]);
    expect(roleOf(lines, '老人学用智能手机').role).toBe('headline');
  });

  it('joins a title wrapped over three lines, marks □ writers and ■ columns', () => {
    const plan = ['桐溪市加快推进', '数字乡村建设', '实施方案', '为加快推进数字乡村建设，结合我市实际，制定本方案。'];
    const { value } = cleaned(plan.join('\n'));
    expect(value.text.split('\n')[0]).toBe('桐溪市加快推进数字乡村建设实施方案');
    const column = ['■ 短评', '菜园虽小暖人心', '□ 宋清和', '一块小小的菜园，让邻里之间多了交流，也让社区多了生气。'];
    const lines = roles(column.join('\n'));
    expect(roleOf(lines, '■ 短评').role).toBe('column-name');
    expect(roleOf(lines, '□ 宋清和').role).toBe('pen-name');
  });
});

describe('bylines glued or filed under an agency title (issue 8)', () => {
  it('moves a byline glued to the last paragraph to metadata, and keeps 记者核实 in the sentence', () => {
    const page = [
      '柳岸新村建起共享菜园',
      '近日，柳岸新村把闲置空地改成共享菜园，居民认领了地块。本报记者 赵明远 钱一帆',
    ];
    const { value } = cleaned(page.join('\n'));
    expect(value.text).not.toContain('赵明远');
    expect(value.metadata.map((m) => m.text)).toContain('本报记者 赵明远 钱一帆');
    const kept = cleaned('菜园开园\n居民认领了地块，名单经过了记者核实。').value;
    expect(kept.text).toContain('记者核实');
  });

  it('reads an agency dateline with its filed title as a dateline, not a new headline', () => {
    const line = '中新社桐溪三月二日电 题：桐溪共享菜园开园';
    expect(
      roleOf(
        roles('图说：居民在菜园里浇水 本报记者 赵明远 摄\n菜园开园了。'),
        '图说：居民在菜园里浇水 本报记者 赵明远 摄',
      ).role,
    ).toBe('caption');
    const lines = roles(`桐溪共享菜园开园\n${line}\n居民认领了地块，种上了青菜和番茄。`);
    expect(roleOf(lines, line).role).toBe('byline');
  });
});
