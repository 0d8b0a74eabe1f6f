// People appear as title + name (市委副书记、市长张工); titles chain with 、 and，. Names are surname + 1–2 characters.
import type { Person, Title } from './types.ts';
import { startsWordIn, wordCount, wordSegmenter } from './wordSegmenter.ts';
import { isPlausibleName, LEADERS, surnameOf } from './surnames.ts';

export const TITLE_SUFFIX =
  /(成员|总书记|书记|常委|秘书长|发言人|主任|市长|区长|县长|省长|镇长|部长|局长|厅长|处长|科长|主席|委员|院长|校长|董事长|总经理|经理|理事长|会长|组长|主编|司令员|政委|负责人|所长|行长|社长|馆长|站长|队长|专员|巡视员|督学|检察长|庭长|总工程师|总监|院士|教授|主持人|委员长|总裁|总师)$/u;
const DELIMITER = /[，,。；;：:、“”"（）()\s■▶？！?!《》—]/u;
const AFTER_NAME =
  /^([，,。；;：:、“”"（）()\s]|$|女士|先生|介绍|表示|说|指出|强调|出席|主持|作|在|就|向|代表|会见|调研|要求|宣布|讲话|致辞|提出|回答|参加|看望|率|带队|一行|等|和|与|同志|受|对|为|到|来|也|还|从|将|是|的|分别|先后|主|一同|陪同|共同|实地|深入|前往|现场|首先|最后|随后|接受|认为|谈|称|透露|解读|发言|通报|答|则|已|又|均|都|常挂|常说|曾经|正在|一直|始终|多次|已经|告诉|坦言|感慨|笑着|带领)/u;

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

/** Given names that are forms of address or placeholders, not names: 李先生, 谢女士, 王阿姨, 张某. */
const ADDRESS = /^(先生|女士|小姐|阿姨|大爷|大妈|大姐|大哥|师傅|老师|同学|奶奶|爷爷|婆婆|某某|某|总)$/u;
/** Verbs a name does not end in (张三说 is a name and a verb). */
const VERB_END = /(说|讲|称|道|问|答|表示|介绍|指出|强调|认为)$/u;

/**
 * A common word that merely starts with a surname (时间, 金融, 方面): ICU's dictionary reads it as one word where a
 * personal name comes apart (王力军 → 王|力|军). Leaders' names are dictionary words too and stay names.
 */
export function isCommonWord(name: string, context = name): boolean {
  if (LEADERS.has(name) || NOT_NAMES.has(name)) return NOT_NAMES.has(name);
  const at = Math.max(0, context.indexOf(name));
  const from = Math.max(0, at - 4);
  for (const w of wordSegmenter.segment(context.slice(from, at + name.length + 4))) {
    if (from + w.index === at) return w.segment === name;
    if (from + w.index > at) return false;
  }
  return false;
}

/** Surnames that are also prepositions or verbs (向记者介绍, 和村民一起): their given part must not be a word. */
const FUNCTION_SURNAME = /^[向和与把被对给在于从为将由同跟让叫经时当全]/u;
/** Particles and function words a name does not end in (关心的, 干部要, 平台上, 来了). */
const PARTICLE_END = /[的了要上有在是和等也都就又还把被对过着呢吗吧啊们]$/u;
/** Given parts that are role words, not given names (向记者, 和群众). */
const ROLE_GIVEN = /^(记者|群众|村民|居民|干部|代表|大家|我们|他们|企业|学生|市民|游客)$/u;

/** A name that can stand alone (a speaker's label, 居民俞秀芬): plausible, not a word, an address or a verb. */
export function looksLikeName(name: string, context = name): boolean {
  const given = name.slice(1);
  if (
    !isPlausibleName(name) ||
    ADDRESS.test(given) ||
    /某/u.test(given) ||
    VERB_END.test(name) ||
    TITLE_SUFFIX.test(name) ||
    ROLE_GIVEN.test(given) ||
    PARTICLE_END.test(name) ||
    isCommonWord(name, context)
  )
    return false;
  // 向记者: a preposition and a word; 向东 or 向立新 stays a name.
  return !(FUNCTION_SURNAME.test(name) && given.length === 2 && isCommonWord(given, given));
}

/**
 * People named by what they are rather than an office (村民王树林, 种粮大户汪德胜, 退休教师冯淑珍, 游客顾文婷): a role word,
 * then the name.
 */
const ROLE_NOUN = new RegExp(
  String.raw`(居民|村民|市民|农民|牧民|渔民|游客|旅客|乘客|顾客|群众|职工|员工|工人|店主|摊主|店长|老板|业主|代表|学生|` +
    String.raw`家长|教师|医生|护士|村医|患者|司机|骑手|民警|辅警|交警|青年|老人|老兵|传承人|主播|选手|运动员|教练|专家|学者|` +
    String.raw`博士|网友|读者|观众|老乡|村干部|女儿|儿子|妻子|丈夫|父亲|母亲|老伴|孙子|孙女|` +
    String.raw`[\p{Script=Han}]{0,4}?(?:员|师|户|农|者|商|生|客)|名叫|叫做|叫)`,
  'gu',
);
/** 74岁的谭世昌: an age, 的, then the name. */
const AGED = /\d{1,3}岁的/gu;

/** What may follow a name found by its role alone: the verbs of AFTER_NAME and the words of a story's narration. */
const STORY_AFTER =
  /^(一边|一口气|一直|一家|今年|去年|每天|每年|如今|早已|刚刚|刚|正|便|指着|看着|拿着|带着|把|[\p{Script=Han}]着[\p{Script=Han}])/u;
/** A verb of saying and its punctuation: the strong evidence a minority name after a role noun needs (牧民…说，). */
const SAYS_AFTER = /^(说|表示|介绍|告诉记者|坦言|感慨|笑着说)[，,：:。]/u;
/** Surnames that are also common words' first characters (和市, 都将, 高品质): alone, with one given character, no. */
const WORDY_SURNAME = /^[向和与于时全都来应由高强严安明平成连满区文]/u;

/** Whether ICU's segmenter starts a word at `at`. */
function startsWordAt(text: string, at: number): boolean {
  const from = Math.max(0, at - 6);
  return startsWordIn(text.slice(from, at + 6), at - from);
}

/** Whether ICU reads `word` as one dictionary word. */
const isWord = (word: string) => wordCount(word, 2) === 1;

/**
 * A name found by its role or its place alone (村民王树林说, ”马德顺一边…说), three characters before two. With no title
 * to vouch for it, it must be followed by a verb or the narration, and not read as words (干部真抓, 满意度).
 */
function standaloneNameAt(text: string, at: number): string | null {
  for (const n of nameLengths(text.slice(at))) {
    const name = text.slice(at, at + n);
    if (!looksLikeName(name, text.slice(at, at + 8))) continue;
    const after = text.slice(at + n);
    const verb = AFTER_NAME.test(after) || /^(一边|一口气)/u.test(after);
    if (!verb && !STORY_AFTER.test(after)) continue;
    if (n === 2 && WORDY_SURNAME.test(name)) continue;
    // 王树林 and 林冠宇 hold words (树林, 林冠): a verb must follow; 满意度 and 高品质 are no names at all.
    const wordy = isWord(name.slice(0, 2)) || isWord(name.slice(1));
    if (n === 3 && wordy && (!verb || WORDY_SURNAME.test(name))) continue;
    return name;
  }
  return longNameAt(text, at);
}

/**
 * A name of four to six characters outside the Han surnames (a Tibetan or Mongolian name) after a role noun, only
 * when a verb of saying follows and ICU reads it as single characters (with at most one two-character piece).
 */
function longNameAt(text: string, at: number): string | null {
  for (let len = 4; len <= 6; len += 1) {
    const name = text.slice(at, at + len);
    if (!/^[\p{Script=Han}]+$/u.test(name)) return null;
    if (!SAYS_AFTER.test(text.slice(at + len))) continue;
    // Segmented only once a verb of saying follows: most role nouns are followed by no long name at all.
    if (!startsWordAt(text, at)) return null;
    const pieces = [...wordSegmenter.segment(name)].map((w) => [...w.segment].length);
    const long = pieces.filter((n) => n > 1);
    const ok = pieces[0] === 1 && long.length <= 1 && long.every((n) => n === 2) && !PARTICLE_END.test(name);
    return ok && !/[们都也就还又已正在将]/u.test(name) ? name : null;
  }
  return null;
}

/**
 * Names with their title after them: 苗红梅（城南庄镇党委书记）, 段春生，阜平县农业农村局高级农艺师，. The name opens a
 * clause; the title ends in an office or a profession.
 */
const TITLE_AFTER = new RegExp(
  String.raw`(?<=^|[，。；：！？
“”]|叫|是|名叫)([\p{Script=Han}]{2,3})(?:（([^（）]{2,30}?)）|[，,]([\p{Script=Han}]{2,24}?)(?=[，。；]))`,
  'gu',
);

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
  // 请到了, 来了: a verb with 了 ends the sentence's part before the title too.
  const cut = words.findLastIndex((w) => LEADING_CLAUSE_END.has(w.segment) || /^.了$/u.test(w.segment));
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

/** The lengths a name at the head of `text` may have, longest first: 欧阳立平 has four characters. */
export function nameLengths(text: string): number[] {
  return surnameOf(text)?.length === 2 ? [4, 3] : [3, 2];
}

/** A personal name at `at`: three characters before two, followed by a boundary or a verb. */
function nameAt(text: string, at: number, title?: string): string | null {
  for (const len of nameLengths(text.slice(at))) {
    const name = text.slice(at, at + len);
    if (!isPlausibleName(name) || !AFTER_NAME.test(text.slice(at + len))) continue;
    if (
      TITLE_SUFFIX.test(name) ||
      /[委会部局办院校]/u.test(name.slice(1)) ||
      AFTER_NAME.test(name) ||
      NOT_NAMES.has(name) ||
      ADDRESS.test(name.slice(1))
    )
      continue;
    return name;
  }
  return title ? transliteratedNameAt(text, at, title) : null;
}

/**
 * A name outside the Han surnames after an office (市长孟和巴雅尔就, 市委候补委员萨仁高娃、): four to eight characters up to a
 * mark or a speech verb, starting a word, which ICU reads as single characters (a phrase such as 深入基层 reads as words).
 */
function transliteratedNameAt(text: string, at: number, title: string): string | null {
  if (!/^(中共|[市省区县州旗镇乡盟]|党|自治区)/u.test(title) || [...title].length > 14) return null;
  if (/^[对会要与在是的和将把向为以从由于就等]/u.test(text.slice(at))) return null;
  for (let len = 4; len <= 8; len += 1) {
    const name = text.slice(at, at + len);
    if (!/^[\p{Script=Han}][\p{Script=Han}·]*[\p{Script=Han}]$/u.test(name)) return null;
    if (!/^([、，,。；;：:（(]|表示|介绍|说|指出|强调|主持|出席|讲话|就[《“])/u.test(text.slice(at + len))) continue;
    // Segmented only once a mark or a verb follows the candidate.
    if (!startsWordAt(text, at)) return null;
    // Single characters, with at most one two-character piece after the first (扎西多吉); words are not (详解灵活).
    const pieces = [...wordSegmenter.segment(name)].map((w) => [...w.segment].length);
    const long = pieces.filter((n) => n > 1);
    return pieces[0] === 1 && long.length <= 1 && long.every((n) => n === 2) ? name : null;
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
    const chain = titleChain(text, end);
    if (chain.length === 0) continue;
    // 递补区委候补委员王嘉铭、陈思琪为区委委员: the title before promoted members is the status they leave.
    const promoted = /(递补|增补|补选)[^，。；、]{0,16}$/u.test(text.slice(Math.max(0, m.index! - 24), m.index! + 1));
    const titles = promoted ? [] : chain;
    if (text[end] === ' ' || text[end] === '\u3000') end += 1; // captions: 党委书记 刘东志
    // A name, and the names listed after it with 、 (递补…委员周雅琴、覃立新为…): they share the titles.
    let at = end;
    for (let k = 0; k < 8; k += 1) {
      const found = nameAt(text, at, chain.at(-1));
      if (!found) break;
      mentions.push({ name: found, titles, offset: at });
      at += found.length;
      if (text[at] !== '、') break;
      at += 1;
    }
  }
  // Speakers named alone at the head of a sentence (白向东表示，…).
  for (const m of text.matchAll(
    /(?<=^|[。！？\n”])([\p{Script=Han}]{2,4}?)(?=(介绍|表示|指出|强调|谈到|说)[，,：:。])/gu,
  )) {
    if (
      isPlausibleName(m[1]) &&
      !NOT_NAMES.has(m[1]) &&
      !AFTER_NAME.test(m[1]) &&
      !ADDRESS.test(m[1].slice(1)) &&
      !/某/u.test(m[1]) &&
      !mentions.some((x) => x.offset === m.index)
    )
      mentions.push({ name: m[1], titles: [], offset: m.index! });
  }
  const taken = (at: number) => mentions.some((x) => at >= x.offset && at < x.offset + x.name.length);
  for (const m of text.matchAll(ROLE_NOUN)) {
    const at = m.index! + m[0].length;
    // 记者 and 通讯员 before a name are the paper's people (the byline), not people in the story.
    if (taken(at) || taken(m.index!) || /(记者|通讯员|实习生|编者)$/u.test(m[0])) continue;
    const name = standaloneNameAt(text, at);
    if (name) mentions.push({ name, titles: [], offset: at });
  }
  // ”马德顺一边续水一边说: the speaker named after the quotation, before the verb that closes it.
  for (const m of text.matchAll(/”/gu)) {
    const at = m.index! + 1;
    const name = taken(at) ? null : standaloneNameAt(text, at);
    if (name && /^[^。“”]{0,12}?(说|表示|介绍|感慨|坦言|笑着说)[。，,：:]/u.test(text.slice(at + name.length)))
      mentions.push({ name, titles: [], offset: at });
  }
  for (const m of text.matchAll(AGED)) {
    const at = m.index! + m[0].length;
    const name = taken(at) ? null : standaloneNameAt(text, at);
    if (name) mentions.push({ name, titles: [], offset: at });
  }
  for (const m of text.matchAll(TITLE_AFTER)) {
    const [whole, name, inParens, afterComma] = m;
    const title = (inParens ?? afterComma).replace(/^(现任|时任|系|任)/u, '');
    const at = m.index! + whole.indexOf(name);
    if (taken(at) || !looksLikeName(name, text.slice(at, at + 8))) continue;
    // The title must end in an office or a profession, and not itself lead to a name (，市委书记李强，).
    if (!TITLE_SUFFIX.test(title) && !/(师|员|家)$/u.test(title)) continue;
    mentions.push({ name, titles: inParens || TITLE_SUFFIX.test(title) ? [title] : [], offset: at });
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
