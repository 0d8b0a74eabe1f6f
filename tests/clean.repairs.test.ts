// The repair review (edit or flag, decided in one place), the control-character and reading-aid rules, and the
// windowed word segmenter the repairs read words from.
import { describe, expect, it } from 'vitest';
import { clean } from '../pipeline/clean/index.ts';
import { cleanContextFor, reviewRepair, type RepairGuard } from '../pipeline/clean/repairReview.ts';
import { isPinyinReading } from '../pipeline/clean/rules/removeReadingAids.ts';
import { loadTermBase } from '../pipeline/domain/termBase.ts';
import {
  MAX_WINDOW,
  segmentWindows,
  wordLookup,
  wordSegmenter,
  wordsInRange,
  wordStarts,
} from '../pipeline/domain/wordSegmenter.ts';
import { ingest } from '../pipeline/ingest/index.ts';

const context = cleanContextFor(loadTermBase());
const deletion = (text: string, at: string, offset = 0, confidence = 0.95) => {
  const start = text.indexOf(at) + offset;
  return { rule: 'test', op: 'delete', start, end: start + 1, after: '', confidence };
};
const guard = (text: string): RepairGuard => ({ text, protectedWords: context.protectedWords });

describe('repair review', () => {
  it('applies a confident repair of ordinary text', () => {
    const text = '全会强调，要坚持稳中求进。';
    expect(reviewRepair(guard(text), deletion(text, '要'))).toEqual({ flag: false });
  });

  it('flags a repair below 0.9 confidence', () => {
    const text = '区委书记记在调研时强调';
    expect(reviewRepair(guard(text), deletion(text, '记在', 0, 0.8))).toMatchObject({ flag: true });
  });

  it('flags a repair that touches digits or Chinese numerals, however confident', () => {
    for (const [text, at] of [
      ['研究谋划十五五规划', '五规'],
      ['落实十四五规划', '四'],
      ['对照目标一五一十摸清底数', '十'],
      ['共有35个项目', '5'],
    ]) {
      const review = reviewRepair(guard(text), deletion(text, at, 0, 0.99));
      expect(review, text).toEqual({ flag: true, because: 'it changes a number' });
    }
    // A space deleted between two digits makes a new number; a page cut joined between them mends one.
    const spaced = '共有3 5个项目';
    expect(reviewRepair(guard(spaced), deletion(spaced, ' '))).toMatchObject({ flag: true });
    expect(reviewRepair(guard(spaced), { ...deletion(spaced, ' '), op: 'join' })).toEqual({ flag: false });
    const multiplier = '藏书共3\u00a0万册';
    expect(reviewRepair(guard(multiplier), deletion(multiplier, '\u00a0'))).toEqual({ flag: false });
  });

  it('flags a repair that cuts into a known term or name, from the context or the leaders', () => {
    const term = '深刻领悟两个确立的决定性意义';
    const cut = deletion(term, '确');
    expect(reviewRepair(guard(term), cut)).toMatchObject({ flag: true, because: expect.stringContaining('两个确立') });
    expect(reviewRepair({ text: term }, cut)).toEqual({ flag: false }); // the term base comes through the context
    const leader = '学习习近平总书记重要讲话';
    expect(reviewRepair({ text: leader }, deletion(leader, '习', 2))).toMatchObject({ flag: true });
    // 习习近平: deleting the copy just before the name touches it too.
    expect(reviewRepair({ text: leader }, deletion(leader, '习', 1))).toMatchObject({ flag: true });
  });

  it('flags a space between two names and keeps ordinary spaces removable', () => {
    for (const text of ['记者 阳柳 刘莹', '（记者阳柳 刘莹）', '青年代表 阳柳 刘莹分别发言']) {
      const start = text.lastIndexOf(' ');
      expect(reviewRepair(guard(text), { ...deletion(text, ' '), start, end: start + 1 }), text).toEqual({
        flag: true,
        because: 'the space separates two names',
      });
    }
    for (const text of ['系统实时 监测水质', '欢迎扫码学 更多知识']) {
      expect(reviewRepair(guard(text), deletion(text, ' ')), text).toEqual({ flag: false });
    }
  });

  it('applies the removal of a terminal escape sequence although it holds digits', () => {
    const text = '\u001b[31m全会强调\u001b[0m';
    expect(reviewRepair(guard(text), { ...deletion(text, '\u001b'), end: 5 })).toEqual({ flag: false });
  });
});

describe('clean: control characters and reading aids', () => {
  const cleanText = (text: string) =>
    clean(ingest({ file: 'p.txt', bytes: new TextEncoder().encode(text) }).value!, context);

  it('removes an ANSI sequence whole and a BEL, with edits and a warning naming the place', () => {
    const { value, messages } = cleanText(
      '区委召开全会部署全年工作\n\n全会\u001b[1;31m强调\u001b[0m，要坚持稳中求进。\u0007\n',
    );
    expect(value.text).toBe('区委召开全会部署全年工作\n\n全会强调，要坚持稳中求进。');
    expect(value.edits.filter((e) => e.rule === 'control-character').map((e) => e.before)).toEqual([
      '\u001b[1;31m',
      '\u001b[0m',
      '\u0007',
    ]);
    const warning = messages.find((m) => m.ruleId === 'control-character');
    expect(warning).toMatchObject({ file: 'p.txt', fatal: false, line: 3, column: 3 });
    expect(warning!.reason).toMatch(/3 control characters in line 3 \(first: escape sequence ESC\[1;31m\)/u);
  });

  it('hands a doubtful repair to the reviewer as a flag with its suggestion and reason, and a warning', () => {
    const { value, messages } = cleanText('区委召开全会部署全年工作\n\n区民政局办公室主任任介绍，全区新建养老服务站。');
    expect(value.text).toContain('主任任介绍');
    expect(value.edits.filter((e) => e.rule === 'doubled-char')).toEqual([]);
    expect(value.flags).toContainEqual(
      expect.objectContaining({
        rule: 'doubled-char',
        text: '任任',
        suggestion: '任',
        reason: expect.stringMatching(/not applied: confidence 0.8/u),
      }),
    );
    expect(messages.some((m) => m.ruleId === 'doubled-char' && m.fatal === false)).toBe(true);
  });

  it('leaves a text without control characters untouched and silent', () => {
    const { value, messages } = cleanText('区委召开全会部署全年工作\n\n全会强调[1]，要抓好31个重点项目。');
    expect(value.edits.filter((e) => e.rule === 'control-character')).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'control-character')).toEqual([]);
  });

  it('tells pinyin reading aids from Latin words in parentheses', () => {
    expect(isPinyinReading('chǎn', 1)).toBe(true);
    expect(isPinyinReading('qí qū', 2)).toBe(true);
    expect(isPinyinReading('lüè', 1)).toBe(true);
    expect(isPinyinReading('qí qū', 1)).toBe(false); // more syllables than characters before
    for (const latin of ['GDP', 'APP', 'ban', 'Anna Berg', 'café', 'e-mail'])
      expect(isPinyinReading(latin, 4), latin).toBe(false);
  });
});

describe('windowed word segmentation', () => {
  const sentence = '全会强调，要坚持稳中求进工作总基调，推动经济持续回升向好。';

  it('gives the words of whole-text segmentation, window by window', () => {
    const text = sentence.repeat(40);
    const whole = [...wordSegmenter.segment(text)].map((s) => [s.index, s.segment]);
    expect([...wordsInRange(text)].map((w) => [w.index, w.segment])).toEqual(whole);
    const lookup = wordLookup(text);
    for (const [index, segment] of whole as [number, string][])
      expect(lookup(index + segment.length - 1)).toEqual({ index, segment });
    const starts = wordStarts(text);
    expect(whole.every(([index]) => starts[index as number] === 1)).toBe(true);
  });

  it('never hands ICU more than a window, even on a run without any break, nor splits a surrogate pair', () => {
    const run = '全会强调要坚持𠀀'.repeat(30_000);
    let at = 0;
    for (const [start, end] of segmentWindows(run)) {
      expect(start).toBe(at);
      expect(end - start).toBeLessThanOrEqual(MAX_WINDOW);
      expect(run.charCodeAt(end) >= 0xdc00 && run.charCodeAt(end) <= 0xdfff).toBe(false);
      at = end;
    }
    expect(at).toBe(run.length);
    expect(wordLookup(run)(run.length - 1)).toBeDefined();
  });
});
