// The real-pattern pages (tests/texts/pages/): their expectations are well formed and honest about the files, the
// scorer can fail, cleaning loses no character, and the quality targets of issue 8 hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertToSimplified } from '../pipeline/ingest/detectScript.ts';
import type { Article } from '../pipeline/domain/types.ts';
import { loadTextResources } from '../pipeline/textPipeline.ts';
import {
  decodePage,
  furnitureSurvives,
  loadPageCorpus,
  matchArticles,
  normalise,
  ratio,
  scoreCorpus,
  scorePage,
  type CorpusScore,
  type ExpectedArticle,
} from './pageCorpus.ts';
import { ROOT } from './helpers.ts';

const pages = loadPageCorpus();
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'page-expectation.schema.json'), 'utf8'));
const validate = new Ajv2020.default({ allErrors: true, strict: true }).compile(schema);

describe('page corpus expectations', () => {
  it('holds at least 30 pages from every kind of site, in all three encodings', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    const sites = new Set(pages.map((p) => p.expect.site));
    for (const site of [
      'city-epaper',
      'provincial-paper',
      'party-portal',
      'big5-mirror',
      'government-site',
      'aggregator',
    ])
      expect(sites, site).toContain(site);
    const encodings = pages.map((p) => p.expect.encoding);
    expect(encodings.filter((e) => e === 'big5').length).toBeGreaterThanOrEqual(2);
    expect(encodings).toContain('gb18030');
    const genres = new Set(pages.flatMap((p) => p.expect.articles.map((a) => a.genre)));
    for (const genre of ['resolution', 'press-conference', 'action-plan', 'news', 'commentary', 'feature'])
      expect(genres, genre).toContain(genre);
  });

  for (const page of pages) {
    describe(page.name, () => {
      it('validates against schemas/page-expectation.schema.json', () => {
        const ok = validate(page.expect);
        expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
        expect(ok).toBe(true);
      });

      it('is stored in the encoding it names, and its furniture and kept strings are in it', () => {
        const text = decodePage(page);
        if (page.expect.encoding !== 'utf-8')
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(page.bytes)).toThrow();
        for (const line of page.expect.furniture) expect(text, `furniture ${line}`).toContain(line);
        const simplified = convertToSimplified(text);
        for (const keep of page.expect.mustKeep) expect(simplified, `must-keep ${keep}`).toContain(keep);
      });

      it('names people, byline names and headlines that the page contains', () => {
        const simplified = normalise(decodePage(page)).replace(/[(（][a-zü\u00c0-\u024f]+[)）]/giu, '');
        for (const a of page.expect.articles) {
          for (const name of [...a.people, ...a.reporters]) expect(simplified, name).toContain(name);
          for (const part of a.title.split(/\s+/u)) expect(simplified, a.title).toContain(normalise(part));
          for (const deck of [a.subtitle, a.kicker]) if (deck) expect(simplified, deck).toContain(normalise(deck));
          // A headline is never furniture: the furniture check would punish the right answer.
          for (const line of page.expect.furniture) expect(normalise(line), line).not.toBe(normalise(a.title));
        }
      });
    });
  }
});

const article = (title: string, paragraphs: string[] = []): Article =>
  ({
    title: { zh: title },
    subtitle: null,
    kicker: null,
    column: null,
    penName: null,
    lead: null,
    captions: [],
    sections: paragraphs.map((zh) => ({ kind: 'paragraph', text: { zh } })),
  }) as unknown as Article;
const wanted = (title: string) => ({ title }) as ExpectedArticle;

describe('page corpus scorer', () => {
  it('pairs articles by headline, then by order between pairs, and leaves extra articles unpaired', () => {
    const expected = [wanted('甲地新闻'), wanted('乙地新闻标题'), wanted('丙地新闻')];
    expect(matchArticles(expected, [article('甲地新闻'), article('第3版'), article('丙地新闻')])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(matchArticles(expected, [article('甲地新闻'), article('丙地新闻')])).toEqual([
      [0, 0],
      [2, 1],
    ]);
    expect(matchArticles([wanted('甲地新闻')], [article('首页 > 新闻'), article('甲地新闻')])).toEqual([[0, 1]]);
  });

  it('reports a wrong genre, a person not found, furniture left behind and a string not kept', () => {
    const page = pages.find((p) => p.name === 'provincial-paper-commentary-ping-subtitle')!;
    const expect_ = structuredClone(page.expect);
    expect_.articles[0] = { ...expect_.articles[0], genre: 'action-plan', people: ['欧阳明'] };
    expect_.furniture = [...expect_.furniture, '民生无小事。'];
    expect_.mustKeep = ['民生大事'];
    const score = scorePage({ ...page, expect: expect_ }, loadTextResources());
    expect(score.failures).toEqual(
      expect.arrayContaining([
        expect.stringContaining('genre'),
        'article 1: people not found: 欧阳明',
        'furniture left in a body: “民生无小事。”',
        'must-keep “民生大事” is not in the source',
      ]),
    );
  });

  it('finds furniture that opens, closes or equals a text, in either script', () => {
    expect(furnitureSurvives('上一篇  下一篇', ['上一篇 下一篇'])).toBe(true);
    expect(furnitureSurvives('來源：鄭州日報', ['来源:郑州日报 本报讯（记者 张三）昨天…'])).toBe(true);
    expect(furnitureSurvives('评论', ['本报评论员文章认为，…'])).toBe(false);
  });
});

describe('page corpus, as the pipeline stands', () => {
  let score: CorpusScore;
  beforeAll(() => {
    score = scoreCorpus(pages);
  });

  it('scores every page and every expected article', () => {
    expect(score.perPage.map((p) => p.name)).toEqual(pages.map((p) => p.name));
    expect(score.split.expected).toBe(pages.reduce((n, p) => n + p.expect.articles.length, 0));
    expect(score.genre.of).toBe(score.split.expected);
  });

  it('loses no Han character while cleaning any page it reads', () => {
    const lost = score.perPage.filter((p) => p.charactersLost > 0).map((p) => `${p.name}: ${p.charactersLost}`);
    expect(lost).toEqual([]);
  });
});

// The targets of issue 8, on the pages the rules were written against.
describe('page corpus targets', () => {
  let score: CorpusScore;
  const failures = (pick: (f: string) => boolean) =>
    score.perPage.flatMap((p) => p.failures.filter(pick).map((f) => `${p.name}: ${f}`));
  beforeAll(() => {
    score = scoreCorpus(pages);
  });

  it('splits pages into articles with F1 ≥ 0.95', () => {
    expect(score.split.f1, failures((f) => /split|not found|extra article/u.test(f)).join('\n')).toBeGreaterThanOrEqual(
      0.95,
    );
  });
  it('tells the genre of ≥ 90 % of articles', () => {
    expect(ratio(score.genre), failures((f) => f.includes('genre')).join('\n')).toBeGreaterThanOrEqual(0.9);
  });
  it('counts Q&A, clauses and items exactly in ≥ 90 % of the articles that have any', () => {
    expect(ratio(score.counts), failures((f) => f.includes('qa/clauses/items')).join('\n')).toBeGreaterThanOrEqual(0.9);
  });
  it('finds ≥ 85 % of the people', () => {
    expect(ratio(score.people), failures((f) => f.includes('people not found')).join('\n')).toBeGreaterThanOrEqual(
      0.85,
    );
  });
  it('never takes furniture as a title, subtitle or kicker', () => {
    expect(failures((f) => f.startsWith('furniture taken as title'))).toEqual([]);
  });
  it('leaves ≤ 5 % of the furniture lines in article bodies', () => {
    expect(score.furniture.share, failures((f) => f.startsWith('furniture left')).join('\n')).toBeLessThanOrEqual(0.05);
  });
  it('keeps every must-keep string unchanged', () => {
    expect(failures((f) => f.startsWith('must-keep'))).toEqual([]);
  });
});
