// Press conferences: a question on its own line (one or more sentences ending in ？), the bold summary answer,
// then the answer body attributed with …介绍 / …表示; other forms: 问：… / 答：….
import type { CleanLine, Person, Section, Segment } from '../domain/types.ts';
import { findKnownSpeaker, findPeople, mergePeople } from '../domain/personMentions.ts';
import { makeSegment } from '../domain/segment.ts';
import { isPlausibleName } from '../domain/surnames.ts';

/** A line that is all question: its sentences end in ？ (问：… counts), and it is short enough to be one. */
export function isQuestionLine(text: string): boolean {
  if (/^(问|提问)[：:]/u.test(text)) return true;
  const t = text.replace(/^(问|记者|提问)[：:]/u, '');
  if ([...t].length > 120 || !/[？?]$/u.test(t)) return false;
  if (/^(问|记者|提问)[：:]/u.test(text)) return true;
  const sentences = t.split(/(?<=[。！？?!])/u).filter((s) => s.trim() !== '');
  return sentences.every((s) => /[？?]$/u.test(s));
}

/** 答：… or the speaker's name and a colon (李建华：…) at the head of an answer. */
export function answerMark(text: string): { mark: string; name: string | null } | null {
  const m = /^(答|[\p{Script=Han}]{2,3})[：:]\s*/u.exec(text);
  if (!m) return null;
  if (m[1] === '答') return { mark: m[0], name: null };
  return isPlausibleName(m[1]) ? { mark: m[0], name: m[1] } : null;
}

function speakersOf(paragraphs: string[], known: Person[]): { name: string; titles: { zh: string; en: null }[] }[] {
  const out: { name: string; titles: { zh: string; en: null }[] }[] = [];
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

/** Q&A sections, with what comes before the first question as paragraphs. `known` are the article's people. */
export function parseQuestionsAndAnswers(
  lines: CleanLine[],
  known: Person[],
  answerer: string | null = null,
): Section[] {
  const sections: Section[] = [];
  let current: {
    question: Segment;
    answerLead: Segment | null;
    answer: Segment[];
    texts: string[];
    named: string[];
  } | null = null;
  const flush = () => {
    if (!current) return;
    // Answers headed by a name (李建华：…) are that person's; otherwise the attributions in the answer decide.
    const named = current.named.map((name) => {
      const full = known.find((k) => k.name === name);
      return { name, titles: (full?.titles ?? []).map((t) => ({ zh: t.zh, en: null })) };
    });
    sections.push({
      kind: 'qa',
      question: current.question,
      answerLead: current.answerLead,
      answer: current.answer,
      speakers: named.length > 0 ? named : speakersOf(current.texts, known),
    });
    current = null;
  };
  for (const line of lines) {
    if (line.role === 'body' && isQuestionLine(line.text)) {
      flush();
      current = {
        question: makeSegment(line.text.replace(/^(问|记者|提问)[：:]/u, '')),
        answerLead: null,
        answer: [],
        texts: [],
        named: [],
      };
      continue;
    }
    if (!current) {
      sections.push({ kind: line.role === 'body' ? 'paragraph' : 'heading', text: makeSegment(line.text) });
      continue;
    }
    if (line.role !== 'body') {
      // A headline inside the answers closes the Q&A part.
      flush();
      sections.push({ kind: 'heading', text: makeSegment(line.text) });
      continue;
    }
    const marked = answerMark(line.text);
    const text = marked ? line.text.slice(marked.mark.length) : line.text;
    if (marked?.name && !current.named.includes(marked.name)) current.named.push(marked.name);
    // The first paragraph after a question is the summary answer unless it is already the attributed body.
    if (
      current.answerLead === null &&
      current.answer.length === 0 &&
      !/^[^，。]{0,60}?(介绍|表示|说|指出)[，,：:]/u.test(text)
    ) {
      current.answerLead = makeSegment(text);
    } else {
      current.answer.push(makeSegment(text));
    }
    current.texts.push(text);
  }
  flush();
  // Answers marked 答： name nobody: they are the interviewee's, the person the opening paragraphs introduce.
  const interviewee = known.find((p) => p.titles.length > 0);
  if ((interviewee || answerer) && lines.some((l) => answerMark(l.text) !== null)) {
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
