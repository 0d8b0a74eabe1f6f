// Scores the text pipeline on the real-pattern pages of tests/texts/pages/ against their hand-written expectations:
// article split, genre, headline, dates, section counts, people, furniture left behind, kept strings, lost characters.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distance } from 'fastest-levenshtein';
import { convertToSimplified } from '../pipeline/ingest/detectScript.ts';
import type { Article, Section, SourceMeta } from '../pipeline/domain/types.ts';
import { loadTextResources, processSource, type TextResources } from '../pipeline/textPipeline.ts';
// Not tests/helpers.ts: that module imports vitest, and scripts/score-pages.ts runs outside it.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const han = (s: string) => [...s].filter((ch) => /\p{Script=Han}/u.test(ch));

export const PAGES_DIR = path.join(ROOT, 'tests', 'texts', 'pages');

export type SiteType =
  'city-epaper' | 'provincial-paper' | 'party-portal' | 'big5-mirror' | 'government-site' | 'aggregator';

export interface ExpectedArticle {
  genre: Article['genre'];
  title: string;
  subtitle: string | null;
  kicker: string | null;
  date: string | null;
  qa: number;
  clauses: number;
  items: number;
  people: string[];
  reporters: string[];
}

/** NAME.expect.json: what a careful reader says the page holds (schemas/page-expectation.schema.json). */
export interface PageExpectation {
  site: SiteType;
  encoding: 'utf-8' | 'big5' | 'gb18030';
  issueDate: string | null;
  articles: ExpectedArticle[];
  furniture: string[];
  mustKeep: string[];
}

export interface PageCase {
  name: string;
  file: string;
  bytes: Uint8Array;
  meta: SourceMeta;
  expect: PageExpectation;
}

/** A ratio with its parts, so corpus figures add up from page figures. */
export interface Tally {
  hit: number;
  of: number;
}

export interface FalseName {
  page: string;
  article: number;
  name: string;
  /** `ui-word` when the name is made of the page's furniture, else `unexpected` (a common noun or a stray split). */
  kind: 'ui-word' | 'unexpected';
}

export interface PageScore {
  name: string;
  site: SiteType;
  /** The pipeline returned no value (undecodable bytes, or a stage error). */
  failed: boolean;
  messages: string[];
  expected: number;
  predicted: number;
  /** Pairs [expected index, predicted index] of matched articles. */
  matches: [number, number][];
  encoding: Tally;
  issueDate: Tally;
  genre: Tally;
  title: Tally;
  decks: Tally;
  date: Tally;
  counts: Tally;
  people: Tally;
  reporters: Tally;
  falseNames: FalseName[];
  furniture: { lines: number; leftInBodies: number; asHeadline: number; asColumn: number };
  mustKeep: Tally & { violations: string[] };
  charactersLost: number;
  failures: string[];
}

export interface CorpusScore {
  pages: number;
  pagesFailed: string[];
  split: { expected: number; predicted: number; matched: number; precision: number; recall: number; f1: number };
  encoding: Tally;
  issueDate: Tally;
  genre: Tally;
  title: Tally;
  decks: Tally;
  date: Tally;
  counts: Tally;
  people: Tally;
  reporters: Tally;
  falseNames: FalseName[];
  furniture: { lines: number; leftInBodies: number; share: number; asHeadline: number; asColumn: number };
  mustKeep: { checked: number; violations: number };
  charactersLost: number;
  perPage: PageScore[];
}

const DECODERS: Record<PageExpectation['encoding'], string> = { 'utf-8': 'utf-8', big5: 'big5', gb18030: 'gb18030' };

/** The page's text as a reader sees it, decoded with the encoding the expectation names. */
export function decodePage(page: PageCase): string {
  const text = new TextDecoder(DECODERS[page.expect.encoding], { fatal: true }).decode(page.bytes);
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Every NAME.txt of the folder with its NAME.meta.json (optional) and NAME.expect.json (required). */
export function loadPageCorpus(dir = PAGES_DIR): PageCase[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
  return names.map((name) => {
    const file = `${name}.txt`;
    const expectFile = path.join(dir, `${name}.expect.json`);
    if (!existsSync(expectFile)) throw new Error(`${path.relative(ROOT, expectFile)}: missing expectation for ${file}`);
    const metaFile = path.join(dir, `${name}.meta.json`);
    return {
      name,
      file,
      bytes: new Uint8Array(readFileSync(path.join(dir, file))),
      meta: existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as SourceMeta) : {},
      expect: JSON.parse(readFileSync(expectFile, 'utf8')) as PageExpectation,
    };
  });
}

/** Script, width and spacing do not count when two texts are compared. */
export function normalise(text: string): string {
  return convertToSimplified(text).normalize('NFKC').replace(/\s+/gu, '');
}

/** For matching articles only: reading aids and deck dashes do not stop a headline from being recognised. */
function looseNormalise(text: string): string {
  return normalise(text)
    .replace(/\([a-zü\u00c0-\u024f]+\)/giu, '')
    .replace(/^[-—–]+/u, '')
    .replace(/^['"“”‘’]+|['"“”‘’]+$/gu, '');
}

function similarity(a: string, b: string): number {
  if (!a && !b) return 1;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

function sectionTexts(section: Section): string[] {
  switch (section.kind) {
    case 'preamble':
    case 'heading':
    case 'paragraph':
    case 'clause':
      return [section.text.zh];
    case 'qa':
      return [section.question.zh, section.answerLead?.zh ?? '', ...section.answer.map((s) => s.zh)];
    case 'item':
      return [
        section.heading.zh,
        ...section.points.map((s) => s.zh),
        ...section.children.flatMap((c) => sectionTexts(c)),
      ];
  }
}

/** Everything an article shows under its headline: lead, sections and captions. */
export function bodyTexts(article: Article): string[] {
  return [
    article.lead?.zh ?? '',
    ...article.sections.flatMap(sectionTexts),
    ...(article.captions ?? []).map((c) => c.zh),
  ].filter((t) => t !== '');
}

/** The headline and its decks. */
export function headlineTexts(article: Article): string[] {
  return [article.title.zh, article.subtitle?.zh, article.kicker?.zh].filter((t): t is string => !!t);
}

/** The signature lines shown beside the headline: column name and pen name. */
export function signatureTexts(article: Article): string[] {
  return [article.column, article.penName].filter((t): t is string => !!t);
}

/** A furniture line survives in a text when it is the text, opens or closes it, or (if long) sits inside it. */
export function furnitureSurvives(furniture: string, texts: string[]): boolean {
  const f = normalise(furniture);
  if (!f) return false;
  return texts.some((t) => {
    const n = normalise(t);
    return n === f || n.startsWith(f) || n.endsWith(f) || ([...f].length >= 8 && n.includes(f));
  });
}

function matchScore(expected: ExpectedArticle, article: Article): number {
  const title = looseNormalise(expected.title);
  const predicted = looseNormalise(article.title.zh);
  const byTitle = similarity(title, predicted);
  const shown = [...headlineTexts(article), ...signatureTexts(article), ...bodyTexts(article).slice(0, 2)].map(
    looseNormalise,
  );
  const byContent = shown.some((t) => t.includes(title)) ? 0.8 : 0;
  // A headline cut at a line break is still the headline of this article.
  const byPart = [...predicted].length >= 4 && title.includes(predicted) ? 0.6 : 0;
  return Math.max(byTitle, byContent, byPart);
}

const MATCH_THRESHOLD = 0.5;

/** Articles keep their order on a page: the best monotone pairing of expected and predicted articles. */
export function matchArticles(expected: ExpectedArticle[], predicted: Article[]): [number, number][] {
  const n = expected.length;
  const m = predicted.length;
  const score = expected.map((e) => predicted.map((p) => matchScore(e, p)));
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1) {
      const take = score[i][j] >= MATCH_THRESHOLD ? score[i][j] + best[i + 1][j + 1] : -1;
      best[i][j] = Math.max(take, best[i + 1][j], best[i][j + 1]);
    }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (score[i][j] >= MATCH_THRESHOLD && best[i][j] === score[i][j] + best[i + 1][j + 1]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (best[i][j] === best[i + 1][j]) i += 1;
    else j += 1;
  }
  // By order: between two matched pairs (or the page's ends), as many expected as predicted articles pair up.
  const byOrder: [number, number][] = [];
  const bounds: [number, number][] = [[-1, -1], ...pairs, [n, m]];
  for (let k = 0; k + 1 < bounds.length; k += 1) {
    const [e0, p0] = bounds[k];
    const [e1, p1] = bounds[k + 1];
    if (e1 - e0 === p1 - p0) for (let d = 1; e0 + d < e1; d += 1) byOrder.push([e0 + d, p0 + d]);
  }
  return [...pairs, ...byOrder].sort((a, b) => a[0] - b[0]);
}

/** Han characters of the decoded source that are neither in the cleaned text nor in an edit saying why they went. */
export function charactersLost(sourceText: string, cleanedText: string, edits: { before: string; after: string }[]) {
  const kept = new Map<string, number>();
  const add = (chars: string[], by: number) => chars.forEach((ch) => kept.set(ch, (kept.get(ch) ?? 0) + by));
  add(han(cleanedText), 1);
  add(han(edits.map((e) => e.before).join('')), 1);
  add(han(edits.map((e) => e.after).join('')), -1);
  const input = new Map<string, number>();
  for (const ch of han(sourceText)) input.set(ch, (input.get(ch) ?? 0) + 1);
  let lost = 0;
  for (const [ch, count] of input) lost += Math.max(0, count - (kept.get(ch) ?? 0));
  return lost;
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

const tally = (): Tally => ({ hit: 0, of: 0 });
const count = (t: Tally, ok: boolean) => {
  t.of += 1;
  if (ok) t.hit += 1;
};
const sameEncoding = (expected: PageExpectation['encoding'], actual: string) =>
  expected === 'utf-8'
    ? /^utf-8/u.test(actual)
    : expected === 'big5'
      ? /big5/iu.test(actual)
      : /gb18030|gbk|gb2312/iu.test(actual);
const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  (a ? normalise(a).replace(/^[-—–]+/u, '') : '') === (b ? normalise(b).replace(/^[-—–]+/u, '') : '');
const show = (s: string | null | undefined) => (s === null || s === undefined ? 'null' : `“${s}”`);

/** Runs the text stages on one page and compares what comes out with what a reader expects. */
export function scorePage(page: PageCase, resources: TextResources): PageScore {
  const { expect: want } = page;
  const score: PageScore = {
    name: page.name,
    site: want.site,
    failed: false,
    messages: [],
    expected: want.articles.length,
    predicted: 0,
    matches: [],
    encoding: tally(),
    issueDate: tally(),
    genre: tally(),
    title: tally(),
    decks: tally(),
    date: tally(),
    counts: tally(),
    people: tally(),
    reporters: tally(),
    falseNames: [],
    furniture: { lines: 0, leftInBodies: 0, asHeadline: 0, asColumn: 0 },
    mustKeep: { ...tally(), violations: [] },
    charactersLost: 0,
    failures: [],
  };
  const fail = (message: string) => score.failures.push(message);
  const result = processSource(page.file, page.bytes, page.meta, resources);
  score.messages = result.messages.filter((m) => m.fatal !== null).map((m) => String(m));
  const processed = result.value;
  if (!processed) {
    score.failed = true;
    const errors = result.messages.filter((m) => m.fatal).map((m) => m.reason);
    fail(`not processed: ${errors.join('; ') || 'no value'}`);
    // Every expected article of a page that could not be read counts as missed.
    score.genre.of = score.title.of = score.date.of = want.articles.length;
    score.people.of = want.articles.reduce((n, a) => n + a.people.length, 0);
    score.reporters.of = want.articles.reduce((n, a) => n + a.reporters.length, 0);
    score.counts.of = want.articles.filter((a) => a.qa + a.clauses + a.items > 0).length;
    count(score.encoding, false);
    count(score.issueDate, false);
    score.mustKeep.of = want.mustKeep.length;
    score.mustKeep.violations = [...want.mustKeep];
    return score;
  }
  const { cleaned, record, articles } = processed;
  score.predicted = articles.length;

  count(score.encoding, sameEncoding(want.encoding, record.encoding));
  if (!sameEncoding(want.encoding, record.encoding)) fail(`encoding ${record.encoding}, expected ${want.encoding}`);
  count(score.issueDate, record.issueDate === want.issueDate);
  if (record.issueDate !== want.issueDate) fail(`issue date ${record.issueDate}, expected ${want.issueDate}`);

  score.matches = matchArticles(want.articles, articles);
  const matchOf = new Map(score.matches);
  if (articles.length !== want.articles.length)
    fail(
      `split into ${articles.length} article(s), expected ${want.articles.length}: ` +
        articles.map((a) => show(a.title.zh)).join(', '),
    );

  want.articles.forEach((e, i) => {
    const at = `article ${i + 1}`;
    const j = matchOf.get(i);
    const a = j === undefined ? undefined : articles[j];
    const names = new Set((a?.people ?? []).map((p) => p.name));
    const bylineNames = new Set([
      ...(a?.byline?.reporters ?? []),
      ...(a?.byline?.correspondents ?? []),
      ...(a?.byline?.photographers ?? []),
    ]);
    for (const p of e.people) count(score.people, names.has(p));
    for (const r of e.reporters) count(score.reporters, bylineNames.has(r));
    const countsMatter = e.qa + e.clauses + e.items > 0;
    if (!a) {
      fail(`${at} ${show(e.title)} not found`);
      score.genre.of += 1;
      score.title.of += 1;
      score.date.of += 1;
      if (countsMatter) score.counts.of += 1;
      return;
    }
    count(score.genre, a.genre === e.genre);
    if (a.genre !== e.genre) fail(`${at}: genre ${a.genre}, expected ${e.genre}`);
    count(score.title, sameText(a.title.zh, e.title));
    if (!sameText(a.title.zh, e.title)) fail(`${at}: title ${show(a.title.zh)}, expected ${show(e.title)}`);
    for (const [deck, got, wanted] of [
      ['subtitle', a.subtitle?.zh, e.subtitle],
      ['kicker', a.kicker?.zh, e.kicker],
    ] as const) {
      if (!got && !wanted) continue;
      count(score.decks, sameText(got, wanted));
      if (!sameText(got, wanted)) fail(`${at}: ${deck} ${show(got)}, expected ${show(wanted)}`);
    }
    count(score.date, a.date === e.date);
    if (a.date !== e.date) fail(`${at}: date ${a.date}, expected ${e.date}`);
    const got = {
      qa: a.sections.filter((s) => s.kind === 'qa').length,
      clauses: a.sections.filter((s) => s.kind === 'clause').length,
      items: a.sections.filter((s) => s.kind === 'item').length,
    };
    if (countsMatter || got.qa + got.clauses + got.items > 0) {
      const exact = got.qa === e.qa && got.clauses === e.clauses && got.items === e.items;
      count(score.counts, exact);
      if (!exact)
        fail(`${at}: qa/clauses/items ${got.qa}/${got.clauses}/${got.items}, expected ${e.qa}/${e.clauses}/${e.items}`);
    }
    const missing = e.people.filter((p) => !names.has(p));
    if (missing.length) fail(`${at}: people not found: ${missing.join('、')}`);
    const missingReporters = e.reporters.filter((r) => !bylineNames.has(r));
    if (missingReporters.length) fail(`${at}: byline names not found: ${missingReporters.join('、')}`);
    const furnitureText = normalise(want.furniture.join('\n'));
    for (const name of names) {
      if (e.people.includes(name) || e.reporters.includes(name)) continue;
      const kind = furnitureText.includes(normalise(name)) ? 'ui-word' : 'unexpected';
      score.falseNames.push({ page: page.name, article: i + 1, name, kind });
      fail(`${at}: false name ${show(name)} (${kind})`);
    }
  });
  articles.forEach((a, j) => {
    if (![...matchOf.values()].includes(j)) fail(`extra article ${show(a.title.zh)}`);
  });

  score.furniture.lines = want.furniture.length;
  const bodies = articles.flatMap(bodyTexts);
  const headlines = articles.flatMap(headlineTexts);
  const signatures = articles.flatMap(signatureTexts);
  for (const line of want.furniture) {
    if (furnitureSurvives(line, bodies)) {
      score.furniture.leftInBodies += 1;
      fail(`furniture left in a body: ${show(line)}`);
    }
    if (furnitureSurvives(line, headlines)) {
      score.furniture.asHeadline += 1;
      fail(`furniture taken as title, subtitle or kicker: ${show(line)}`);
    }
    if (furnitureSurvives(line, signatures)) {
      score.furniture.asColumn += 1;
      fail(`furniture taken as column or pen name: ${show(line)}`);
    }
  }

  const sourceText = cleaned.source.text;
  const keptText = [cleaned.text, ...cleaned.metadata.map((m) => m.text)].join('\n');
  for (const keep of want.mustKeep) {
    const before = occurrences(sourceText, keep);
    const ok = before > 0 && occurrences(keptText, keep) >= before;
    count(score.mustKeep, ok);
    if (!ok) {
      score.mustKeep.violations.push(keep);
      fail(before === 0 ? `must-keep ${show(keep)} is not in the source` : `must-keep ${show(keep)} changed`);
    }
  }

  score.charactersLost = charactersLost(sourceText, cleaned.text, cleaned.edits);
  if (score.charactersLost > 0) fail(`${score.charactersLost} Han character(s) lost by cleaning`);
  return score;
}

const add = (into: Tally, t: Tally) => {
  into.hit += t.hit;
  into.of += t.of;
};
export const ratio = (t: Tally) => (t.of === 0 ? 1 : t.hit / t.of);

/** The corpus figures: every page scored, then summed. */
export function scoreCorpus(pages: PageCase[] = loadPageCorpus(), resources = loadTextResources()): CorpusScore {
  const perPage = pages.map((p) => scorePage(p, resources));
  const sum = (pick: (s: PageScore) => Tally) => {
    const t = tally();
    for (const s of perPage) add(t, pick(s));
    return t;
  };
  const expected = perPage.reduce((n, s) => n + s.expected, 0);
  const predicted = perPage.reduce((n, s) => n + s.predicted, 0);
  const matched = perPage.reduce((n, s) => n + s.matches.length, 0);
  const precision = predicted === 0 ? 0 : matched / predicted;
  const recall = expected === 0 ? 1 : matched / expected;
  const processed = perPage.filter((s) => !s.failed);
  const lines = processed.reduce((n, s) => n + s.furniture.lines, 0);
  const leftInBodies = processed.reduce((n, s) => n + s.furniture.leftInBodies, 0);
  return {
    pages: perPage.length,
    pagesFailed: perPage.filter((s) => s.failed).map((s) => s.name),
    split: {
      expected,
      predicted,
      matched,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    },
    encoding: sum((s) => s.encoding),
    issueDate: sum((s) => s.issueDate),
    genre: sum((s) => s.genre),
    title: sum((s) => s.title),
    decks: sum((s) => s.decks),
    date: sum((s) => s.date),
    counts: sum((s) => s.counts),
    people: sum((s) => s.people),
    reporters: sum((s) => s.reporters),
    falseNames: perPage.flatMap((s) => s.falseNames),
    furniture: {
      lines,
      leftInBodies,
      share: lines === 0 ? 0 : leftInBodies / lines,
      asHeadline: processed.reduce((n, s) => n + s.furniture.asHeadline, 0),
      asColumn: processed.reduce((n, s) => n + s.furniture.asColumn, 0),
    },
    mustKeep: {
      checked: perPage.reduce((n, s) => n + s.mustKeep.of, 0),
      violations: perPage.reduce((n, s) => n + s.mustKeep.violations.length, 0),
    },
    charactersLost: perPage.reduce((n, s) => n + s.charactersLost, 0),
    perPage,
  };
}
