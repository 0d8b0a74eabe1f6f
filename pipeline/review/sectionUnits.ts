// An article's sections as a flat list of paragraphs, each with its part (question, answer, clause, item…), so that
// a staff mark changes one paragraph's part and the sections are grouped again. Flat and back is the identity.
import type { ItemSection, Section, Segment } from '../domain/types.ts';

type Speakers = Extract<Section, { kind: 'qa' }>['speakers'];

export type UnitRole =
  'heading' | 'paragraph' | 'preamble' | 'clause' | 'question' | 'answerLead' | 'answer' | 'item' | 'point';

export interface SectionUnit {
  segment: Segment;
  role: UnitRole;
  /** clause: its opening phrase. */
  lead?: string;
  /** question: who answers. */
  speakers?: Speakers;
  /** item and point: the depth of the item (0 top level, 1 its children). item: its number. */
  depth?: number;
  number?: number;
}

export function flattenSections(sections: Section[]): SectionUnit[] {
  const units: SectionUnit[] = [];
  const item = (s: ItemSection, depth: number) => {
    units.push({ segment: s.heading, role: 'item', depth, number: s.number });
    for (const p of s.points) units.push({ segment: p, role: 'point', depth });
    for (const c of s.children) item(c, depth + 1);
  };
  for (const s of sections) {
    if (s.kind === 'qa') {
      units.push({ segment: s.question, role: 'question', speakers: s.speakers });
      if (s.answerLead) units.push({ segment: s.answerLead, role: 'answerLead' });
      for (const a of s.answer) units.push({ segment: a, role: 'answer' });
    } else if (s.kind === 'item') item(s, 0);
    else if (s.kind === 'clause') units.push({ segment: s.text, role: 'clause', lead: s.lead });
    else units.push({ segment: s.text, role: s.kind });
  }
  return units;
}

/** Groups paragraphs into sections: answers follow their question, points their item; a stray one is a paragraph. */
export function groupSections(units: SectionUnit[]): Section[] {
  const sections: Section[] = [];
  let qa: Extract<Section, { kind: 'qa' }> | null = null;
  let items: ItemSection[] = [];
  for (const u of units) {
    if (u.role === 'answerLead' || u.role === 'answer') {
      if (qa) {
        if (u.role === 'answerLead' && qa.answerLead === null && qa.answer.length === 0) qa.answerLead = u.segment;
        else qa.answer.push(u.segment);
        continue;
      }
    } else if (u.role === 'point') {
      const owner = items[Math.min(u.depth ?? 0, items.length - 1)];
      if (owner) {
        owner.points.push(u.segment);
        continue;
      }
    }
    qa = null;
    if (u.role === 'item') {
      const depth = Math.min(u.depth ?? 0, items.length);
      const section: ItemSection = {
        kind: 'item',
        number: u.number ?? 1,
        heading: u.segment,
        points: [],
        children: [],
      };
      if (depth === 0) sections.push(section);
      else items[depth - 1].children.push(section);
      items = [...items.slice(0, depth), section];
      continue;
    }
    items = [];
    if (u.role === 'question') {
      qa = { kind: 'qa', question: u.segment, answerLead: null, answer: [], speakers: u.speakers ?? [] };
      sections.push(qa);
    } else if (u.role === 'clause') sections.push({ kind: 'clause', lead: u.lead ?? '', text: u.segment });
    else if (u.role === 'heading' || u.role === 'preamble') sections.push({ kind: u.role, text: u.segment });
    else sections.push({ kind: 'paragraph', text: u.segment });
  }
  return sections;
}
