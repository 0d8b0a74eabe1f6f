// Genre from the genre's own signals, never from length: titles (决议, 新闻发布会, ——评…), clause leads, questions and
// speakers' labels, numbered actions, bylines, columns. The rules are tried in the order of GENRE_RULES.
import type { CleanLine, Genre } from '../domain/types.ts';
import { CLAUSE_LEAD } from './parseResolutionClauses.ts';
import { isQuestionLine } from './parseQuestionsAndAnswers.ts';
import { isHostQuestion, readTurn } from './speakerTurns.ts';
import { topLevelItemCount } from './parseNumberedItems.ts';

export interface GenreSignals {
  title: string;
  subtitle: string | null;
  /** The short line over the title (引题), when there is one. */
  kicker?: string | null;
  body: CleanLine[];
  hasAdoptionLine: boolean;
  hasColumn: boolean;
  hasPenName: boolean;
  hasNewsByline: boolean;
  hasPortraitCaption: boolean;
  hasPhotoCredit?: boolean;
  /** A photo's caption or credit came with the article. */
  hasCaption?: boolean;
  /** The byline is an agency's or a portal's dateline (新华社北京3月5日电, 人民网7月16日电). */
  wireDateline?: boolean;
  /** 本报评论员 and the like. */
  commentaryByline?: boolean;
  headings: number;
}

/** What the rules read, computed once. */
interface Evidence {
  s: GenreSignals;
  heads: string;
  paragraphs: CleanLine[];
  /** Paragraphs led by 全会 + verb. */
  clauses: number;
  plenaryTitle: boolean;
  plenaryAdoption: boolean;
  conferenceHead: boolean;
  /** Lines a reporter's label opens (问：, 记者：, 央视记者：) and lines an answerer's label opens. */
  askedTurns: number;
  answeredTurns: number;
  questionLines: number;
  items: number;
  points: number;
  planTitle: boolean;
  documentTitle: boolean;
  commentaryHead: boolean;
  length: number;
  /** The first paragraph opens with 本报讯, an agency's 电, a date or 昨天/今天. */
  datelineOpening: boolean;
  /** Someone is quoted: “…”某某说, 某某说：“…”. */
  quoted: boolean;
}

type Rule = (e: Evidence) => { genre: Genre; reason: string } | null;

/** A plenary session's 决议 or 公报 (the contract's resolution); a 人大常委会 决议 is another kind of document. */
const PLENARY_DOCUMENT = /(全会|全体会议)(决议|公报)$|委员会第[一二三四五六七八九十]+次全体会议(决议|公报)$/u;
const CONFERENCE = /新闻发布会|发布会|记者会|记者招待会|答记者问|答问|吹风会|新闻通气会|答网友问/u;
/** ——评…, 短评, 时评 …: a commentary says so in its headline or its subtitle. */
const COMMENTARY = /(评论员|时评|短评|述评|社论|评论|锐评|快评|观察家)|^[—－-]{1,2}\s*评/u;
const PLAN_TITLE =
  /(行动方案|实施方案|行动计划|工作方案|若干措施|实施意见|工作要点|指导意见|三年行动|专项行动|实施细则|任务清单)$|印发《[^》]*(方案|计划|措施|意见|要点|细则)》/u;
/** Official documents other than a plenary's (人大常委会关于…的决议, 条例, 办法, 通知): their own kind. */
const DOCUMENT_TITLE = /(决议|决定|条例|办法|规定|公告|通告|通知)$/u;

/** The time of day a dateline may give before its comma: 上午, 7时40分许, 下午3时. */
const DAY_TIME = String.raw`(?:上午|下午|晚上|晚间|早上|清晨|凌晨|中午|傍晚|夜间)?(?:\d{1,2}时(?:\d{1,2}分)?许?)?`;
const DATELINE_OPENING = new RegExp(
  String.raw`^[^，。]{0,30}?(本报讯|电[（(\s　]|电$)|^[^，。]{0,20}?((\d{1,2}月)?\d{1,2}日|日前|近日|昨日|昨天|今天|今日|近期)` +
    String.raw`(?:${DAY_TIME}|[^，。]{0,6})[，,]`,
  'u',
);
/** A portal's relay of another paper's report: 人民网7月16日电 据香港《文汇报》报道. */
const RELAY_DATELINE = /^[^，。]{0,20}?(电[\s　]*)?(据|援引)[^，。]{1,30}(报道|消息)/u;
const QUOTED = /”[^“”。]{0,16}?(说|介绍|告诉记者|感慨|笑着说)|(说|表示|坦言)[：:]\s*“/u;

const GENRE_RULES: Rule[] = [
  // A paper's report of a plenary (本报讯…全会召开, 全会指出…) stays news; the communiqué itself is a resolution.
  (e) =>
    e.plenaryTitle || e.plenaryAdoption || (e.clauses >= 3 && !e.conferenceHead && !e.s.hasNewsByline)
      ? {
          genre: 'resolution',
          reason: e.s.hasAdoptionLine
            ? 'adoption line'
            : e.plenaryTitle
              ? 'title names a resolution or communiqué'
              : `${e.clauses} paragraphs led by 全会 + verb`,
        }
      : null,
  (e) => (e.conferenceHead ? { genre: 'press-conference', reason: 'headline names a press conference' } : null),
  // An interview or transcript: a reporter's label asks and an answerer's label (答：, 李建华：, 有关负责人：) answers.
  (e) =>
    e.askedTurns >= 1 && e.answeredTurns >= 1
      ? { genre: 'press-conference', reason: `${e.askedTurns} questions with their askers' labels, answered` }
      : null,
  (e) =>
    e.questionLines >= 2 && /发言人|答记者问|介绍|表示/u.test(e.paragraphs.map((l) => l.text).join(''))
      ? { genre: 'press-conference', reason: `${e.questionLines} questions answered` }
      : null,
  // A notice or a congress's decision, numbered or not, is its own kind of document (not a plan, not news).
  (e) =>
    e.documentTitle && !e.planTitle && !e.s.hasNewsByline
      ? { genre: 'other', reason: 'an official document that is not a plenary resolution or a plan' }
      : null,
  (e) =>
    (e.items >= 3 &&
      (e.points >= e.items || /(行动|方案|措施|计划|意见)/u.test(e.heads + e.s.body.map((l) => l.text).join('')))) ||
    (e.planTitle && e.items >= 2)
      ? { genre: 'action-plan', reason: `${e.items} numbered items with ${e.points} points led by 要` }
      : null,
  (e) =>
    e.s.hasColumn || e.s.hasPenName || e.s.commentaryByline || e.commentaryHead
      ? { genre: 'commentary', reason: 'column name, pen name or a commentary headline (——评…)' }
      : null,
  (e) =>
    e.s.hasPhotoCredit && e.length < 600
      ? { genre: 'news', reason: 'photo news: a short text with a photo credit' }
      : null,
  (e) =>
    e.s.hasPortraitCaption && !e.s.hasNewsByline
      ? { genre: 'feature', reason: 'profile with a portrait caption and no news byline' }
      : null,
  // A feature tells a story under its own subheads, with people quoted, and opens on a scene rather than a dateline.
  (e) =>
    e.s.headings >= 2 && !e.datelineOpening && e.quoted
      ? { genre: 'feature', reason: `${e.s.headings} subheads, people quoted, no dateline` }
      : null,
  // A reporter's or correspondent's byline makes a report news, subheads or not (a district page's long items).
  (e) =>
    e.s.hasNewsByline
      ? { genre: 'news', reason: 'news byline (本报讯, an agency dateline, a reporter or correspondent)' }
      : null,
  (e) =>
    e.s.headings >= 2 && e.length > 1200 ? { genre: 'feature', reason: 'long piece with its own subheads' } : null,
  (e) =>
    e.paragraphs.length > 0 && /^((\d{1,2}月)?\d{1,2}日|日前|近日|昨日|昨天|今天|今日)[，,]/u.test(e.paragraphs[0].text)
      ? { genre: 'news', reason: 'opens with a dateline' }
      : null,
  (e) => (e.length > 1500 ? { genre: 'feature', reason: 'long piece without a news byline' } : null),
  (e) => (e.length > 0 ? { genre: 'news', reason: 'a report with no sign of another genre' } : null),
  // A photo-news item: the caption is the whole report.
  (e) => (e.s.hasCaption ? { genre: 'news', reason: 'photo news: a photo with its caption and no other text' } : null),
];

function evidenceOf(s: GenreSignals): Evidence {
  const heads = [s.kicker ?? '', s.title, s.subtitle ?? ''].join(' ');
  const paragraphs = s.body.filter((l) => l.role === 'body');
  // Only a plenary session's 全会 leads make a resolution; a standing committee's 会议指出 is reported as news.
  const clauses = paragraphs.filter((l) => CLAUSE_LEAD.test(l.text) && /^(全会|全体会议)/u.test(l.text)).length;
  const turns = s.body.map((l) => readTurn(l.text));
  return {
    s,
    heads,
    paragraphs,
    clauses,
    plenaryTitle: PLENARY_DOCUMENT.test(s.title),
    plenaryAdoption:
      s.hasAdoptionLine &&
      s.body.some((l) => /^(全会|全体会议)/u.test(l.text)) &&
      !/人民代表大会|人大常委会|政协/u.test(s.title),
    conferenceHead: CONFERENCE.test(heads),
    askedTurns: turns.filter((t) => t?.role === 'question' || isHostQuestion(t)).length,
    answeredTurns: turns.filter((t) => t?.role === 'answer').length,
    questionLines: paragraphs.filter((l) => isQuestionLine(l.text)).length,
    items: topLevelItemCount(s.body),
    points: paragraphs.filter((l) => /^要/u.test(l.text)).length,
    planTitle: PLAN_TITLE.test(s.title),
    documentTitle: DOCUMENT_TITLE.test(s.title),
    commentaryHead: [s.kicker ?? '', s.title, s.subtitle ?? ''].some((h) => COMMENTARY.test(h)),
    length: paragraphs.reduce((n, l) => n + l.text.length, 0),
    // Photo captions may stand above the dateline: the first three paragraphs are the opening.
    datelineOpening:
      s.wireDateline === true ||
      paragraphs.slice(0, 3).some((l) => DATELINE_OPENING.test(l.text) || RELAY_DATELINE.test(l.text)),
    quoted: paragraphs.some((l) => QUOTED.test(l.text)),
  };
}

export function classifyGenre(s: GenreSignals): { genre: Genre; reason: string } {
  const e = evidenceOf(s);
  for (const rule of GENRE_RULES) {
    const found = rule(e);
    if (found) return found;
  }
  return { genre: 'other', reason: 'no text to tell the genre by' };
}
