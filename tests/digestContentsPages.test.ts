// The digest's contents get their page numbers after the one print: from the PDF's named destinations, into the
// rightmost link to each article on the pages before the first article.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { stampContentsPages } from '../pipeline/publish/digestContentsPages.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'briefings-contents-'));

/**
 * A digest as Chromium prints one: a contents page of links, then articles, each a named destination, and a classic
 * cross-reference table (or, with `xrefStream`, a cross-reference stream as pdf-lib writes by default).
 */
async function digestPdf(
  file: string,
  articles: { id: string; title: string; page: number }[],
  pages: number,
  xrefStream = false,
) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const all: PDFPage[] = [];
  for (let i = 0; i < pages; i += 1) all.push(doc.addPage([595.92, 841.92]));
  const dests = doc.context.obj({});
  const annots = doc.context.obj([]);
  articles.forEach((a, i) => {
    const y = 700 - i * 40;
    all[0].drawText(`${i + 1}. ${a.title}`, { x: 70, y: y + 4, size: 11, font });
    all[a.page - 1].drawText(a.title, { x: 70, y: 780, size: 16, font });
    dests.set(PDFName.of(a.id), doc.context.obj([all[a.page - 1].ref, PDFName.of('XYZ'), 0, 841.92, 0]));
    // The title's link, and right of it the empty slot for the page number (both go to the article).
    for (const rect of [
      [69.75, y, 300, y + 15],
      [520, y, 556, y + 15],
    ])
      annots.push(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Dest: PDFName.of(a.id) }));
  });
  all[0].node.set(PDFName.of('Annots'), annots);
  doc.catalog.set(PDFName.of('Dests'), dests);
  doc.setTitle('Digest');
  writeFileSync(file, await doc.save({ useObjectStreams: xrefStream }));
}

const contentsLines = (file: string) =>
  execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim());

/** The words on page 1 with their boxes (pdftotext -bbox; y grows downwards). */
const contentsWords = (file: string) =>
  [
    ...execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/gu,
    ),
  ].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] }));

describe('stampContentsPages', () => {
  it('writes the page each article starts on at the end of its contents line, and returns the pages', async () => {
    const file = path.join(work, 'two.pdf');
    await digestPdf(
      file,
      [
        { id: 'alpha-1', title: 'Alpha', page: 2 },
        { id: 'beta-2', title: 'Beta', page: 5 },
      ],
      6,
    );
    const printed = readFileSync(file);
    const result = await stampContentsPages(file, ['alpha-1', 'beta-2']);
    expect(result).toEqual({ startPages: [2, 5], stamped: 2 });
    // An incremental update: the printed bytes stay as they were, the numbers come after them, and poppler reads
    // the whole without a complaint.
    const stamped = readFileSync(file);
    expect(stamped.length).toBeGreaterThan(printed.length);
    expect(Buffer.compare(stamped.subarray(0, printed.length), printed)).toBe(0);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stderr).toBe('');
    const lines = contentsLines(file);
    expect(lines.find((l) => l.includes('Alpha'))).toMatch(/Alpha\s+2$/u);
    expect(lines.find((l) => l.includes('Beta'))).toMatch(/Beta\s+5$/u);
    // Right-aligned in its slot (x 520–556), on the line of its title.
    const words = contentsWords(file);
    for (const [title, number] of [
      ['Alpha', '2'],
      ['Beta', '5'],
    ]) {
      const t = words.find((w) => w.text === title)!;
      const n = words.find((w) => w.text === number)!;
      expect(n.x1).toBeGreaterThan(550);
      expect(n.x1).toBeLessThanOrEqual(556.5);
      expect(Math.abs((n.y0 + n.y1) / 2 - (t.y0 + t.y1) / 2)).toBeLessThan(6);
    }
    // The rest of the PDF is as printed: same pages, same title, the articles still where they were.
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(doc.getPageCount()).toBe(6);
    expect(doc.getTitle()).toBe('Digest');
    const onFive = execFileSync('pdftotext', ['-f', '5', '-l', '5', file, '-'], { encoding: 'utf8' });
    expect(onFive).toContain('Beta');
  });

  it('numbers a PDF that ends in a cross-reference stream too (written again whole)', async () => {
    const file = path.join(work, 'stream.pdf');
    await digestPdf(file, [{ id: 'alpha-1', title: 'Alpha', page: 2 }], 3, true);
    expect(await stampContentsPages(file, ['alpha-1'])).toEqual({ startPages: [2], stamped: 1 });
    expect(contentsLines(file).find((l) => l.includes('Alpha'))).toMatch(/Alpha\s+2$/u);
    expect(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stderr).toBe('');
  });

  it('leaves an article without a destination unnumbered, and numbers the others', async () => {
    const file = path.join(work, 'missing.pdf');
    await digestPdf(file, [{ id: 'alpha-1', title: 'Alpha', page: 3 }], 4);
    const result = await stampContentsPages(file, ['alpha-1', 'gone-9']);
    expect(result).toEqual({ startPages: [3, null], stamped: 1 });
    expect(contentsLines(file).find((l) => l.includes('Alpha'))).toMatch(/Alpha\s+3$/u);
  });

  it('reads destinations kept in a /Names tree too', async () => {
    const file = path.join(work, 'names.pdf');
    await digestPdf(file, [{ id: 'alpha-1', title: 'Alpha', page: 2 }], 3);
    const doc = await PDFDocument.load(readFileSync(file));
    const dests = doc.catalog.lookup(PDFName.of('Dests'));
    doc.catalog.delete(PDFName.of('Dests'));
    const target = doc.context.obj([doc.getPages()[1].ref, PDFName.of('XYZ'), 0, 841.92, 0]);
    const tree = doc.context.obj({ Names: [PDFString.of('alpha-1'), target] });
    doc.catalog.set(PDFName.of('Names'), doc.context.obj({ Dests: tree }));
    expect(dests).toBeDefined();
    writeFileSync(file, await doc.save());
    expect(await stampContentsPages(file, ['alpha-1'])).toEqual({ startPages: [2], stamped: 1 });
  });

  it('fails on a file that is not a PDF, leaving it as it was', async () => {
    const file = path.join(work, 'fake.pdf');
    writeFileSync(file, '%PDF-1.7 fake');
    await expect(stampContentsPages(file, ['alpha-1'])).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 fake');
  });
});

describe('stampContentsPages without a slot', () => {
  it('never writes over a title when the contents line has no slot of its own', async () => {
    const file = path.join(work, 'no-slot.pdf');
    await digestPdf(file, [{ id: 'alpha-1', title: 'Alpha', page: 2 }], 3);
    const doc = await PDFDocument.load(readFileSync(file));
    const annots = doc.getPages()[0].node.lookup(PDFName.of('Annots')) as unknown as { remove(i: number): void };
    annots.remove(1); // the slot; the title's link stays
    writeFileSync(file, await doc.save());
    expect(await stampContentsPages(file, ['alpha-1'])).toEqual({ startPages: [2], stamped: 0 });
  });
});
