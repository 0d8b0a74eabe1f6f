// Genre from the genre's own signals: titles (决议, 新闻发布会), clause leads, questions, numbered actions, bylines, columns.
import type { CleanLine, Genre } from '../domain/types.ts';
import { CLAUSE_LEAD } from './parseResolutionClauses.ts';
import { answerMark, isQuestionLine } from './parseQuestionsAndAnswers.ts';
import { TOP_ITEM } from './parseNumberedItems.ts';

export interface GenreSignals {
  title: string;
  subtitle: string | null;
  body: CleanLine[];
  hasAdoptionLine: boolean;
  hasColumn: boolean;
  hasPenName: boolean;
  hasNewsByline: boolean;
  hasPortraitCaption: boolean;
  hasPhotoCredit?: boolean;
  /** 本报评论员 and the like. */
  commentaryByline?: boolean;
  headings: number;
}

export function classifyGenre(s: GenreSignals): { genre: Genre; reason: string } {
  const heads = `${s.title} ${s.subtitle ?? ''}`;
  const paragraphs = s.body.filter((l) => l.role === 'body');
  // Only a plenary session's 全会 leads make a resolution; a standing committee's 会议指出 is reported as news.
  const clauses = paragraphs.filter((l) => CLAUSE_LEAD.test(l.text) && /^(全会|全体会议)/u.test(l.text)).length;
  // A plenary session's 决议 or 公报 (the contract's resolution); a 人大常委会 决议 is another kind of document.
  const plenaryTitle = /(全会|全体会议)(决议|公报)$|委员会第[一二三四五六七八九十]+次全体会议(决议|公报)$/u.test(
    s.title,
  );
  const plenaryAdoption =
    s.hasAdoptionLine &&
    s.body.some((l) => /^(全会|全体会议)/u.test(l.text)) &&
    !/人民代表大会|人大常委会|政协/u.test(s.title);
  if (plenaryTitle || plenaryAdoption || clauses >= 3) {
    return {
      genre: 'resolution',
      reason: s.hasAdoptionLine
        ? 'adoption line'
        : clauses >= 3
          ? `${clauses} paragraphs led by 全会 + verb`
          : 'title names a resolution or communiqué',
    };
  }
  if (/新闻发布会|发布会|记者会|答记者问|吹风会|新闻通气会/u.test(heads))
    return { genre: 'press-conference', reason: 'headline names a press conference' };
  const questions = paragraphs.filter((l) => isQuestionLine(l.text)).length;
  // An interview set as 问：… / 答：… is answered questions too.
  const marked = paragraphs.filter((l) => /^(问|记者)[：:]/u.test(l.text)).length;
  if (marked >= 2 && paragraphs.some((l) => answerMark(l.text) !== null))
    return { genre: 'press-conference', reason: `${marked} questions marked 问 and answered 答` };
  if (questions >= 2 && /发言人|答记者问|介绍|表示/u.test(paragraphs.map((l) => l.text).join('')))
    return { genre: 'press-conference', reason: `${questions} questions answered` };
  const items = s.body.filter((l) => TOP_ITEM.test(l.text) && (l.role === 'subhead' || l.role === 'body')).length;
  const points = paragraphs.filter((l) => /^要/u.test(l.text)).length;
  const planTitle = /(行动方案|实施方案|行动计划|工作方案|若干措施|实施意见|工作要点|的通知|的意见)$/u.test(s.title);
  if (
    (items >= 3 &&
      (points >= items || /(行动|方案|措施|计划|意见)/u.test(heads + s.body.map((l) => l.text).join('')))) ||
    (planTitle && items >= 2)
  ) {
    return { genre: 'action-plan', reason: `${items} numbered items with ${points} points led by 要` };
  }
  if (s.hasColumn || s.hasPenName || s.commentaryByline || /(评论员|时评|短评|述评|社论|评论)/u.test(heads))
    return { genre: 'commentary', reason: 'column name or pen name' };
  const length = paragraphs.reduce((n, l) => n + l.text.length, 0);
  // Official documents other than a plenary's (人大常委会关于…的决议, 条例, 办法): their own kind.
  if (/(决议|决定|条例|办法|规定|公告)$/u.test(s.title) && !s.hasNewsByline)
    return { genre: 'other', reason: 'an official document that is not a plenary resolution' };
  if (s.hasPhotoCredit && length < 600)
    return { genre: 'news', reason: 'photo news: a short text with a photo credit' };
  if (s.hasPortraitCaption && !s.hasNewsByline)
    return { genre: 'feature', reason: 'profile with a portrait caption and no news byline' };
  // A reporter's or correspondent's byline makes a report news, subheads or not (a district page's long items).
  if (s.hasNewsByline)
    return { genre: 'news', reason: 'news byline (本报讯, an agency dateline, a reporter or correspondent)' };
  if (s.headings >= 2 && length > 1200) return { genre: 'feature', reason: 'long piece with its own subheads' };
  if (paragraphs.length > 0 && /^((\d{1,2}月)?\d{1,2}日|日前|近日|昨日|今天)[，,]/u.test(paragraphs[0].text))
    return { genre: 'news', reason: 'opens with a dateline' };
  if (length > 1500) return { genre: 'feature', reason: 'long piece without a news byline' };
  if (length > 0 && length < 900) return { genre: 'news', reason: 'short report' };
  return { genre: 'other', reason: 'no signal of a known genre' };
}
