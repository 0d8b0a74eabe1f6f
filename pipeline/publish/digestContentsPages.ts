// The digest is printed once: its contents leave a slot per article (a link to the article, no text), and after the
// print each slot gets the page the article starts on, read from the PDF's own named destinations (pdf-lib). Printing
// the digest a second time with the numbers filled in cost as much as the first print.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  beginMarkedContent,
  endMarkedContent,
  rgb,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { fontPackageDir } from './fonts.ts';
import { writeFileAtomic } from './writeFiles.ts';

/** Digits for the page numbers: the Latin slice of the project's sans face, embedded as a subset. */
function contentsFontBytes(): Uint8Array {
  return readFileSync(
    path.join(fontPackageDir('@fontsource/noto-sans-sc'), 'files/noto-sans-sc-latin-400-normal.woff'),
  );
}

const nameOf = (o: PDFObject | undefined): string | null => {
  if (o instanceof PDFName) return o.decodeText();
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return null;
};

/** Named destinations (the catalog's /Dests dictionary, or the /Names /Dests name tree) → target page ref. */
function namedDestinations(doc: PDFDocument): Map<string, string> {
  const found = new Map<string, string>();
  const target = (value: PDFObject | undefined): string | null => {
    const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const array = resolved instanceof PDFDict ? resolved.lookup(PDFName.of('D')) : resolved;
    const first = array instanceof PDFArray ? array.get(0) : null;
    return first instanceof PDFRef ? first.toString() : null;
  };
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict)
    for (const [key, value] of dests.entries()) {
      const ref = target(value);
      if (ref) found.set(key.decodeText(), ref);
    }
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const walk = (node: PDFObject | undefined, depth: number) => {
    if (!(node instanceof PDFDict) || depth > 32) return;
    const pairs = node.lookup(PDFName.of('Names'));
    if (pairs instanceof PDFArray)
      for (let i = 0; i + 1 < pairs.size(); i += 2) {
        const key = nameOf(pairs.lookup(i));
        const ref = target(pairs.get(i + 1));
        if (key && ref) found.set(key, ref);
      }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i += 1) walk(kids.lookup(i), depth + 1);
  };
  if (names instanceof PDFDict) walk(names.lookup(PDFName.of('Dests')), 0);
  return found;
}

interface Slot {
  page: PDFPage;
  rect: [number, number, number, number];
}

/** Widest a page-number slot can be, in points (2.5em of the contents' type, with room to spare). */
const SLOT_MAX_WIDTH = 48;

/** Per destination name, the rightmost link to it on the given pages: the slot floats at the right of its line. */
function contentsSlots(pages: PDFPage[]): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  for (const page of pages) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    for (let i = 0; i < annots.size(); i += 1) {
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict) || nameOf(annot.lookup(PDFName.of('Subtype'))) !== 'Link') continue;
      let dest = annot.lookup(PDFName.of('Dest'));
      const action = annot.lookup(PDFName.of('A'));
      if (!dest && action instanceof PDFDict) dest = action.lookup(PDFName.of('D'));
      const name = nameOf(dest);
      const rectArray = annot.lookup(PDFName.of('Rect'));
      if (!name || !(rectArray instanceof PDFArray) || rectArray.size() !== 4) continue;
      const values = [0, 1, 2, 3].map((k) => (rectArray.lookup(k) as PDFNumber | undefined)?.asNumber?.() ?? NaN);
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
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const firstNew = doc.context.largestObjectNumber + 1;
  const pages = doc.getPages();
  const index = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const destinations = namedDestinations(doc);
  const startPages = ids.map((id) => {
    const at = index.get(destinations.get(id) ?? '');
    return at === undefined ? null : at + 1;
  });
  const first = Math.min(...startPages.map((p) => p ?? Infinity));
  const slots = contentsSlots(pages.slice(0, Number.isFinite(first) ? first - 1 : 0));
  const work = ids.flatMap((id, i) => {
    const slot = slots.get(id);
    return slot && startPages[i] !== null ? [{ slot, page: startPages[i] }] : [];
  });
  if (work.length === 0) return { startPages, stamped: 0 };
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(contentsFontBytes(), { subset: true });
  for (const { slot, page } of work) {
    const [x0, y0, x1, y1] = slot.rect;
    // The link box is the slot's line box: digits at two thirds of its height, on its baseline.
    const size = Math.max(6, Math.min(12, (y1 - y0) * 0.62));
    const text = String(page);
    const width = font.widthOfTextAtSize(text, size);
    slot.page.pushOperators(beginMarkedContent('Artifact'));
    slot.page.drawText(text, {
      x: Math.max(x0, x1 - width),
      y: y0 + (y1 - y0 - size * 0.72) / 2,
      size,
      font,
      color: rgb(0.33, 0.33, 0.33),
    });
    slot.page.pushOperators(endMarkedContent());
  }
  await doc.flush();
  const changed = new Set<string>();
  for (const { slot } of work) {
    changed.add(slot.page.ref.tag);
    for (const key of ['Resources', 'Contents']) {
      const value = slot.page.node.get(PDFName.of(key));
      if (value instanceof PDFRef) changed.add(value.tag);
    }
    const resources = slot.page.node.lookup(PDFName.of('Resources'));
    const fonts = resources instanceof PDFDict ? resources.get(PDFName.of('Font')) : undefined;
    if (fonts instanceof PDFRef) changed.add(fonts.tag);
  }
  // Chromium writes a classic cross-reference table; a file with a cross-reference stream is written again whole.
  const update = incrementalUpdate(bytes, doc, firstNew, changed);
  writeFileAtomic(pdfPath, update ?? (await doc.save({ useObjectStreams: false, updateFieldAppearances: false })));
  return { startPages, stamped: work.length };
}

/**
 * The printed bytes with an incremental update after them (PDF 32000-1 §7.5.6): the new objects and the changed
 * ones, a cross-reference section for them and a trailer pointing back to the print's own. Writing the whole file
 * again cost twice as much as reading it. Null when the print does not end in a cross-reference table.
 */
function incrementalUpdate(
  original: Uint8Array,
  doc: PDFDocument,
  firstNew: number,
  changed: Set<string>,
): Buffer | null {
  const tail = Buffer.from(original.subarray(Math.max(0, original.length - 1024))).toString('latin1');
  const previousXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/u.exec(tail)?.[1] ?? NaN);
  const table = Buffer.from(original.subarray(previousXref, previousXref + 4)).toString('latin1');
  if (!Number.isInteger(previousXref) || table !== 'xref') return null;
  const objects = doc.context
    .enumerateIndirectObjects()
    .filter(([ref]) => ref.objectNumber >= firstNew || changed.has(ref.tag))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const chunks: Buffer[] = [Buffer.from(original), Buffer.from('\n')];
  let offset = original.length + 1;
  const offsets: [number, number, number][] = [];
  for (const [ref, object] of objects) {
    const body = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(body, 0);
    const head = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1');
    const end = Buffer.from('\nendobj\n', 'latin1');
    offsets.push([ref.objectNumber, ref.generationNumber, offset]);
    chunks.push(head, Buffer.from(body), end);
    offset += head.length + body.length + end.length;
  }
  // Subsections of consecutive object numbers; each entry is exactly 20 bytes.
  let xref = 'xref\n';
  for (let i = 0; i < offsets.length;) {
    let j = i;
    while (j + 1 < offsets.length && offsets[j + 1][0] === offsets[j][0] + 1) j += 1;
    xref += `${offsets[i][0]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k += 1)
      xref += `${String(offsets[k][2]).padStart(10, '0')} ${String(offsets[k][1]).padStart(5, '0')} n\r\n`;
    i = j + 1;
  }
  const info = doc.context.trailerInfo;
  const trailer = PDFDict.withContext(doc.context);
  trailer.set(PDFName.of('Size'), PDFNumber.of(doc.context.largestObjectNumber + 1));
  trailer.set(PDFName.of('Prev'), PDFNumber.of(previousXref));
  if (info.Root) trailer.set(PDFName.of('Root'), info.Root);
  if (info.Info) trailer.set(PDFName.of('Info'), info.Info);
  if (info.ID) trailer.set(PDFName.of('ID'), info.ID);
  chunks.push(Buffer.from(`${xref}trailer\n${trailer.toString()}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
