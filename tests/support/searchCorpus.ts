// Manifest-shaped sites for the search's budgets: the seeds run through the text stages once, then any number of
// articles recombined from their sentences, people, terms and English segments (seeded, so every run is the same).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSegment } from '../../pipeline/domain/segment.ts';
import type { Article, Genre, Section, Segment } from '../../pipeline/domain/types.ts';
import type { SourceRecord } from '../../pipeline/manifest.ts';
import { loadTextResources, processSource, type ProcessedSource } from '../../pipeline/textPipeline.ts';

/** The repository (not tests/helpers.ts, which needs vitest: the bench script imports this file too). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let seeds: ProcessedSource[] | null = null;

/** The seeds through the text stages (no rendering), once per process. */
export function processedSeeds(): ProcessedSource[] {
  if (seeds) return seeds;
  const resources = loadTextResources();
  const dir = path.join(ROOT, 'seeds');
  seeds = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => processSource(f, readFileSync(path.join(dir, f)), {}, resources).value!)
    .filter(Boolean);
  return seeds;
}

/** A small seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bodySegments(sections: Section[]): Segment[] {
  return sections.flatMap((s) =>
    s.kind === 'qa'
      ? [s.question, ...(s.answerLead ? [s.answerLead] : []), ...s.answer]
      : s.kind === 'item'
        ? [s.heading, ...s.points, ...bodySegments(s.children)]
        : [s.text],
  );
}

const PAPERS = ['天津日报', '今晚报', '人民日报', '中国日报'];
const PUBLISHERS = ['中央广电总台国际在线', '津云', '北方网'];

export interface SyntheticSite {
  sources: SourceRecord[];
  articles: Article[];
}

/** `count` articles recombined from the seeds: lengths, genres and lists drawn like the seeds'. */
export function syntheticSite(count: number, seed = 20240830): SyntheticSite {
  const rand = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const templates = processedSeeds().flatMap((p) => p.articles);
  const segments = templates.flatMap((a) => bodySegments(a.sections));
  const sentences = segments.flatMap((s) => s.zh.split(/(?<=[。！？；])/u)).filter((s) => [...s].length >= 6);
  const bilingual = segments.filter((s) => s.en);
  const people = templates.flatMap((a) => a.people);
  const terms = templates.flatMap((a) => a.terms);
  const englishTitles = templates.map((a) => a.title.en).filter((t): t is string => Boolean(t));
  const sources: SourceRecord[] = [];
  const articles: Article[] = [];
  const lengthOf = (a: Article) => bodySegments(a.sections).reduce((n, s) => n + s.zh.length, 0);
  let sourceNo = 0;
  while (articles.length < count) {
    const file = `syn${String(sourceNo++).padStart(5, '0')}_${Math.floor(rand() * 2 ** 32).toString(16)}.txt`;
    const inFile = Math.min(count - articles.length, 1 + Math.floor(rand() * 4));
    const issueDate =
      rand() < 0.9
        ? `${2019 + Math.floor(rand() * 7)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(
            1 + Math.floor(rand() * 28),
          ).padStart(2, '0')}`
        : null;
    const ids: string[] = [];
    for (let k = 1; k <= inFile; k++) {
      const template = pick(templates);
      const target = Math.max(120, lengthOf(template) * (0.5 + rand()));
      const sections: Section[] = [];
      let length = 0;
      while (length < target) {
        const text =
          rand() < 0.15
            ? pick(bilingual)
            : makeSegment(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(sentences)).join(''));
        sections.push({ kind: 'paragraph', text: { ...text } });
        length += text.zh.length;
      }
      const titleFrom = [...pick(sentences).replace(/[\p{P}\s]/gu, '')];
      const titleLength = 6 + Math.floor(rand() * 14);
      const at = Math.floor(rand() * Math.max(1, titleFrom.length - titleLength));
      const title = makeSegment(titleFrom.slice(at, at + titleLength).join(''));
      if (rand() < 0.4) title.en = pick(englishTitles);
      const id = `${file.replace(/\.txt$/u, '')}-${k}`;
      ids.push(id);
      const unique = <T extends { zh?: string; name?: string }>(xs: T[]) => [
        ...new Map(xs.map((x) => [x.zh ?? x.name, x])).values(),
      ];
      articles.push({
        id,
        source: { file, sha256: '0'.repeat(64) },
        genre: template.genre as Genre,
        title: { ...title, enStatus: title.en ? 'rule' : 'pending' },
        subtitle: rand() < 0.3 ? makeSegment(pick(sentences).replace(/[。！？；]$/u, '')) : null,
        kicker: null,
        column: null,
        penName: null,
        date: issueDate && rand() < 0.95 ? issueDate : null,
        byline: template.byline,
        lead: rand() < 0.2 ? makeSegment(pick(sentences) + pick(sentences)) : null,
        sections,
        people: unique(Array.from({ length: Math.floor(rand() * 5) }, () => pick(people))),
        figures: template.figures,
        documents: template.documents,
        organizations: template.organizations,
        places: template.places,
        terms: unique(Array.from({ length: 5 + Math.floor(rand() * 35) }, () => pick(terms))),
        captions: [],
      });
    }
    const hasOrigin = rand() < 0.3;
    sources.push({
      file,
      sha256: '0'.repeat(64),
      encoding: 'utf-8',
      script: 'simplified',
      issueDate,
      edits: [],
      flags: [],
      metadata: [],
      articles: ids,
      origin: hasOrigin ? { publisher: pick(PUBLISHERS), publishedAt: null } : null,
      paper: !hasOrigin && rand() < 0.7 ? pick(PAPERS) : null,
    });
  }
  return { sources, articles };
}
