// Print fonts: one face per family and weight, cut from the full Noto fonts to the characters of the build. Chromium
// lays out and embeds one font per face instead of the dozens of fontsource slices a page touches: the seeds'
// PDFs print about a third faster. Screens never load them (only the print media rule names them).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PRINT_FACES, PRINT_FONT_DIR, printFaceSource, type PrintFace } from './fonts.ts';
import { linkFileAtomic, writeFileAtomic, type OutputWriter } from './writeFiles.ts';

const require = createRequire(import.meta.url);

/**
 * Cut whatever the pages hold: Latin with pinyin's tone marks, general punctuation, CJK punctuation and full-width
 * forms (a few hundred glyphs), so that a date, a rule's reason or a pinyin reading written at render time is in
 * the cut made before the pages are; and what the browser draws in no page's text (list markers ◦ ▪ besides the
 * bullets of general punctuation, the margin box's page numbers, hyphens, ellipses, quotation marks of a <q>).
 */
export const ALWAYS_CUT = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x1cd, 0x1dc],
  [0x2000, 0x206f],
  [0x3000, 0x303f],
  [0xff00, 0xffef],
  [0x25aa, 0x25aa],
  [0x25e6, 0x25e6],
]
  .map(([from, to]) => String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i)))
  .join('');

/** Every string inside `value` (objects, arrays, maps and sets, each visited once). */
export function textsIn(value: unknown): string[] {
  const texts: string[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') texts.push(item);
    else if (item !== null && typeof item === 'object' && !seen.has(item)) {
      seen.add(item);
      const children = item instanceof Map ? [...item.keys(), ...item.values()] : Object.values(item);
      // One at a time: spreading a long array into push() overflows the stack.
      for (const child of item instanceof Set ? item : children) stack.push(child);
    }
  }
  return texts;
}

/** A set of code points as a bitmap (136 KB): a build's pages are scanned at hundreds of megabytes a second. */
class CodePoints {
  private readonly bits = new Uint8Array(0x110000 >> 3);

  add(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      let code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i += 1;
        }
      }
      this.bits[code >> 3] |= 1 << (code & 7);
    }
  }

  has(code: number): boolean {
    return (this.bits[code >> 3] & (1 << (code & 7))) !== 0;
  }

  /** The code points, in order, as a string. */
  toString(): string {
    const chars: string[] = [];
    for (let byte = 0; byte < this.bits.length; byte += 1) {
      if (this.bits[byte] === 0) continue;
      for (let bit = 0; bit < 8; bit += 1)
        if (this.bits[byte] & (1 << bit)) chars.push(String.fromCodePoint(byte * 8 + bit));
    }
    return chars.join('');
  }
}

/** The characters of `needed` that `cut` lacks. */
export function missingFrom(cut: string, needed: string): string {
  const have = new CodePoints();
  have.add(cut);
  return [...needed].filter((char) => !have.has(char.codePointAt(0)!)).join('');
}

/** The distinct characters of `texts`, in code point order (the subset is the same whatever the order of pages). */
export function charactersOf(texts: Iterable<string>): string {
  const seen = new CodePoints();
  for (const text of texts) seen.add(text);
  return seen.toString();
}

/**
 * Links the full fonts as the print faces: for a printer whose documents are not known in advance (a queue worker,
 * the studio's preview). Same glyphs and metrics as a subset, so the same layout; only slower to embed.
 */
export function linkPrintFonts(assetsDir: string): void {
  for (const face of PRINT_FACES) {
    const target = path.join(assetsDir, PRINT_FONT_DIR, face.name);
    // Another device refuses the link: a copy (10 to 15 MB a face).
    if (!linkFileAtomic(printFaceSource(face), target)) writeFileAtomic(target, readFileSync(printFaceSource(face)));
  }
}

// The cutting runs in a worker thread started with the build: its start and harfbuzz's wasm are ready by the time
// the pages are, on the core the text stages leave idle, and its wasm memory (about 90 MB for the largest face)
// leaves with it instead of staying in the build's heap.
const CUT_FACES = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const subsetFont = require(workerData.subsetFont);
const fonts = workerData.sources.map((source) => {
  try {
    return readFileSync(source);
  } catch (error) {
    return error;
  }
});
// One small cut compiles the wasm before the characters come.
const warm = fonts[0] instanceof Error ? Promise.resolve() : subsetFont(fonts[0], 'a', { targetFormat: 'sfnt' });
parentPort.once('message', async (characters) => {
  await warm.catch(() => undefined);
  const cut = [];
  for (const font of fonts) {
    try {
      if (font instanceof Error) throw font;
      cut.push({ bytes: await subsetFont(font, characters, { targetFormat: 'sfnt' }) });
    } catch (error) {
      cut.push({ problem: String((error && error.message) || error) });
    }
  }
  parentPort.postMessage(cut);
});
`;

type Cut = { bytes: Uint8Array } | { problem: string };

export interface PrintFontCutter {
  /**
   * Writes each print face cut to `characters` through the build's writer (unchanged bytes are kept, so a build
   * whose characters did not change leaves the files and the web server's caches alone). Returns the problems met:
   * a face that cannot be cut is left as it was, and characters it lacks print in the fontsource slices.
   */
  write(characters: string, write: OutputWriter): Promise<string[]>;
  /** Stops the worker if it was never asked (a build that renders nothing). */
  close(): void;
}

export function openPrintFontCutter(faces: PrintFace[] = PRINT_FACES): PrintFontCutter {
  let worker: Worker;
  try {
    worker = new Worker(CUT_FACES, {
      eval: true,
      workerData: { subsetFont: require.resolve('subset-font'), sources: faces.map(printFaceSource) },
    });
  } catch (error) {
    // A font package or subset-font missing from the install: the pages print in the slices, and the build says so.
    const problem = (error as Error).message;
    return { write: async () => faces.map((face) => `${face.name}: ${problem}`), close: () => undefined };
  }
  // Never what keeps a command alive.
  worker.unref();
  const result = new Promise<Cut[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the font worker stopped (exit code ${code})`)));
  });
  result.catch(() => undefined);
  return {
    async write(characters, write) {
      worker.postMessage(characters);
      const cut = await result.finally(() => void worker.terminate());
      return faces.flatMap((face, i) => {
        const one = cut[i];
        if (!one || 'problem' in one) return [`${face.name}: ${one?.problem ?? 'not cut'}`];
        write(path.join('assets', PRINT_FONT_DIR, face.name), one.bytes);
        return [];
      });
    },
    close() {
      void worker.terminate();
    },
  };
}
