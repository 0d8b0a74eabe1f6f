// The digest's page numbers are drawn in the Latin slice fontsource ships as WOFF: unwrapped, it is the same font.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { fontPackageDir } from '../pipeline/publish/fonts.ts';
import { woffToSfnt } from '../pipeline/publish/woffToSfnt.ts';

const woff = readFileSync(
  path.join(fontPackageDir('@fontsource/noto-sans-sc'), 'files/noto-sans-sc-latin-400-normal.woff'),
);

describe('woffToSfnt', () => {
  it('gives the TrueType font inside the WOFF: same names, glyphs and advances', () => {
    const sfnt = woffToSfnt(woff);
    expect(Buffer.from(sfnt.subarray(0, 4)).toString('hex')).toBe('00010000');
    const fromWoff = fontkit.create(woff);
    const fromSfnt = fontkit.create(Buffer.from(sfnt));
    expect(fromSfnt.postscriptName).toBe(fromWoff.postscriptName);
    expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs);
    const advances = (font: typeof fromWoff) => font.layout('0123456789').glyphs.map((g) => g.advanceWidth);
    expect(advances(fromSfnt)).toEqual(advances(fromWoff));
    expect(sfnt.byteLength % 4).toBe(0);
  });

  it('refuses what is not a WOFF 1.0 font', () => {
    expect(() => woffToSfnt(woffToSfnt(woff))).toThrow(/not a WOFF/u);
    expect(() => woffToSfnt(new Uint8Array(10))).toThrow(/not a WOFF/u);
  });
});
