// The bench's own parts: the corpus generator (deterministic, 1–6 articles a file, one script a file), the results
// file (a rerun part replaces only its entry), the profile attribution and the process-tree memory reader.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstArticles, generateCorpus, seededRandom, type CorpusUnit } from '../bench/corpus.ts';
import { descendants } from '../bench/processMemory.ts';
import { summarise } from '../bench/profile.ts';
import { writeResults, type Machine, type PartResult } from '../bench/results.ts';

// Invented pages: a headline, a byline and long closed body paragraphs with figures, in two scripts.
const body = (topic: string, n: number) =>
  `${topic}工作推进会议提出，今年将完成改造项目${n}个，投入资金${n * 3}亿元，惠及居民${n * 100}户，各项任务按计划有序推进，年底前全部完成验收并向社会公布结果。`;
const unit = (name: string, articles: number, genre: string, script = 'simplified'): CorpusUnit => ({
  name,
  text: [`${name}标题`, '本报讯（记者 某某）', body('城市更新', 12), body('民生实事', 7), body('营商环境', 9)].join(
    '\n\n',
  ),
  meta: name === 'a' ? { issueDate: '2025-01-02' } : {},
  articles,
  genre,
  script,
});
const units = [
  unit('a', 1, 'news'),
  unit('b', 2, 'news'),
  unit('c', 3, 'resolution'),
  unit('t', 1, 'news', 'traditional'),
];

describe('bench corpus', () => {
  it('gives the same files for the same seed and other files for another seed', () => {
    const one = generateCorpus(units, { articles: 120, seed: 7 });
    const again = generateCorpus(units, { articles: 120, seed: 7 });
    const other = generateCorpus(units, { articles: 120, seed: 8 });
    expect(again.sources.map((s) => s.bytes.toString())).toEqual(one.sources.map((s) => s.bytes.toString()));
    expect(other.sources.map((s) => s.bytes.toString())).not.toEqual(one.sources.map((s) => s.bytes.toString()));
  });

  it('plans exactly N articles in files of 1 to 6 articles, one script a file', () => {
    const corpus = generateCorpus(units, { articles: 300, seed: 1 });
    expect(corpus.plannedArticles).toBe(300);
    for (const s of corpus.sources) {
      expect(s.plannedArticles).toBeGreaterThanOrEqual(1);
      expect(s.plannedArticles).toBeLessThanOrEqual(6);
      const scripts = new Set(s.units.map((name) => units.find((u) => u.name === name)!.script));
      expect(scripts.size).toBe(1);
    }
    expect(new Set(corpus.sources.map((s) => s.plannedArticles)).size).toBeGreaterThan(3);
  });

  it('varies the pages: figures renumbered, headlines and bylines kept, files not all alike', () => {
    const corpus = generateCorpus(units, { articles: 200, seed: 3 });
    const texts = corpus.sources.map((s) => s.bytes.toString('utf8'));
    expect(new Set(texts).size).toBe(texts.length);
    for (const t of texts) expect(t).toMatch(/^[abct]标题\n\n本报讯（记者 某某）/u);
    expect(texts.some((t) => !t.includes('改造项目12个'))).toBe(true);
    // Some body paragraphs were dropped: fewer blocks than the units have.
    const blocks = corpus.sources.map((s, i) => texts[i].trim().split('\n\n').length - 5 * s.units.length);
    expect(blocks.some((d) => d < 0)).toBe(true);
    expect(blocks.every((d) => d <= 0)).toBe(true);
  });

  it('takes the first files up to the PDF sample size', () => {
    const corpus = generateCorpus(units, { articles: 100, seed: 5 });
    const sample = firstArticles(corpus.sources, 10);
    const count = sample.reduce((n, s) => n + s.plannedArticles, 0);
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count - sample[sample.length - 1].plannedArticles).toBeLessThan(10);
  });

  it('has a PRNG that stays in [0, 1) and repeats for a seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
  });
});

describe('bench results', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-results-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const machine: Machine = {
    cpuModel: 'test',
    cpus: 2,
    totalMemoryMB: 1,
    os: 'test',
    node: process.version,
    chromium: null,
    commit: null,
    dirtyFiles: 0,
  };
  const part = (figure: number): PartResult => ({
    ranAt: '2025-01-01T00:00:00.000Z',
    seconds: 1,
    loadBefore: [1, 1, 1],
    loadAfter: [1, 1, 1],
    options: {},
    figures: { figure },
  });

  it('replaces only the parts that ran', () => {
    const file = path.join(dir, 'results.json');
    writeResults(file, machine, { text: part(1), pdf: part(2) });
    writeResults(file, machine, { text: part(3) });
    const read = JSON.parse(readFileSync(file, 'utf8'));
    expect(read.parts.text.figures.figure).toBe(3);
    expect(read.parts.pdf.figures.figure).toBe(2);
  });
});

describe('bench profile', () => {
  it('gives a sample to the innermost pipeline frame, GC to itself, and leaves out the profiler', () => {
    const root = '/repo';
    const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
      id,
      callFrame: { functionName, url },
      children,
    });
    const summary = summarise(
      {
        nodes: [
          frame(1, '(root)', '', [2, 5, 6]),
          frame(2, 'processSource', 'file:///repo/pipeline/textPipeline.ts', [3]),
          frame(3, 'clean', 'file:///repo/pipeline/clean/index.ts', [4]),
          frame(4, 'convert', 'file:///repo/node_modules/opencc-js/dist/index.js'),
          frame(5, '(garbage collector)', ''),
          frame(6, 'post', 'node:inspector', [7]),
          frame(7, 'dispatch', ''),
        ],
        samples: [4, 4, 3, 5, 2, 7],
        timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000],
      },
      root,
      5,
    );
    expect(summary.totalMs).toBe(5);
    expect(summary.byFolder).toEqual([
      { name: 'pipeline/clean', ms: 3, share: 60 },
      { name: '(garbage collector)', ms: 1, share: 20 },
      { name: 'pipeline/textPipeline.ts', ms: 1, share: 20 },
    ]);
    expect(summary.byLibrary[0]).toEqual({ name: 'opencc-js', ms: 2, share: 40 });
  });
});

describe('bench process memory', () => {
  it('finds a child process of this one', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 2000)']);
    await new Promise((resolve) => child.once('spawn', resolve));
    try {
      expect(descendants(process.pid)).toContain(child.pid);
    } finally {
      child.kill();
    }
  });
});
