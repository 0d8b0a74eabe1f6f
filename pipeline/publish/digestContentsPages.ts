// The digest is printed once: its contents leave a slot per article (a link to the article, no text), and after the
// print each slot gets the page the article starts on, read from the PDF's own named destinations. @libpdf/core
// reads only the objects asked for and saves as an incremental update: with pdf-lib, which parsed every object, the
// seeds' digest took 0.45 s to stamp and 0.38 s to load pdf-lib and fontkit; now 0.15 s and about 0.25 s.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDF, PdfArray, PdfDict, PdfName, PdfNumber, PdfRef, PdfString, ops, type PDFPage } from '@libpdf/core';
import type { PdfObject } from '@libpdf/core';
import { fontPackageDir } from './fonts.ts';
import { woffToSfnt } from './woffToSfnt.ts';
import { writeFileAtomic } from './writeFiles.ts';

type Operator = ReturnType<typeof ops.endText>;
/** The document's own lookup, handed to the library's getters so that they follow references. */
type Resolver = (ref: PdfRef) => PdfObject | null;

/** Digits for the page numbers: the Latin slice of the project's sans face. */
function contentsFontBytes(): Uint8Array {
  const woff = path.join(fontPackageDir('@fontsource/noto-sans-sc'), 'files/noto-sans-sc-latin-400-normal.woff');
  return woffToSfnt(readFileSync(woff));
}

const nameOf = (o: PdfObject | undefined): string | null => {
  if (o instanceof PdfName) return o.value;
  if (o instanceof PdfString) return o.asString();
  return null;
};

/** Named destinations (the catalog's /Dests dictionary, or the /Names /Dests name tree) → target page ref. */
function namedDestinations(catalog: PdfDict, resolve: Resolver): Map<string, string> {
  const found = new Map<string, string>();
  const target = (value: PdfObject | undefined): string | null => {
    const array = value instanceof PdfDict ? value.get('D', resolve) : value;
    const first = array instanceof PdfArray ? array.at(0) : null;
    return first instanceof PdfRef ? first.toString() : null;
  };
  const dests = catalog.get('Dests', resolve);
  if (dests instanceof PdfDict)
    for (const key of dests.keys()) {
      const ref = target(dests.get(key, resolve));
      if (ref) found.set(key.value, ref);
    }
  const walk = (node: PdfObject | undefined, depth: number) => {
    if (!(node instanceof PdfDict) || depth > 32) return;
    const pairs = node.get('Names', resolve);
    if (pairs instanceof PdfArray)
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const key = nameOf(pairs.at(i, resolve));
        const ref = target(pairs.at(i + 1, resolve));
        if (key && ref) found.set(key, ref);
      }
    const kids = node.get('Kids', resolve);
    if (kids instanceof PdfArray) for (let i = 0; i < kids.length; i += 1) walk(kids.at(i, resolve), depth + 1);
  };
  const names = catalog.get('Names', resolve);
  if (names instanceof PdfDict) walk(names.get('Dests', resolve), 0);
  return found;
}

interface Slot {
  page: PDFPage;
  rect: [number, number, number, number];
}

/** Widest a page-number slot can be, in points (2.5em of the contents' type, with room to spare). */
const SLOT_MAX_WIDTH = 48;

/** Per destination name, the rightmost link to it on the given pages: the slot floats at the right of its line. */
function contentsSlots(pages: PDFPage[], resolve: Resolver): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  for (const page of pages) {
    const annots = page.dict.get('Annots', resolve);
    if (!(annots instanceof PdfArray)) continue;
    for (let i = 0; i < annots.length; i += 1) {
      const annot = annots.at(i, resolve);
      if (!(annot instanceof PdfDict) || nameOf(annot.get('Subtype', resolve)) !== 'Link') continue;
      let dest = annot.get('Dest', resolve);
      const action = annot.get('A', resolve);
      if (!dest && action instanceof PdfDict) dest = action.get('D', resolve);
      const name = nameOf(dest);
      const rectArray = annot.get('Rect', resolve);
      if (!name || !(rectArray instanceof PdfArray) || rectArray.length !== 4) continue;
      const values = [0, 1, 2, 3].map((k) => {
        const n = rectArray.at(k, resolve);
        return n instanceof PdfNumber ? n.value : NaN;
      });
      if (values.some((v) => !Number.isFinite(v))) continue;
      const rect = [
        Math.min(values[0], values[2]),
        Math.min(values[1], values[3]),
        Math.max(values[0], values[2]),
        Math.max(values[1], values[3]),
      ] as Slot['rect'];
      // The slot is 2.5em wide; a wider link is the title's, never written over.
      if (rect[2] - rect[0] > SLOT_MAX_WIDTH) continue;
      const seen = slots.get(name);
      if (!seen || (seen.page === page && rect[0] > seen.rect[0])) slots.set(name, { page, rect });
    }
  }
  return slots;
}

export interface ContentsPages {
  /** 1-based page each article starts on, in the order asked; null where the PDF has no destination for it. */
  startPages: (number | null)[];
  /** How many of them were written into the contents. */
  stamped: number;
}

/**
 * Writes into the printed digest at `pdfPath` the page each article (by id, the target of its contents link) starts
 * on, right-aligned in the article's contents slot, and returns the pages. Only the pages before the first article
 * are searched for slots. The numbers are artifacts (layout, not content) for the PDF's tag tree.
 */
export async function stampContentsPages(pdfPath: string, ids: string[]): Promise<ContentsPages> {
  const bytes = readFileSync(pdfPath);
  const pdf = await PDF.load(bytes);
  const resolve: Resolver = (ref) => pdf.getObject(ref);
  const pages = pdf.getPages();
  const index = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const destinations = namedDestinations(pdf.getCatalog(), resolve);
  const startPages = ids.map((id) => {
    const at = index.get(destinations.get(id) ?? '');
    return at === undefined ? null : at + 1;
  });
  const first = Math.min(...startPages.map((p) => p ?? Infinity));
  const slots = contentsSlots(pages.slice(0, Number.isFinite(first) ? first - 1 : 0), resolve);
  const work = ids.flatMap((id, i) => {
    const slot = slots.get(id);
    return slot && startPages[i] !== null ? [{ slot, page: startPages[i] }] : [];
  });
  if (work.length === 0) return { startPages, stamped: 0 };
  const font = pdf.embedFont(contentsFontBytes());
  // One content stream per page, all of it an artifact (layout, not content) for the PDF's tag tree.
  const drawn = new Map<PDFPage, Operator[]>();
  for (const { slot, page } of work) {
    const [x0, y0, x1, y1] = slot.rect;
    // The link box is the slot's line box: digits at two thirds of its height, on its baseline.
    const size = Math.max(6, Math.min(12, (y1 - y0) * 0.62));
    const text = String(page);
    const x = Math.max(x0, x1 - font.widthOfTextAtSize(text, size));
    const y = y0 + (y1 - y0 - size * 0.72) / 2;
    const glyphs = font.encodeTextToGids(text).map((gid) => gid.toString(16).padStart(4, '0'));
    const list = drawn.get(slot.page) ?? [ops.beginMarkedContent('/Artifact'), ops.pushGraphicsState()];
    list.push(
      ops.setNonStrokingRGB(0.33, 0.33, 0.33),
      ops.beginText(),
      ops.setFont(slot.page.registerFont(font), size),
      ops.moveText(x, y),
      ops.showText(PdfString.fromHex(glyphs.join(''))),
      ops.endText(),
    );
    drawn.set(slot.page, list);
  }
  for (const [page, list] of drawn) page.drawOperators([...list, ops.popGraphicsState(), ops.endMarkedContent()]);
  // Appended after the printed bytes (PDF 32000-1 §7.5.6): writing the whole file again cost more than reading it.
  writeFileAtomic(pdfPath, await pdf.save({ incremental: true }));
  return { startPages, stamped: work.length };
}
