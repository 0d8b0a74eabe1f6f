// Golden structure of every seed and every invented text (tests/texts): articles, genres, titles, sections,
// people, dates and figures, as the contract names them. UPDATE=1 rewrites; read the diff before committing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { loadTextResources, processSource } from '../pipeline/textPipeline.ts';
import type { Article, Section, Segment } from '../pipeline/domain/types.ts';
import { expectGolden, ROOT } from './helpers.ts';

const short = (s: Segment | null) => (s ? (s.zh.length > 36 ? `${s.zh.slice(0, 36)}…` : s.zh) : null);
const en = (s: Segment | null) =>
  s && s.en ? `${s.enStatus}: ${s.en.length > 90 ? `${s.en.slice(0, 90)}…` : s.en}` : s ? s.enStatus : null;

function section(s: Section): unknown {
  switch (s.kind) {
    case 'clause':
      return { kind: s.kind, lead: s.lead, text: short(s.text) };
    case 'qa':
      return {
        kind: s.kind,
        question: s.question.zh,
        answerLead: short(s.answerLead),
        answers: s.answer.length,
        speakers: s.speakers.map((p) => `${p.name} (${p.en}): ${p.titles.map((t) => t.zh).join('、')}`),
      };
    case 'item':
      return {
        kind: s.kind,
        number: s.number,
        heading: s.heading.zh,
        points: s.points.length,
        children: s.children.map(section),
      };
    default:
      return { kind: s.kind, text: short(s.text) };
  }
}

export function summarise(a: Article): unknown {
  return {
    id: a.id,
    genre: a.genre,
    kicker: short(a.kicker),
    title: a.title.zh,
    titleEn: en(a.title),
    subtitle: short(a.subtitle),
    subtitleEn: en(a.subtitle),
    date: a.date,
    byline: a.byline,
    column: a.column,
    penName: a.penName,
    lead: short(a.lead),
    meeting: a.meeting ? `${a.meeting.zh} → ${a.meeting.en}` : null,
    attendance: a.attendance,
    sections: a.sections.map(section),
    people: a.people.map((p) => `${p.name} (${p.en}): ${p.titles.map((t) => `${t.zh} = ${t.en}`).join('; ')}`),
    figures: a.figures.map((f) => `${f.text} = ${f.value} ${f.unit} ${f.bound} → ${f.en}`),
    documents: a.documents.map((d) => d.zh),
    captions: a.captions.map((c) => c.zh),
  };
}

const files = [
  ...readdirSync(path.join(ROOT, 'seeds')).map((f) => path.join(ROOT, 'seeds', f)),
  ...readdirSync(path.join(ROOT, 'tests', 'texts'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(ROOT, 'tests', 'texts', f)),
];

describe('structure golden files', () => {
  const resources = loadTextResources();
  for (const file of files) {
    it(path.relative(ROOT, file), () => {
      const metaPath = file.replace(/\.txt$/u, '.meta.json');
      const meta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {};
      const result = processSource(path.basename(file), readFileSync(file), meta, resources);
      const articles = result.value!.articles.map(summarise);
      const golden = path.join(ROOT, 'tests', 'fixtures', 'structure', `${path.basename(file, '.txt')}.json`);
      expectGolden(golden, `${JSON.stringify({ issueDate: result.value!.record.issueDate, articles }, null, 1)}\n`);
    });
  }
});
