// Press conferences and interviews: a question on its own line (ending in ？, or in 谢谢 after a broadcaster's
// question), the bold summary answer, then the answer body attributed with …介绍 / …表示; transcripts whose turns
// carry labels (问：/答：, 记者：, 央视记者：, 王力军：, 商务部部长 王文涛：, 有关负责人：, 主持人：), alone on their line or
// ahead of the words; 记者：…？答：… on one line.
import type { CleanLine, Person, Section, Segment } from '../domain/types.ts';
import { findKnownSpeaker, findPeople, mergePeople } from '../domain/personMentions.ts';
import { makeSegment } from '../domain/segment.ts';
import { isHostQuestion, readTurn, splitInlineAnswer, type Turn } from './speakerTurns.ts';

/** 谢谢 closing a reporter's question (…请问…？谢谢。), with what punctuation follows it. */
const THANKS = /[，,。！!]?\s*(谢谢|谢谢您|谢谢你|感谢)[。！!]?$/u;
const ASKS = /(请问|想问|问一下|想了解|请介绍|能否介绍|请谈谈)/u;

/**
 * A line that is all question: its sentences end in ？ (问：… counts) and it is short enough to be one; or a reporter's
 * question closed by 谢谢 (the last sentence asks, with or without ？).
 */
export function isQuestionLine(text: string): boolean {
  if (/^(问|提问)[：:]/u.test(text)) return true;
  const t = text.replace(/^(问|记者|提问)[：:]/u, '');
  if (THANKS.test(t)) {
    const asked = t.replace(THANKS, '');
    const last =
      asked
        .split(/(?<=[。！!；;])/u)
        .filter((s) => s.trim() !== '')
        .at(-1) ?? '';
    return [...t].length <= 300 && asked !== '' && (/[？?]$/u.test(asked) || ASKS.test(last));
  }
  if ([...t].length > 120 || !/[？?]$/u.test(t)) return false;
  if (/^(问|记者|提问)[：:]/u.test(text)) return true;
  const sentences = t.split(/(?<=[。！？?!])/u).filter((s) => s.trim() !== '');
  return sentences.every((s) => /[？?]$/u.test(s));
}

/** 答：… or a speaker's label (李建华：…, 市发展改革委负责同志：…) at the head of an answer. */
export function answerMark(text: string): { mark: string; name: string | null } | null {
  const turn = readTurn(text);
  if (!turn || turn.role !== 'answer') return null;
  return { mark: turn.mark, name: turn.speaker?.name ?? null };
}

type Speaker = { name: string; titles: { zh: string; en: null }[] };

function speakersOf(paragraphs: string[], known: Person[]): Speaker[] {
  const out: Speaker[] = [];
  for (const p of paragraphs) {
    const people = mergePeople(findPeople(p));
    const speaker =
      people.find((x) => new RegExp(`${x.name}(介绍|表示|说|指出|强调|谈到|回答|认为|称|透露|解读)`, 'u').test(p)) ??
      findKnownSpeaker(p, known);
    if (speaker && !out.some((s) => s.name === speaker.name)) {
      const full = known.find((k) => k.name === speaker.name) ?? speaker;
      out.push({ name: full.name, titles: full.titles.map((t) => ({ zh: t.zh, en: null })) });
    }
  }
  return out;
}

/** The label's speaker with the titles the article gives them elsewhere. */
function labelledSpeaker(turn: Turn, known: Person[]): Speaker | null {
  if (!turn.speaker) return null;
  const full = known.find((k) => k.name === turn.speaker!.name);
  const titles = [...turn.speaker.titles];
  for (const t of full?.titles ?? []) if (!titles.some((x) => x.endsWith(t.zh) || t.zh.endsWith(x))) titles.push(t.zh);
  return { name: turn.speaker.name, titles: titles.map((zh) => ({ zh, en: null })) };
}

interface OpenQuestion {
  question: string;
  answerLead: Segment | null;
  answer: Segment[];
  texts: string[];
  named: Speaker[];
  /** The reporter's label stood alone: the next line is the question. */
  awaitingQuestion: boolean;
  /** An answerer's label (答：, 江慧敏：) opened the answer: what follows is the answer itself, not a summary. */
  underLabel: boolean;
}

/** The speakers the labels of `lines` name (every form above), for the article's people. */
export function labelledSpeakers(lines: CleanLine[]): { name: string; titles: string[] }[] {
  const out: { name: string; titles: string[] }[] = [];
  let asked = false;
  for (const line of lines) {
    const turn = readTurn(line.text);
    if (turn?.role === 'question' || isHostQuestion(turn)) asked = true;
    // A bare name heads an answer only once a question was asked (原标题：… is not a speaker).
    if (turn?.role !== 'answer' || !turn.speaker || (!asked && turn.speaker.titles.length === 0)) continue;
    if (/(负责人|负责同志|发言人)$/u.test(turn.speaker.name)) continue;
    if (!out.some((s) => s.name === turn.speaker!.name)) out.push(turn.speaker);
  }
  return out;
}

/** Q&A sections, with what comes before the first question as paragraphs. `known` are the article's people. */
export function parseQuestionsAndAnswers(
  lines: CleanLine[],
  known: Person[],
  answerer: string | null = null,
): Section[] {
  const sections: Section[] = [];
  // In a transcript the reporters' labels mark the questions; an unlabelled line ending in ？ is then an answer's.
  const labelled = lines.some((l) => readTurn(l.text)?.role === 'question' || isHostQuestion(readTurn(l.text)));
  const turns = lines.map((l) => readTurn(l.text));
  // The host's questions count when answerers' labels answer them (主持人：…？ then 冯慧琳：…).
  const hostAnswered = turns.some(
    (t, i) => isHostQuestion(t) && turns.slice(i + 1, i + 3).some((n) => n?.role === 'answer'),
  );
  let current: OpenQuestion | null = null;
  let hosting = false;
  const flush = () => {
    if (!current) return;
    if (current.question.trim() !== '')
      sections.push({
        kind: 'qa',
        question: makeSegment(current.question),
        answerLead: current.answerLead,
        answer: current.answer,
        speakers: current.named.length > 0 ? current.named : speakersOf(current.texts, known),
      });
    current = null;
  };
  const open = (question: string, awaitingQuestion = false) => {
    flush();
    hosting = false;
    current = { question, answerLead: null, answer: [], texts: [], named: [], awaitingQuestion, underLabel: false };
  };
  const addAnswer = (q: OpenQuestion, text: string, marked: boolean) => {
    if (text.trim() === '') return;
    // The first unlabelled paragraph after a question is the summary answer unless it is already the attributed
    // body; an answer under a label (答：, 李建华：) is the answer itself, with no summary.
    if (
      !marked &&
      q.answerLead === null &&
      q.answer.length === 0 &&
      !/^[^，。]{0,60}?(介绍|表示|说|指出)[，,：:]/u.test(text)
    )
      q.answerLead = makeSegment(text);
    else q.answer.push(makeSegment(text));
    q.texts.push(text);
  };
  for (const line of lines) {
    const turn = readTurn(line.text);
    // A question set as a subhead (bold, on its own line) is still a question.
    const askedAsHeading = line.role === 'subhead' && !labelled && isQuestionLine(line.text);
    if (line.role !== 'body' && !(turn && turn.rest === '') && !askedAsHeading) {
      // A headline inside the answers closes the Q&A part.
      flush();
      hosting = false;
      sections.push({ kind: 'heading', text: makeSegment(line.text) });
      continue;
    }
    const q = current as OpenQuestion | null;
    if (turn?.role === 'question') {
      const inline = splitInlineAnswer(turn.rest);
      open(inline ? inline.question : turn.rest, turn.rest === '');
      if (inline) {
        current!.underLabel = true;
        addAnswer(current!, inline.answer, true);
      }
      continue;
    }
    // In a host-led interview the host asks: a host's turn that ends in a question opens one.
    if (turn?.role === 'host' && isHostQuestion(turn) && hostAnswered) {
      open(turn.rest);
      current!.underLabel = true;
      continue;
    }
    if (turn?.role === 'host') {
      flush();
      hosting = true;
      sections.push({ kind: 'paragraph', text: makeSegment(line.text) });
      continue;
    }
    if (q?.awaitingQuestion && !turn) {
      q.question = line.text;
      q.awaitingQuestion = false;
      continue;
    }
    if (turn?.role === 'answer' && q) {
      hosting = false;
      const speaker = labelledSpeaker(turn, known);
      if (speaker && !q.named.some((s) => s.name === speaker.name)) q.named.push(speaker);
      q.underLabel = true;
      addAnswer(q, turn.rest, true);
      continue;
    }
    if (!turn && !labelled && !hosting && isQuestionLine(line.text)) {
      open(line.text.replace(/^(问|记者|提问)[：:]/u, ''));
      continue;
    }
    if (q && !hosting) {
      addAnswer(q, line.text, q.underLabel);
      continue;
    }
    sections.push({ kind: 'paragraph', text: makeSegment(line.text) });
  }
  flush();
  // Answers marked 答： name nobody: they are the interviewee's, the person the opening paragraphs introduce.
  const interviewee = known.find((p) => p.titles.length > 0);
  if ((interviewee || answerer) && lines.some((l) => readTurn(l.text)?.role === 'answer')) {
    for (const s of sections) {
      if (s.kind !== 'qa' || s.speakers.length > 0) continue;
      // Named in the introduction, or an office that answers (市发展改革委负责同志) when no person is named.
      if (interviewee)
        s.speakers.push({ name: interviewee.name, titles: interviewee.titles.map((t) => ({ zh: t.zh, en: null })) });
      else if (answerer) s.speakers.push({ name: answerer, titles: [] });
    }
  }
  return sections;
}
