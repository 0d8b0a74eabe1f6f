// Reads a printed PDF's outline back (pdf-lib): the top-level entries with the page each starts on, so a test can
// check the digest's contents against its outline.
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 1-based page number, or null when the entry has no page destination. */
  page: number | null;
}

export async function readTopLevelOutline(pdfPath: string): Promise<OutlineEntry[]> {
  const doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
  const pages = doc.getPages().map((p) => p.ref.toString());
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  if (!(outlines instanceof PDFDict)) return [];
  const entries: OutlineEntry[] = [];
  let item = outlines.lookup(PDFName.of('First'));
  for (let guard = 0; item instanceof PDFDict && guard < 100_000; guard += 1) {
    const title = item.lookup(PDFName.of('Title'));
    let dest = item.lookup(PDFName.of('Dest'));
    if (!dest) {
      const action = item.lookup(PDFName.of('A'));
      if (action instanceof PDFDict) dest = action.lookup(PDFName.of('D'));
    }
    const ref = dest instanceof PDFArray ? dest.get(0) : null;
    const at = ref instanceof PDFRef ? pages.indexOf(ref.toString()) : -1;
    entries.push({
      title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
      page: at >= 0 ? at + 1 : null,
    });
    item = item.lookup(PDFName.of('Next'));
  }
  return entries;
}
