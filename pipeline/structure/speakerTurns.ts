// Who speaks in a transcript or interview line: 问：/记者：/央视记者： ask; 答：/王力军：/商务部部长 王文涛：/有关负责人：
// answer; 主持人： hosts. A label stands at the head of a line, alone or with the words after it.
import { isPlausibleName, surnameOf } from '../domain/surnames.ts';
import { looksLikeName, TITLE_SUFFIX } from '../domain/personMentions.ts';

export type TurnRole = 'question' | 'answer' | 'host';

export interface Turn {
  role: TurnRole;
  /** The label as written, with its colon and the spaces after it. */
  mark: string;
  /** The speaker the label names: a person (name and titles) or an office (负责同志), or null (问：, 答：). */
  speaker: { name: string; titles: string[] } | null;
  /** The words after the label (empty when the label stands alone on its line). */
  rest: string;
}

/** A label: at most 40 characters without sentence punctuation, then a colon (or [傅莹] in brackets). */
const LABEL = /^[▲■●◆\s]*([^：:，,。；;！？?!“”"]{1,40}?)\s*[：:]\s*/u;
/** A label set in brackets before its colon ([赵宏伟]：, 【央视记者】：): the brackets are the transcript's. */
const BRACKETED_LABEL = /^\s*[【[]([^】\]：:，,。]{1,40})[】\]]\s*[：:]\s*/u;
/** A numbered question or answer: 问一：, 问二:, 一问：, 一答：, 答一：. */
const NUMBERED_TURN = /^\s*(?:([问答])([一二三四五六七八九十]{1,3})|([一二三四五六七八九十]{1,3})([问答]))\s*[：:]\s*/u;
const BRACKETED = /^[【[]([\p{Script=Han}·]{2,5})[】\]]\s*/u;
/** Offices that answer without a personal name: 市发展改革委负责同志, 有关负责人, 新闻发言人. */
const OFFICE = /(有关负责人|负责人|负责同志|新闻发言人|发言人)$/u;
/** A reporter's label: 记者, 本报记者, 中央广播电视总台央视记者, 香港经济导报记者, 记者问. */
const REPORTER = /^(问|提问|网友提问|网友)$|记者(问|提问)?$/u;

/** titles and a name from 省人力资源社会保障厅厅长 孙立平 or 外交部发言人毛宁 or 孙立平. */
function personLabel(label: string): { name: string; titles: string[] } | null {
  // 冯慧琳女士, 会长 王志远先生: the courtesy title is not part of the name.
  label = label.replace(/(女士|先生)$/u, '');
  const parts = label.split(/[\s\u3000]+/u).filter(Boolean);
  const last = parts.at(-1)!;
  // 商务部部长 王文涛: the title, a space, the name.
  if (parts.length > 1 && looksLikeName(last) && TITLE_SUFFIX.test(parts.slice(0, -1).join('')))
    return { name: last, titles: parts.slice(0, -1) };
  const joined = parts.join('');
  for (const len of [4, 3, 2]) {
    const name = joined.slice(-len);
    if (len === 4 && surnameOf(name)?.length !== 2) continue;
    const title = joined.slice(0, -len);
    if (!looksLikeName(name, joined)) continue;
    if (title === '' || TITLE_SUFFIX.test(title)) return { name, titles: title ? [title] : [] };
  }
  return null;
}

/** The turn a line opens, or null when the line is not headed by a speaker's label. */
export function readTurn(text: string): Turn | null {
  const numbered = NUMBERED_TURN.exec(text);
  if (numbered) {
    const role = (numbered[1] ?? numbered[4]) === '答' ? 'answer' : 'question';
    return { role, mark: numbered[0], speaker: null, rest: text.slice(numbered[0].length) };
  }
  const inBrackets = BRACKETED_LABEL.exec(text);
  if (inBrackets) {
    const turn = labelTurn(inBrackets[1].trim(), inBrackets[0], text.slice(inBrackets[0].length));
    if (turn) return turn;
  }
  // 【问】… / 【答】…: the plain labels in brackets.
  const plain = /^[【[](问|提问|记者|答)[】\]]\s*/u.exec(text);
  if (plain)
    return {
      role: plain[1] === '答' ? 'answer' : 'question',
      mark: plain[0],
      speaker: null,
      rest: text.slice(plain[0].length),
    };
  const bracketed = BRACKETED.exec(text);
  if (bracketed && isPlausibleName(bracketed[1]))
    return {
      role: 'answer',
      mark: bracketed[0],
      speaker: { name: bracketed[1], titles: [] },
      rest: text.slice(bracketed[0].length),
    };
  const m = LABEL.exec(text);
  if (!m) return null;
  return labelTurn(m[1].trim(), m[0], text.slice(m[0].length));
}

/** The turn a label (without its colon) opens, with the mark as written and the words after it. */
function labelTurn(label: string, mark: string, rest: string): Turn | null {
  if (label === '答' || label === '回答') return { role: 'answer', mark, speaker: null, rest };
  // 主持人：, 主持人 周明远：, 主持人（省生态环境厅宣教处处长杨正国）：.
  if (/^主持人/u.test(label) || /主持人$/u.test(label)) return { role: 'host', mark, speaker: null, rest };
  if (REPORTER.test(label.replace(/[\s\u3000]+/gu, ''))) {
    // 记者：张三 李四 is a byline, not a question.
    if (/^([\p{Script=Han}·]{2,4}[\s\u3000]*){1,4}$/u.test(rest) && !/[？?]/u.test(rest)) return null;
    return { role: 'question', mark, speaker: null, rest };
  }
  // 市发展改革委负责同志, 有关负责人, 新闻发言人: the office answers; 外交部发言人 毛宁 names the spokesman (below).
  const compact = label.replace(/[\s\u3000]+/gu, '');
  if (OFFICE.test(compact)) return { role: 'answer', mark, speaker: { name: compact, titles: [] }, rest };
  const person = personLabel(label);
  if (person) return { role: 'answer', mark, speaker: person, rest };
  // 局长：…, 副院长：…: an interviewee answering under their title alone (named in the introduction).
  if ([...compact].length <= 10 && TITLE_SUFFIX.test(compact) && !/^[问答]/u.test(compact))
    return { role: 'answer', mark, speaker: null, rest };
  return null;
}

/** A host's turn that asks (主持人：…您觉得最大的顾虑是什么？), a trailing time mark ([15:09]) aside. */
export function isHostQuestion(turn: Turn | null): boolean {
  if (turn?.role !== 'host') return false;
  const words = turn.rest.replace(/\s*[[【（(]\d{1,2}[:：]\d{2}[\]】）)]\s*$/u, '').trim();
  return /[？?]$/u.test(words);
}

/** 记者：…？答：… on one line: the question and the answer. */
export function splitInlineAnswer(rest: string): { question: string; answer: string } | null {
  const m = /^(.+?[？?。！!])\s*答[：:]\s*(.+)$/u.exec(rest);
  return m ? { question: m[1], answer: m[2] } : null;
}
