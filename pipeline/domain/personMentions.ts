// People appear as title + name (市委副书记、市长张工); titles chain with 、 and，. Names are surname + 1–2 characters.
import type { Person, Title } from './types.ts';
import { wordSegmenter } from './wordSegmenter.ts';
import { isPlausibleName } from './surnames.ts';

const TITLE_SUFFIX =
  /(成员|总书记|书记|常委|秘书长|发言人|主任|市长|区长|县长|省长|镇长|部长|局长|厅长|处长|科长|主席|委员|院长|校长|董事长|总经理|经理|理事长|会长|组长|主编|司令员|政委|负责人|所长|行长|社长|馆长|站长|队长|专员|巡视员|督学|检察长|庭长|总工程师|总监|院士|教授|主持人|委员长|总裁|总师)$/u;
const DELIMITER = /[，,。；;：:、“”"（）()\s■▶？！?!《》—]/u;
const AFTER_NAME =
  /^([，,。；;：:、“”"（）()\s]|$|介绍|表示|说|指出|强调|出席|主持|作|在|就|向|代表|会见|调研|要求|宣布|讲话|致辞|提出|回答|参加|看望|率|带队|一行|等|和|与|同志|受|对|为|到|来|也|还|从|将|是|的|分别|先后|主|一同|陪同|共同|实地|深入|前往|现场|首先|最后|随后|接受|认为|谈|称|透露|解读|发言|通报|答|则|已|又|均|都|常挂|常说|曾经|正在|一直|始终|多次|已经|告诉|坦言|感慨|笑着|带领)/u;

/** Words that look like surname + one character but are not names. */
const NOT_NAMES = new Set([
  '全会',
  '全市',
  '全区',
  '全省',
  '全国',
  '全体',
  '全面',
  '全力',
  '会议',
  '大会',
  '同志',
  '方面',
  '高度',
  '常委',
  '文明',
  '平安',
  '安全',
  '和平',
  '江南',
  '华北',
  '钟点',
  '时代',
  '尚未',
  '程序',
  '万元',
  '管理',
  '应当',
  '应该',
  '向前',
  '于是',
  '林业',
  '金融',
  '石油',
  '海洋',
  '海关',
  '水平',
  '路径',
  '明确',
  '包括',
  '党员',
  '代表',
  '严格',
  '严肃',
  '任务',
  '经济',
]);

/** Leaders named before their title, as official texts write them (习近平总书记). */
const NAME_BEFORE_TITLE: Record<string, string> = { 习近平: '总书记' };

const LEADING_CLAUSE_END = new Set([
  '由',
  '受',
  '经',
  '据',
  '请',
  '让',
  '被',
  '把',
  '向',
  '对',
  '了',
  '是',
  '这是',
  '就是',
  '访',
  '专访',
  '采访',
  '递补',
  '增补',
  '任命',
  '选举',
]);

/** 全会由区委书记 → 区委书记: the words up to the last standalone 由/了/… are the sentence, not the title (数据 keeps its 据). */
function dropLeadingClause(phrase: string): string {
  const words = [...wordSegmenter.segment(phrase)];
  const cut = words.findLastIndex((w) => LEADING_CLAUSE_END.has(w.segment));
  const rest =
    cut === -1 || cut === words.length - 1 ? phrase : phrase.slice(words[cut].index + words[cut].segment.length);
  // Verbs of appointment the segmenter glues to the title (递补区委候补委员).
  return rest.replace(/^(递补|增补|补选|任命|选举|当选|推选)(?=.{2,})/u, '');
}

/** Title phrases before `end` (the end of the title chain), nearest last; empty when there is none. */
function titleChain(text: string, end: number): string[] {
  const titles: string[] = [];
  let at = end;
  while (at > 0) {
    let start = at;
    while (start > 0 && !DELIMITER.test(text[start - 1]) && at - start < 24) start -= 1;
    // 全会由区委书记: the words before the title phrase are the sentence, not the title.
    const phrase = dropLeadingClause(text.slice(start, at));
    if (!TITLE_SUFFIX.test(phrase) || phrase.length < 2) break;
    titles.unshift(phrase);
    const sep = text[start - 1];
    if (sep !== '、' && sep !== '，' && sep !== ',') break;
    at = start - 1;
  }
  return titles;
}

/** A personal name at `at`: three characters before two, followed by a boundary or a verb. */
function nameAt(text: string, at: number): string | null {
  for (const len of [3, 2]) {
    const name = text.slice(at, at + len);
    if (!isPlausibleName(name) || !AFTER_NAME.test(text.slice(at + len))) continue;
    if (
      TITLE_SUFFIX.test(name) ||
      /[委会部局办院校]/u.test(name.slice(1)) ||
      AFTER_NAME.test(name) ||
      NOT_NAMES.has(name)
    )
      continue;
    return name;
  }
  return null;
}

export interface PersonMention {
  name: string;
  titles: string[];
  offset: number;
}

export function findPeople(text: string): PersonMention[] {
  const mentions: PersonMention[] = [];
  for (const [name, title] of Object.entries(NAME_BEFORE_TITLE)) {
    let i = text.indexOf(name + title);
    if (i !== -1) mentions.push({ name, titles: [title], offset: i });
    i = text.indexOf(name);
    if (i !== -1 && !mentions.some((m) => m.name === name)) mentions.push({ name, titles: [], offset: i });
  }
  const suffix = new RegExp(TITLE_SUFFIX.source.slice(0, -2) + ')', 'gu');
  for (const m of text.matchAll(suffix)) {
    let end = m.index! + m[0].length;
    const titles = titleChain(text, end);
    if (titles.length === 0) continue;
    if (text[end] === ' ' || text[end] === '\u3000') end += 1; // captions: 党委书记 刘东志
    // A name, and the names listed after it with 、 (递补…委员周雅琴、覃立新为…): they share the titles.
    let at = end;
    for (let k = 0; k < 8; k += 1) {
      const found = nameAt(text, at);
      if (!found) break;
      mentions.push({ name: found, titles, offset: at });
      at += found.length;
      if (text[at] !== '、') break;
      at += 1;
    }
  }
  // Speakers named alone at the head of a sentence (白向东表示，…).
  for (const m of text.matchAll(
    /(?<=^|[。！？\n”])([\p{Script=Han}]{2,3}?)(?=(介绍|表示|指出|强调|谈到|说)[，,：:。])/gu,
  )) {
    if (
      isPlausibleName(m[1]) &&
      !NOT_NAMES.has(m[1]) &&
      !AFTER_NAME.test(m[1]) &&
      !mentions.some((x) => x.offset === m.index)
    )
      mentions.push({ name: m[1], titles: [], offset: m.index! });
  }
  return mentions.sort((a, b) => a.offset - b.offset);
}

/** One person per name, titles merged in order of first mention. */
export function mergePeople(mentions: PersonMention[]): Person[] {
  const byName = new Map<string, Person>();
  for (const m of mentions) {
    const person = byName.get(m.name) ?? { name: m.name, en: null, titles: [] as Title[], firstMention: m.offset };
    // 天津市委组织部副部长 and 市委组织部副部长 are one title, written with and without the place.
    for (const t of m.titles)
      if (!person.titles.some((x) => x.zh.endsWith(t) || t.endsWith(x.zh))) person.titles.push({ zh: t, en: null });
    byName.set(m.name, person);
  }
  return [...byName.values()];
}

/** Names that are mentioned alone after a full mention (白向东表示): the speakers of later answers. */
export function findKnownSpeaker(paragraph: string, people: Person[]): Person | null {
  const head = paragraph.slice(0, 40);
  let best: { p: Person; at: number } | null = null;
  for (const p of people) {
    const at = head.indexOf(p.name);
    if (
      at !== -1 &&
      /^(介绍|表示|说|指出|强调|谈到|回答|认为|称|透露|解读)/u.test(head.slice(at + p.name.length)) &&
      (!best || at < best.at)
    )
      best = { p, at };
  }
  return best?.p ?? null;
}
