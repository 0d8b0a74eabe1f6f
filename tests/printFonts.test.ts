// The print faces: the full Noto fonts cut to the characters of a build, in a worker thread, written through the
// build's writer; a face that cannot be cut is reported and the others are written.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { PRINT_FACES, printFaceSource, printFontsCss } from '../pipeline/publish/fonts.ts';
import {
  ALWAYS_CUT,
  charactersOf,
  missingFrom,
  textsIn,
  linkPrintFonts,
  openPrintFontCutter,
} from '../pipeline/publish/printFonts.ts';
import { writeFileIfChanged, type OutputWriter } from '../pipeline/publish/writeFiles.ts';
import { build } from '../pipeline/build.ts';

const writerInto =
  (dir: string): OutputWriter =>
  (relative, content) =>
    writeFileIfChanged(path.join(dir, relative), content);

const glyphsOf = (file: string) => fontkit.create(readFileSync(file));

describe('charactersOf', () => {
  it('keeps each character once, in code point order, whatever the order of the texts', () => {
    expect(charactersOf(['乙甲', 'b a甲'])).toBe(charactersOf(['b a甲', '甲乙']));
    expect([...charactersOf(['乙甲', 'b a甲'])]).toEqual([' ', 'a', 'b', '乙', '甲']);
  });

  it('keeps characters outside the basic plane whole', () => {
    expect([...charactersOf(['𠀋x𠀋'])]).toEqual(['x', '𠀋']);
  });
});

describe('textsIn and missingFrom', () => {
  it('finds every string in objects, arrays, maps and sets, once per object even in a cycle', () => {
    const node: Record<string, unknown> = { title: '标题', list: ['甲', { en: 'x' }], map: new Map([['键', '值']]) };
    node.self = node;
    node.set = new Set(['集']);
    expect(textsIn(node).sort()).toEqual(['x', '值', '标题', '甲', '键', '集'].sort());
  });

  it('gives the characters a cut lacks, and nothing when it has them all', () => {
    expect(missingFrom('甲乙', '乙丙丁')).toBe('丙丁');
    expect(missingFrom(charactersOf(['天津', ALWAYS_CUT]), '天津，2024年')).toBe('年');
  });
});

describe('print fonts', () => {
  it('names one face per family and weight in fonts.css, for the families briefing.css prints with', () => {
    const css = printFontsCss();
    const style = readFileSync(path.join(__dirname, '..', 'templates', 'styles', 'briefing.css'), 'utf8');
    for (const face of PRINT_FACES) {
      expect(css).toContain(`src: url(./print/${face.name}) format('truetype')`);
      expect(style).toContain(`'${face.family}'`);
    }
    expect(css.match(/@font-face/gu)).toHaveLength(PRINT_FACES.length);
  });

  it('cuts every face to the characters asked, keeping their glyphs and leaving out the rest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-print-fonts-'));
    const cutter = openPrintFontCutter();
    const problems = await cutter.write(charactersOf(['天津市委 Tianjin 2024年']), writerInto(dir));
    expect(problems).toEqual([]);
    for (const face of PRINT_FACES) {
      const file = path.join(dir, 'assets', 'fonts', 'print', face.name);
      const font = glyphsOf(file);
      for (const char of '天津市委Tianjin2024年')
        expect(font.hasGlyphForCodePoint(char.codePointAt(0)!), char).toBe(true);
      for (const char of '京冀x9') expect(font.hasGlyphForCodePoint(char.codePointAt(0)!), char).toBe(false);
      // A few kilobytes instead of the whole font's 10 to 15 MB.
      expect(statSync(file).size).toBeLessThan(statSync(printFaceSource(face)).size / 100);
      expect(font.postscriptName).toMatch(/^Noto(Serif|Sans)(SC|TC)-(Regular|Bold)$/u);
    }
  });

  it('writes nothing new when the characters are the same (the files are kept as they are)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-print-fonts-'));
    const outcomes: string[] = [];
    const writer: OutputWriter = (relative, content) => {
      const outcome = writeFileIfChanged(path.join(dir, relative), content);
      outcomes.push(outcome);
      return outcome;
    };
    await openPrintFontCutter().write('简报', writer);
    await openPrintFontCutter().write('简报', writer);
    expect(outcomes).toEqual([...PRINT_FACES.map(() => 'written'), ...PRINT_FACES.map(() => 'kept')]);
  });

  it('links the whole faces for a printer that does not know its documents in advance', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-print-fonts-'));
    linkPrintFonts(dir);
    for (const face of PRINT_FACES) {
      const file = path.join(dir, 'fonts', 'print', face.name);
      expect(statSync(file).size).toBe(statSync(printFaceSource(face)).size);
    }
  });

  it('reports a face that cannot be cut, and writes the others', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-print-fonts-'));
    const broken = { ...PRINT_FACES[2], file: 'package.json', name: 'broken.ttf' };
    const problems = await openPrintFontCutter([broken, PRINT_FACES[0]]).write('简报', writerInto(dir));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^broken\.ttf: /u);
    expect(existsSync(path.join(dir, 'assets', 'fonts', 'print', 'broken.ttf'))).toBe(false);
    expect(existsSync(path.join(dir, 'assets', 'fonts', 'print', PRINT_FACES[0].name))).toBe(true);
  });

  it('reports every face when a font package is missing, instead of throwing', async () => {
    const missing = { ...PRINT_FACES[0], pkg: '@expo-google-fonts/not-installed', name: 'gone.ttf' };
    const problems = await openPrintFontCutter([missing]).write('简报', () => 'written');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^gone\.ttf: .*not-installed/u);
  });

  it('stops an unused worker without keeping anything alive', () => {
    const cutter = openPrintFontCutter();
    expect(() => cutter.close()).not.toThrow();
  });
});

describe('print fonts in a build', () => {
  it('foresees what the settings put on the pages (a title in rare characters) and cuts once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-print-fonts-build-'));
    mkdirSync(path.join(dir, 'in'));
    copyFileSync(path.join(__dirname, '..', 'seeds', '002_d3cc0861f9f12531.txt'), path.join(dir, 'in', 'notice.txt'));
    writeFileSync(path.join(dir, 'briefings.config.json'), JSON.stringify({ title: '䶮䶯简报' }));
    const result = await build({ cwd: dir, inputs: ['in'], outDir: 'out', pdf: false });
    expect(result.failed).toEqual([]);
    expect(result.messages.filter((m) => m.ruleId === 'print-fonts').map((m) => m.reason)).toEqual([]);
    const font = glyphsOf(path.join(dir, 'out', 'assets', 'fonts', 'print', 'serif-sc-400.ttf'));
    for (const char of '䶮䶯简报') expect(font.hasGlyphForCodePoint(char.codePointAt(0)!), char).toBe(true);
    expect(readFileSync(path.join(dir, 'out', 'digest.html'), 'utf8')).toContain('䶮䶯简报');
  });
});
