// Review files: corrections staff made are data, applied between the text stages by every build; a correction whose
// source changed is found again by its text, or reported with its place.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { articleSegments } from '../pipeline/bilingual/index.ts';
import { formatDiagnostic } from '../pipeline/domain/diagnostics.ts';
import { main } from '../pipeline/cli.ts';
import type { Article, Section } from '../pipeline/domain/types.ts';
import { readReview, UsageError } from '../pipeline/inputs.ts';
import { renderArticlePages } from '../pipeline/render/renderArticlePages.ts';
import { loadTemplates } from '../pipeline/render/templates.ts';
import type { Manifest } from '../pipeline/manifest.ts';
import { lineAnchorOf, SourceText } from '../pipeline/review/anchors.ts';
import { personNames } from '../pipeline/review/applyEnglish.ts';
import { loadLocalTerms, saveLocalTerm, withLocalTerms } from '../pipeline/review/localTerms.ts';
import {
  emptyReview,
  parseReview,
  ReviewFileError,
  serialiseReview,
  type ReviewFile,
} from '../pipeline/review/reviewFile.ts';
import { applyReviewOp, rebaseReview, type ReviewOp } from '../pipeline/review/reviewOps.ts';
import { flattenSections, groupSections } from '../pipeline/review/sectionUnits.ts';
import { parseByline } from '../pipeline/structure/parseByline.ts';
import {
  loadTextResources,
  processSource,
  type ProcessedSource,
  type TextResources,
} from '../pipeline/textPipeline.ts';
import { ROOT } from './helpers.ts';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'review', 'press-conference-with-sidebar.txt');
const FILE = 'page.txt';
const META = { issueDate: '2025-07-09' };
const resources = loadTextResources();
const bytes = readFileSync(FIXTURE);

function run(review?: ReviewFile, input: Uint8Array = bytes, res: TextResources = resources) {
  const result = processSource(FILE, input, META, res, review);
  expect(result.value, result.messages.map(formatDiagnostic).join('\n')).not.toBeNull();
  return { value: result.value!, messages: result.messages };
}

const plain = run().value;

/** Applies operations one after another, each against what the pipeline made of the review so far. */
function review(...ops: ((p: ProcessedSource) => ReviewOp)[]): ReviewFile {
  let r = emptyReview(FILE, plain.record.sha256);
  for (const make of ops) {
    const p = run(r).value;
    const ctx = {
      source: new SourceText(p.cleaned.source.text),
      lines: p.cleaned.lines,
      edits: p.record.edits,
      flags: p.record.flags,
    };
    r = applyReviewOp(r, make(p), ctx);
  }
  return r;
}

const lineStarting = (p: ProcessedSource, head: string) => {
  const i = p.cleaned.lines.findIndex((l) => l.text.startsWith(head));
  expect(i, head).toBeGreaterThanOrEqual(0);
  return lineAnchorOf(p.cleaned.lines, i);
};
const paragraphNamed = (p: ProcessedSource, head: string) => {
  const line = lineStarting(p, head);
  return { line, zh: p.cleaned.lines.find((l) => l.start === line.start)!.text };
};
const stale = (messages: VFileMessage[]) => messages.filter((m) => m.ruleId === 'review-stale');
const kinds = (a: Article) => a.sections.map((s) => s.kind);
const joinEdit = (p: ProcessedSource) =>
  p.record.edits.find((e) => e.rule === 'join-page-break' && e.before === '\n\n' && e.start > 400)!;
const rejectJoin = (p: ProcessedSource): ReviewOp => {
  const e = joinEdit(p);
  return { op: 'edit', start: e.start, end: e.end, rule: e.rule, decision: 'reject' };
};
const acceptDoubledWord = (p: ProcessedSource): ReviewOp => {
  const f = p.record.flags.find((x) => x.rule === 'doubled-word')!;
  return { op: 'flag', start: f.start, end: f.end, rule: f.rule, decision: 'accept' };
};

describe('the fixture as the pipeline reads it without a review', () => {
  it('has the mistakes the review tests correct', () => {
    expect(plain.articles.map((a) => a.title.zh)).toEqual([
      '绍兴市召开新闻发布会介绍夏季文旅消费季安排',
      '记者手记：夜色里的古城',
      '越城区举办非遗市集',
    ]);
    expect(joinEdit(plain)).toBeDefined();
    expect(plain.cleaned.text).toContain('具体领取方式如下第一批消费券');
    expect(plain.record.flags.map((f) => f.text)).toContain('推动推动');
  });
});

describe('applying a review file', () => {
  it('gives the original text back where an edit was rejected, and keeps the log replaying the original', () => {
    const { value, messages } = run(review(rejectJoin));
    expect(value.cleaned.text).toContain('具体领取方式如下\n\n第一批消费券');
    expect(value.record.edits.some((e) => e.start === joinEdit(plain).start)).toBe(false);
    const answers = value.articles[0].sections.flatMap((s) => (s.kind === 'qa' ? s.answer.map((a) => a.zh) : []));
    expect(answers.some((a) => a.endsWith('具体领取方式如下'))).toBe(true);
    expect(answers).toContain('第一批消费券7月12日上午10点开抢，此后每周一发放一批。');
    expect(stale(messages)).toEqual([]);
    // The edits left still turn the original into the cleaned text.
    const source = new SourceText(value.cleaned.source.text);
    let out = '';
    let at = 0;
    for (const e of value.record.edits) {
      out += source.slice(at, e.start) + e.after;
      at = e.end;
    }
    out += source.slice(at, source.length);
    expect(out.replace(/\n{2,}/gu, '\n').trim()).toBe(value.cleaned.text.replace(/\n{2,}/gu, '\n').trim());
  });

  it('applies an accepted flag as an edit of its own, and the flag leaves the list of doubts', () => {
    const { value } = run(review(acceptDoubledWord));
    expect(value.cleaned.text).toContain('推动文旅商深度融合');
    expect(value.cleaned.text).not.toContain('推动推动');
    expect(value.record.flags.some((f) => f.text === '推动推动')).toBe(false);
    const edit = value.record.edits.find((e) => e.before === '推动推动')!;
    expect(edit).toMatchObject({ rule: 'doubled-word', op: 'replace', after: '推动' });
    expect(edit.reason).toMatch(/^accepted by staff/u);
  });

  it('keeps a dismissed flag in the appendix with a note that staff kept the text', () => {
    const f = plain.record.flags.find((x) => x.rule === 'doubled-word')!;
    const { value } = run(
      review(() => ({ op: 'flag', start: f.start, end: f.end, rule: f.rule, decision: 'dismiss' })),
    );
    expect(value.cleaned.text).toContain('推动推动');
    expect(value.record.flags.find((x) => x.text === '推动推动')?.reason).toMatch(/kept as written by staff/u);
  });

  it('merges an article into the one before it and splits one where staff say, numbering them again', () => {
    const r = review(
      (p) => ({ op: 'merge', line: lineStarting(p, '记者手记') }),
      (p) => ({ op: 'split', line: lineStarting(p, '夜经济') }),
    );
    const { value } = run(r);
    expect(value.articles.map((a) => [a.id, a.title.zh])).toEqual([
      ['page-1', '绍兴市召开新闻发布会介绍夏季文旅消费季安排'],
      ['page-2', '夜经济要“亮”更要“暖”'],
      ['page-3', '越城区举办非遗市集'],
    ]);
    const first = value.articles[0];
    expect(first.sections.at(-2)).toMatchObject({ kind: 'heading', text: { zh: '记者手记：夜色里的古城' } });
    // The sidebar's byline stays with the text it stood by.
    expect(value.record.metadata.some((m) => m.text.includes('沈若溪'))).toBe(true);
    expect(value.ranges.get('page-2')![0]).toBe(lineStarting(plain, '夜经济').start);
  });

  it('credits a reporter once when staff merge in a sidebar that carries the same byline', () => {
    // The press conference and its sidebar (记者手记) are both by 本报记者 沈若溪: merged, they are one article.
    const bylines = plain.articles.slice(0, 2).map((a) => a.byline?.raw);
    expect(bylines).toEqual(['本报记者 沈若溪', '■ 本报记者 沈若溪']);
    const merged = run(review((p) => ({ op: 'merge', line: lineStarting(p, '记者手记') }))).value;
    const first = merged.articles[0];
    expect(first.byline).toMatchObject({ raw: '本报记者 沈若溪', reporters: ['沈若溪'] });
    expect(first.english?.byline).toBe('Shen Ruoxi');
    const html = renderArticlePages(
      { ...merged, articles: [first] },
      { templates: loadTemplates(path.join(ROOT, 'templates')), version: 'test' },
    ).value[0].html;
    const facts = /<dl class="facts">[\s\S]*?<\/dl>/u.exec(html)![0];
    expect(facts.match(/沈若溪/gu)).toHaveLength(1);
    expect(facts.match(/Shen Ruoxi/gu)).toHaveLength(1);
    // Two different credits both stay, each name once.
    expect(parseByline(['本报记者 沈若溪', '■ 本报记者 沈若溪 王楚涵'])).toMatchObject({
      raw: '本报记者 沈若溪 ■ 本报记者 沈若溪 王楚涵',
      reporters: ['沈若溪', '王楚涵'],
    });
  });

  it('reads an article again as the genre staff chose: its questions become Q&A blocks', () => {
    const r = review((p) => ({ op: 'genre', article: lineStarting(p, '绍兴市召开'), genre: 'news' }));
    const news = run(r).value.articles[0];
    expect(news.genre).toBe('news');
    expect(kinds(news)).not.toContain('qa');
    const back = run(
      review(
        (p) => ({ op: 'genre', article: lineStarting(p, '绍兴市召开'), genre: 'news' }),
        (p) => ({ op: 'genre', article: lineStarting(p, '绍兴市召开'), genre: 'press-conference' }),
      ),
    ).value.articles[0];
    expect(back.sections).toEqual(plain.articles[0].sections.map((s) => withEnglishOf(s, back)));
  });

  it('marks paragraphs as a question (the paragraphs after it answer), an answer, an item, a clause, or unmarks one', () => {
    const asked = run(
      review((p) => ({ op: 'mark', paragraph: paragraphNamed(p, '周立言介绍，今年'), mark: 'question' })),
    ).value.articles[0];
    expect(kinds(asked).slice(0, 3)).toEqual(['paragraph', 'qa', 'qa']);
    expect(asked.sections[1]).toMatchObject({ kind: 'qa', question: { zh: expect.stringMatching(/^周立言介绍/u) } });
    const unmarked = run(
      review((p) => ({ op: 'mark', paragraph: paragraphNamed(p, '古城夜游线路'), mark: 'paragraph' })),
    ).value.articles[0];
    expect(kinds(unmarked)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'qa']);
    const items = run(
      review(
        (p) => ({ op: 'genre', article: lineStarting(p, '越城区举办'), genre: 'news' }),
        (p) => ({ op: 'mark', paragraph: paragraphNamed(p, '7月6日，越城区'), mark: 'item' }),
        (p) => ({ op: 'mark', paragraph: paragraphNamed(p, '7月6日，越城区'), mark: 'clause' }),
      ),
    ).value.articles[2];
    expect(items.sections[0]).toMatchObject({
      kind: 'clause',
      lead: '',
      text: { zh: expect.stringMatching(/^7月6日/u) },
    });
    const answered = run(
      review(
        (p) => ({ op: 'mark', paragraph: paragraphNamed(p, '古城夜游线路'), mark: 'paragraph' }),
        (p) => ({ op: 'mark', paragraph: paragraphNamed(p, '周立言表示'), mark: 'answer' }),
      ),
    );
    expect(stale(answered.messages).map((m) => m.reason)).toEqual([
      expect.stringMatching(/#\/sections\/1 no longer applies: answer: no question before this paragraph/u),
    ]);
  });

  it('takes the line staff chose as the title; the old title stays in the text as a heading', () => {
    const { value } = run(
      review(
        (p) => ({ op: 'merge', line: lineStarting(p, '记者手记') }),
        (p) => ({
          op: 'title',
          article: lineStarting(p, '绍兴市召开'),
          paragraph: { line: lineStarting(p, '百场活动'), zh: '百场活动点亮古城夜经济' },
        }),
      ),
    );
    const a = value.articles[0];
    expect(a.title.zh).toBe('百场活动点亮古城夜经济');
    expect(a.subtitle?.zh).toBe('绍兴市召开新闻发布会介绍夏季文旅消费季安排');
  });

  it('fills reviewed English into every segment with the same Chinese, across the page', () => {
    const zh = '欢迎广大市民和游客积极参与。';
    const id = articleSegments(plain.articles[2]).find((s) => s.zh === zh)!.id;
    const en = 'Residents and visitors are warmly invited to take part.';
    const { value } = run(review(() => ({ op: 'english', id, zh, en })));
    const filled = value.articles.flatMap(articleSegments).filter((s) => s.zh === zh);
    expect(filled.length).toBe(2);
    for (const s of filled) expect(s).toMatchObject({ en, enStatus: 'reviewed' });
  });

  it("applies a person's name fixed in the local term base wherever the person recurs", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-review-terms-'));
    try {
      const file = path.join(dir, 'terms.local.tsv');
      saveLocalTerm(file, { zh: '周立言', en: 'Zhou Li-yen', kind: 'person' });
      saveLocalTerm(file, { zh: '周立言', en: 'Zhou Liyan (director)', kind: 'person' });
      const local = loadLocalTerms(file);
      expect(local).toHaveLength(1);
      const res = { ...resources, terms: withLocalTerms(resources.terms, local) };
      expect(personNames(res.terms).get('周立言')).toBe('Zhou Liyan (director)');
      const a = run(undefined, bytes, res).value.articles[0];
      expect(a.people.find((p) => p.name === '周立言')?.en).toBe('Zhou Liyan (director)');
      const speakers = a.sections.flatMap((s) => (s.kind === 'qa' ? s.speakers : []));
      expect(speakers.find((s) => s.name === '周立言')?.en).toBe('Zhou Liyan (director)');
      expect(a.terms.some((t) => t.kind === 'person')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes nothing when the review is empty', () => {
    const { value } = run(emptyReview(FILE, plain.record.sha256));
    expect(value.articles).toEqual(plain.articles);
    expect(value.record).toEqual(plain.record);
  });
});

describe('a review whose source changed', () => {
  const full = review(
    rejectJoin,
    acceptDoubledWord,
    (p) => ({ op: 'merge', line: lineStarting(p, '记者手记') }),
    (p) => ({ op: 'genre', article: lineStarting(p, '越城区举办'), genre: 'feature' }),
    (p) => ({ op: 'mark', paragraph: paragraphNamed(p, '消费券分四批'), mark: 'paragraph' }),
  );
  // Staff corrected a typo in the source file and added a line at the top: offsets move, one corrected place goes.
  const changed = Buffer.from(
    bytes.toString('utf8').replace('推动推动', '推进').replace(/^/u, '本报绍兴7月8日讯\n\n'),
    'utf8',
  );

  it('finds every correction whose text is still there, and reports the one that is gone with its place', () => {
    const { value, messages } = run(full, changed);
    const changedNote = messages.find((m) => m.ruleId === 'review-source-changed')!;
    expect(formatDiagnostic(changedNote)).toMatch(
      /^page\.review\.json: warning: made against sha256 .*found again by their text/u,
    );
    expect(value.cleaned.text).toContain('具体领取方式如下\n\n第一批消费券');
    expect(value.articles.map((a) => a.title.zh)).toEqual([
      '绍兴市召开新闻发布会介绍夏季文旅消费季安排',
      '越城区举办非遗市集',
    ]);
    expect(value.articles[1].genre).toBe('feature');
    const qa = value.articles[0].sections.filter((s) => s.kind === 'qa') as Extract<Section, { kind: 'qa' }>[];
    // The answer unmarked: the second question keeps no answer, its paragraphs follow as plain text.
    expect(qa.map((s) => [s.answerLead === null, s.answer.length === 0])).toEqual([
      [false, false],
      [true, true],
    ]);
    const problems = stale(messages);
    expect(problems).toHaveLength(1);
    expect(formatDiagnostic(problems[0])).toMatch(
      /^page\.review\.json: warning: #\/flags\/0 no longer applies: the flagged text "推动推动" \(at offset \d+\) is no longer in the source/u,
    );
  });

  it('names the place in the source when the review was made against it and a correction no longer applies', () => {
    const bogus: ReviewFile = {
      ...emptyReview(FILE, plain.record.sha256),
      edits: [
        {
          rule: 'punctuation-width',
          start: 60,
          end: 61,
          before: '，',
          after: ',',
          context: ['', ''],
          decision: 'reject',
        },
      ],
    };
    const problems = stale(run(bogus).messages);
    expect(problems).toHaveLength(1);
    expect(formatDiagnostic(problems[0])).toMatch(
      /^page\.txt:\d+:\d+: warning: page\.review\.json#\/edits\/0 no longer/u,
    );
  });

  it('moves onto the changed source when staff ask, leaving out only what is gone', () => {
    const { value: p } = run(full, changed);
    const segmentIds = new Set(p.articles.flatMap(articleSegments).map((s) => s.id));
    const ctx = {
      source: new SourceText(p.cleaned.source.text),
      lines: p.cleaned.lines,
      edits: p.record.edits,
      flags: p.record.flags,
      segmentIds,
    };
    const { value: rebased, dropped } = rebaseReview(full, p.record.sha256, ctx);
    expect(dropped).toEqual(['flag doubled-word "推动推动"']);
    const again = run(rebased, changed);
    expect(stale(again.messages)).toEqual([]);
    expect(again.messages.some((m) => m.ruleId === 'review-source-changed')).toBe(false);
    expect(again.value.articles).toEqual(p.articles);
  });
});

describe('the review file on disk', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'review.schema.json'), 'utf8'));
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const sample = review(
    rejectJoin,
    acceptDoubledWord,
    (p) => ({ op: 'merge', line: lineStarting(p, '记者手记') }),
    (p) => ({ op: 'genre', article: lineStarting(p, '越城区举办'), genre: 'feature' }),
    (p) => ({ op: 'mark', paragraph: paragraphNamed(p, '消费券分四批'), mark: 'paragraph' }),
    (p) => {
      const s = articleSegments(p.articles[0])[0];
      return { op: 'english', id: s.id, zh: s.zh, en: 'Shaoxing briefs the press on its summer season' };
    },
  );

  it('validates against schemas/review.schema.json, and reads back as it was written', () => {
    const json = JSON.parse(serialiseReview(sample));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(parseReview(serialiseReview(sample), 'x.review.json')).toEqual(sample);
  });

  it('is refused by the JSON schema and by the reader alike when malformed, naming the place', () => {
    const bad: [string, (r: Record<string, unknown>) => void][] = [
      ['/version', (r) => (r.version = 2)],
      ['/source/sha256', (r) => ((r.source as { sha256: string }).sha256 = 'abc')],
      ['/edits/0/decision', (r) => ((r.edits as { decision: string }[])[0].decision = 'maybe')],
      ['/flags/0/decision', (r) => ((r.flags as { suggestion: null }[])[0].suggestion = null)],
      ['/split/0/line/occurrence', (r) => ((r.split as { line: { occurrence: number } }[])[0].line.occurrence = 0)],
      ['/articles/0/genre', (r) => ((r.articles as { genre: string }[])[0].genre = 'sports')],
      ['/sections/0/mark', (r) => ((r.sections as { mark: string }[])[0].mark = 'answer-ish')],
      ['/segments/0/id', (r) => ((r.segments as { id: string }[])[0].id = 'xyz')],
      ['(root)', (r) => (r.extra = true)],
    ];
    for (const [where, spoil] of bad) {
      const json = JSON.parse(serialiseReview(sample));
      spoil(json);
      expect(validate(json), where).toBe(false);
      expect(() => parseReview(JSON.stringify(json), 'x.review.json'), where).toThrow(ReviewFileError);
      expect(() => parseReview(JSON.stringify(json), 'x.review.json'), where).toThrow(
        where === '(root)'
          ? /x\.review\.json: \(root\)/u
          : new RegExp(`x\\.review\\.json: ${where.replace(/\/[^/]+$/u, '')}`, 'u'),
      );
    }
    expect(() => parseReview('{', 'x.review.json')).toThrow(/x\.review\.json: not valid JSON/u);
  });

  it('makes an invalid review file a usage error (exit code 2) for build, and a symlink out of the folder too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-review-cli-'));
    try {
      cpSync(FIXTURE, path.join(dir, 'in', FILE), { recursive: true });
      writeFileSync(path.join(dir, 'in', 'page.meta.json'), JSON.stringify(META));
      const err: string[] = [];
      const io = { out: () => undefined, err: (l: string) => err.push(l) };
      writeFileSync(path.join(dir, 'in', 'page.review.json'), '{"version": 1}');
      expect(() => readReview(path.join(dir, 'in', FILE))).toThrow(UsageError);
      expect(await main(['build', 'in', '--no-pdf'], io, dir)).toBe(2);
      expect(err.join('\n')).toMatch(/page\.review\.json: \/source: /u);
      rmSync(path.join(dir, 'in', 'page.review.json'));
      writeFileSync(path.join(dir, 'outside.review.json'), serialiseReview(sample));
      symlinkSync(path.join(dir, 'outside.review.json'), path.join(dir, 'in', 'page.review.json'));
      expect(await main(['build', 'in', '--no-pdf'], io, dir)).toBe(2);
      expect(err.join('\n')).toMatch(/page\.review\.json: a symlink out of the input folder/u);
      // A good review beside the input: the build applies it.
      rmSync(path.join(dir, 'in', 'page.review.json'));
      writeFileSync(path.join(dir, 'in', 'page.review.json'), serialiseReview(sample));
      expect(await main(['build', 'in', '--no-pdf'], io, dir)).toBe(0);
      const manifest: Manifest = JSON.parse(readFileSync(path.join(dir, 'output', 'briefings.json'), 'utf8'));
      expect(manifest.articles.map((a) => a.genre)).toEqual(['press-conference', 'feature']);
      expect(manifest.sources[0].edits.some((e) => e.reason.startsWith('accepted by staff'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sections as a flat list of paragraphs', () => {
  it('groups back into the very sections it came from, for every genre of the invented texts', () => {
    const texts = path.join(ROOT, 'tests', 'texts');
    for (const name of [
      'press-conference-four-questions.txt',
      'action-plan.txt',
      'district-resolution.txt',
      'qa-wenda-form.txt',
    ]) {
      const result = processSource(name, readFileSync(path.join(texts, name)), {}, resources);
      for (const a of result.value?.articles ?? [])
        expect(groupSections(flattenSections(a.sections)), a.id).toEqual(a.sections);
    }
  });
});

/** The section with the English the other article got (genre round trip compares structure, not English). */
function withEnglishOf(s: Section, other: Article): Section {
  const segments = new Map(articleSegments(other).map((x) => [x.id, x]));
  const fix = (x: { id: string }) => segments.get(x.id) ?? x;
  return JSON.parse(JSON.stringify(s), (key, value) =>
    value && typeof value === 'object' && 'id' in value && 'zh' in value ? fix(value) : value,
  );
}
