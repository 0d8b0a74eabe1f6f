// What the search reads of an article: five fields (title, people, terms, lead, body), each in Chinese and English,
// stored once per article so the page can show the passage a query was found in.
import type { Article, Segment, Section } from '../domain/types.ts';
import type { StoredTexts } from './searchCore.ts';

const zh = (segments: (Segment | null | undefined)[]) =>
  segments
    .filter((s): s is Segment => Boolean(s))
    .map((s) => s.zh)
    .join('\n');
const en = (segments: (Segment | null | undefined)[]) =>
  segments
    .filter((s): s is Segment => Boolean(s?.en))
    .map((s) => s.en)
    .join('\n');

function bodySegments(sections: Section[], out: Segment[] = []): Segment[] {
  for (const s of sections) {
    if (s.kind === 'qa') out.push(s.question, ...(s.answerLead ? [s.answerLead] : []), ...s.answer);
    else if (s.kind === 'item') {
      out.push(s.heading, ...s.points);
      bodySegments(s.children, out);
    } else out.push(s.text);
  }
  return out;
}

const list = (items: (string | null | undefined)[], sep: string) => items.filter(Boolean).join(sep);

export function searchTexts(article: Article): StoredTexts {
  const titles = [article.kicker, article.title, article.subtitle];
  const body = [...bodySegments(article.sections), ...article.captions];
  const speakers = article.sections.flatMap((s) => (s.kind === 'qa' ? s.speakers : []));
  const people = [
    ...article.people,
    ...speakers
      .filter((s) => !article.people.some((p) => p.name === s.name))
      .map((s) => ({ name: s.name, en: s.en ?? null, titles: s.titles })),
  ];
  const named = [...article.documents, ...article.organizations, ...article.places];
  return [
    [
      zh(titles),
      list(
        people.map((p) => list([p.titles.map((t) => t.zh).join('、'), p.name], '')),
        '\n',
      ),
      list([...article.terms.map((t) => t.zh), ...named.map((n) => n.zh)], '\n'),
      zh([article.lead]),
      zh(body),
    ],
    [
      en(titles),
      list(
        people.map((p) => list([p.en, p.titles.map((t) => t.en).join(', ')], ', ')),
        '\n',
      ),
      list([...article.terms.map((t) => t.en), ...named.map((n) => n.en)], '\n'),
      en([article.lead]),
      en(body),
    ],
  ];
}
