// What a line is made of: interface words, labels and their values, separators, counters, dates, Latin codes, or
// Chinese text. Furniture rules weigh this evidence instead of matching the lines seen so far.
import {
  CREDIT_LABELS,
  INTERFACE_JOINERS,
  INTERFACE_WORDS,
  PAPER_NAME,
  POSTING_LABELS,
  SECTION_NAMES,
  SITE_NAME,
} from '../../domain/lineVocabulary.ts';
import { codePointLength } from './lineRule.ts';

export type TokenKind =
  | 'interface'
  | 'label'
  | 'value'
  | 'edition'
  | 'date'
  | 'time'
  | 'weekday'
  | 'counter'
  | 'latin'
  | 'section'
  | 'paper'
  | 'site'
  | 'separator'
  | 'colon'
  | 'punctuation'
  | 'text';

export interface Token {
  text: string;
  kind: TokenKind;
}

export interface FurnitureEvidence {
  tokens: Token[];
  /** Visible characters (white space excluded). */
  length: number;
  /** Share of the visible characters that are not Chinese text: interface words, labels, values, separators, … */
  share: number;
  /** Characters of plain Chinese text (not interface words, section names or label values). */
  textLength: number;
  /** Sentence punctuation inside, or a long run of text: a line of a sentence, not of furniture. */
  sentenceLike: boolean;
  kinds: ReadonlySet<TokenKind>;
}

/** Kinds that make a line furniture; plain text and sentence punctuation do not. */
const FURNITURE_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'interface',
  'label',
  'value',
  'edition',
  'date',
  'time',
  'weekday',
  'counter',
  'latin',
  'section',
  'paper',
  'site',
  'separator',
  'colon',
]);

/** 2024-03-08, 2024年3月8日, 3月8日, 2024年3月, 12/28. */
const DATES = [
  String.raw`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?`,
  String.raw`\d{1,2}月\d{1,2}日`,
  String.raw`\d{4}年\d{1,2}月`,
  String.raw`\d{1,2}[-/]\d{1,2}(?![\d:])`,
];
/** 第A1版, 三版：, A05版, A05 alone, 05版. */
const EDITIONS = [
  String.raw`第\s*[A-Z]?\s*\d{1,3}\s*版`,
  String.raw`第?[一二三四五六七八九十]{1,3}版(?=[\s:：|｜]|$)`,
  String.raw`[A-Z]\d{1,3}版`,
  String.raw`[A-Z]\d{1,3}(?=[\s:：|｜]|$)`,
  String.raw`\d{1,3}版`,
];

/** One alternative per kind, each its own numbered group (no other group inside), in the order of GROUP. */
const TOKEN = new RegExp(
  [
    `(${DATES.join('|')})`,
    String.raw`(\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d))`,
    `(${EDITIONS.join('|')})`,
    String.raw`((?:星期|礼拜)[一二三四五六日天])`,
    String.raw`(\d+(?:[.,]\d+)*(?:次|字|人次|条|篇|人|万)?)`,
    String.raw`([A-Za-z][A-Za-z0-9.&_+-]*)`,
    String.raw`([\p{Script=Han}·]+)`,
    String.raw`([\s\u3000\u00a0]+)`,
    String.raw`([:：])`,
    String.raw`(>>|[|｜>＞»›/／\\•■□●◆◇▪→\-—_~～【】\[\]（）()<〈〉])`,
    String.raw`([\s\S])`,
  ].join('|'),
  'gu',
);
/** TOKEN's group numbers (numbered groups: a match makes no object of named groups). */
const GROUP = {
  date: 1,
  time: 2,
  edition: 3,
  weekday: 4,
  counter: 5,
  latin: 6,
  han: 7,
  space: 8,
  colon: 9,
  separator: 10,
};
// A group added inside an alternative would shift the numbers: caught when the module loads.
if (new RegExp(`${TOKEN.source}|`, 'u').exec('')!.length !== 12)
  throw new Error('furnitureEvidence: TOKEN groups moved');

const MORPHEMES = new Map<string, 'word' | 'joiner'>([
  ...INTERFACE_JOINERS.map((w) => [w, 'joiner'] as const),
  ...INTERFACE_WORDS.map((w) => [w, 'word'] as const),
]);
const LONGEST = Math.max(...[...MORPHEMES.keys()].map((w) => [...w].length));
const SECTIONS = new Set(SECTION_NAMES);

/** A run's characters: its code units when it has no surrogate pair (most Han), so pieces are plain slices. */
const charactersOf = (run: string): string[] | string => (/[\uD800-\uDFFF]/u.test(run) ? [...run] : run);
const piece = (chars: string[] | string, i: number, n: number) =>
  typeof chars === 'string' ? chars.slice(i, i + n) : chars.slice(i, i + n).join('');

/** Whether a run of Han characters is made only of interface words and joiners, more word than joiner. */
export function isInterfaceWord(run: string): boolean {
  const chars = charactersOf(run);
  // best[i]: the most interface-word characters over a cover of chars[0..i), or -1 when there is none.
  const best = new Int32Array(chars.length + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < chars.length; i += 1) {
    if (best[i] < 0) continue;
    for (let n = 1; n <= LONGEST && i + n <= chars.length; n += 1) {
      const kind = MORPHEMES.get(piece(chars, i, n));
      if (!kind) continue;
      const score = best[i] + (kind === 'word' ? n : 0);
      if (score > best[i + n]) best[i + n] = score;
    }
  }
  const words = best[chars.length];
  return words > 0 && words * 2 >= chars.length;
}

const SECTION_SUFFIXES = new Set(['频道', '手机版', '专栏', '栏目']);

/** Whether a run of Han characters is section names run together (新闻财经汽车房产, 本地新闻). */
export function isSectionRun(run: string): boolean {
  const chars = charactersOf(run);
  const covered = new Uint8Array(chars.length + 1);
  covered[0] = 1;
  for (let i = 0; i < chars.length; i += 1) {
    if (!covered[i]) continue;
    for (let n = 2; n <= 4 && i + n <= chars.length; n += 1) {
      const name = piece(chars, i, n);
      if (SECTIONS.has(name) || SECTION_SUFFIXES.has(name)) covered[i + n] = 1;
    }
  }
  return covered[chars.length] === 1;
}

function classifyHan(run: string): TokenKind {
  if (PAPER_NAME.test(run)) return 'paper';
  if (isInterfaceWord(run)) return 'interface';
  if (SECTIONS.has(run) || isSectionRun(run)) return 'section';
  if (SITE_NAME.test(run)) return 'site';
  return 'text';
}

function tokenKind(m: RegExpMatchArray): TokenKind {
  if (m[GROUP.date] !== undefined) return 'date';
  if (m[GROUP.time] !== undefined) return 'time';
  if (m[GROUP.edition] !== undefined) return 'edition';
  if (m[GROUP.weekday] !== undefined) return 'weekday';
  if (m[GROUP.counter] !== undefined) return 'counter';
  if (m[GROUP.latin] !== undefined) return 'latin';
  if (m[GROUP.han] !== undefined) return classifyHan(m[GROUP.han]);
  if (m[GROUP.colon] !== undefined) return 'colon';
  if (m[GROUP.separator] !== undefined) return 'separator';
  return 'punctuation';
}

const visibleLength = (t: Token) =>
  /\s/u.test(t.text) ? codePointLength(t.text.replace(/\s+/gu, '')) : codePointLength(t.text);

/** Evidence by line content: the line rules, the neighbours they read and each cleaning pass ask for the same lines. */
const evidenceByContent = new Map<string, FurnitureEvidence>();
const EVIDENCE_CACHE_SIZE = 20_000;

/** Forgets the lines weighed so far: called once per source, so memory and time stay per source. */
export function forgetFurnitureEvidence(): void {
  evidenceByContent.clear();
}

/** Splits a line into tokens and weighs how much of it is furniture (shared per content: callers do not mutate it). */
export function furnitureEvidence(content: string): FurnitureEvidence {
  let evidence = evidenceByContent.get(content);
  if (evidence) return evidence;
  evidence = weighEvidence(content);
  // Bounded: a long run forgets the old lines at once rather than keeping every line it read.
  if (evidenceByContent.size >= EVIDENCE_CACHE_SIZE) evidenceByContent.clear();
  evidenceByContent.set(content, evidence);
  return evidence;
}

function weighEvidence(content: string): FurnitureEvidence {
  const tokens: Token[] = [];
  for (const m of content.matchAll(TOKEN)) {
    if (m[GROUP.space] !== undefined) continue;
    tokens.push({ text: m[0], kind: tokenKind(m) });
  }
  // Letter-spaced words (更 多, 返 回): single characters side by side are read as one word.
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    let j = i;
    while (j < tokens.length && /^[\p{Script=Han}]$/u.test(tokens[j].text)) j += 1;
    if (j - i < 2) continue;
    const word = tokens
      .slice(i, j)
      .map((t) => t.text)
      .join('');
    if (isInterfaceWord(word) && !tokens.slice(i, j).every((t) => t.kind === 'interface'))
      tokens.splice(i, j - i, { text: word, kind: 'interface' });
  }
  // label：value — a label before a colon, and the short values after it until the next separator or label.
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const t = tokens[i];
    if (tokens[i + 1].kind !== 'colon' || t.kind === 'edition') continue;
    const word = t.text.replace(/\s+/gu, '');
    if (t.kind === 'interface' || POSTING_LABELS.test(word) || CREDIT_LABELS.test(word)) t.kind = 'label';
  }
  let afterLabel = false;
  let valueLength = 0;
  for (const t of tokens) {
    // A page's name follows its number, with or without a colon: 第A06版 城事.
    if (t.kind === 'label' || t.kind === 'edition') {
      afterLabel = true;
      valueLength = 0;
      continue;
    }
    if (t.kind === 'colon') continue;
    if (t.kind === 'separator' && /[|｜]/u.test(t.text)) {
      // A credit table keeps its value in the next cell: | 记者： | 张三 |.
      if (valueLength > 0) afterLabel = false;
      continue;
    }
    if (t.kind === 'punctuation') {
      afterLabel = false;
      continue;
    }
    if (afterLabel && (t.kind === 'text' || t.kind === 'section' || t.kind === 'latin')) {
      valueLength += codePointLength(t.text);
      if (valueLength <= 20) t.kind = 'value';
      else afterLabel = false;
    }
  }
  const length = tokens.reduce((n, t) => n + visibleLength(t), 0);
  const furniture = tokens.filter((t) => FURNITURE_KINDS.has(t.kind)).reduce((n, t) => n + visibleLength(t), 0);
  const textLength = tokens.filter((t) => t.kind === 'text').reduce((n, t) => n + codePointLength(t.text), 0);
  // Sentence punctuation between buttons (打开APP，阅读全文) makes no sentence: a sentence has words, and a
  // label's value ending in a question (记者：…？) is a sentence too.
  const punctuated = tokens.some((t) => t.kind === 'punctuation' && /[，。！？；,!?;]/u.test(t.text));
  const words = tokens
    .filter((t) => t.kind === 'text' || t.kind === 'value')
    .reduce((n, t) => n + codePointLength(t.text), 0);
  const sentenceLike = (punctuated && words >= 4) || textLength >= 16;
  return {
    tokens,
    length,
    share: length === 0 ? 0 : furniture / length,
    textLength,
    sentenceLike,
    kinds: new Set(tokens.map((t) => t.kind)),
  };
}

const NAMED: [TokenKind, string][] = [
  ['interface', 'interface words'],
  ['label', 'labels'],
  ['edition', 'page'],
  ['date', 'date'],
  ['time', 'time'],
  ['weekday', 'weekday'],
  ['counter', 'counter'],
  ['latin', 'Latin code'],
  ['section', 'section names'],
  ['paper', 'paper name'],
  ['site', 'site name'],
];

/** The evidence in a few words, for the line's reason: "interface words 放大 缩小 默认; 100% of the line …". */
export function describeEvidence(evidence: FurnitureEvidence): string {
  const parts = NAMED.map(([kind, label]) => {
    const words = evidence.tokens.filter((t) => t.kind === kind).map((t) => t.text.trim());
    return words.length > 0 ? `${label} ${[...new Set(words)].slice(0, 4).join(' ')}` : null;
  }).filter((p): p is string => p !== null);
  const separators = evidence.tokens.filter((t) => t.kind === 'separator').length;
  if (separators > 0) parts.push(`${separators} separator${separators > 1 ? 's' : ''}`);
  return `${parts.join(', ')}; ${Math.round(evidence.share * 100)}% of the line is furniture`;
}
