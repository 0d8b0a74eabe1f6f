// End to end: the seeds build into a temporary folder with HTML and PDF for every article; PDFs carry the
// Chinese title and embed the project's CJK font; the HTML renders in real Chromium with the project's font, no errors.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../pipeline/build.ts';
import { launchChromium, type ChromiumSession } from '../pipeline/render/browser.ts';
import { ROOT } from './helpers.ts';

const squash = (s: string) => s.replace(/\s+/gu, '');
let work: string;
let seeds: BuildResult;
let chromium: ChromiumSession;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'briefings-e2e-'));
  cpSync(path.join(ROOT, 'seeds'), path.join(work, 'seeds'), { recursive: true });
  seeds = await build({ cwd: work, inputs: ['seeds'], outDir: 'out' });
  chromium = await launchChromium({ concurrency: 2 });
});

afterAll(async () => {
  await chromium?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('building the seeds', () => {
  it('builds every seed file without a failed input', () => {
    expect(seeds.failed).toEqual([]);
    expect(seeds.exitCode).toBe(0);
    expect(seeds.manifest.sources.map((s) => s.file)).toEqual([
      '000_b9fc0974fe387ea8.txt',
      '001_92f316f74dd503af.txt',
      '002_d3cc0861f9f12531.txt',
      '003_f5015fad8e833547.txt',
      '004_5cd8125062b99eb2.txt',
    ]);
  });

  it('writes index.html, briefings.json and an HTML, PDF and Markdown file for every article', () => {
    const out = path.join(work, 'out');
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'briefings.json'))).toBe(true);
    expect(seeds.manifest.articles.length).toBeGreaterThanOrEqual(10);
    for (const a of seeds.manifest.articles) {
      for (const file of [`${a.id}.html`, `${a.id}.pdf`, `md/${a.id}.md`])
        expect(existsSync(path.join(out, file)), file).toBe(true);
    }
    for (const file of ['digest.pdf', 'feed.xml', 'sitemap.xml'])
      expect(existsSync(path.join(out, file)), file).toBe(true);
    const digest = execFileSync('pdftotext', [path.join(out, 'digest.pdf'), '-'], { encoding: 'utf8' });
    for (const a of seeds.manifest.articles) expect(squash(digest), `digest has ${a.id}`).toContain(squash(a.title.zh));
    const feed = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    expect(feed.match(/<entry>/gu)).toHaveLength(seeds.manifest.articles.length);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const a of seeds.manifest.articles) expect(index).toContain(`href="${a.id}.pdf"`);
  });

  it('writes a manifest that validates against schemas/briefings.schema.json', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'briefings.schema.json'), 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const manifest = JSON.parse(readFileSync(path.join(work, 'out', 'briefings.json'), 'utf8'));
    const ok = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toEqual([]);
    expect(ok).toBe(true);
  });

  it("puts each article's Chinese title into its PDF as extractable text", () => {
    for (const a of seeds.manifest.articles) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(work, 'out', `${a.id}.pdf`), '-'], {
        encoding: 'utf8',
      });
      expect(squash(text), a.id).toContain(squash(a.title.zh));
    }
  });

  it("numbers the digest's contents with the page each article starts on, as its outline does", async () => {
    const { readTopLevelOutline } = await import('./support/pdfOutline.ts');
    const file = path.join(work, 'out', 'digest.pdf');
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
    const outline = await readTopLevelOutline(file);
    let from = 1;
    for (const a of seeds.manifest.articles) {
      const listed = new RegExp(`(\\d+)\\s*$`, 'u');
      const line = cover.split('\n').find((l) => squash(l).includes(squash(a.title.zh).slice(0, 12)));
      expect(line, `${a.id} in the contents`).toBeDefined();
      const page = Number(listed.exec(line!.trimEnd())?.[1]);
      expect(page, `${a.id} page number`).toBeGreaterThan(from - 1);
      const onPage = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], {
        encoding: 'utf8',
      });
      expect(squash(onPage), `${a.id} starts on page ${page}`).toContain(squash(a.title.zh));
      expect(outline.find((e) => squash(e.title) === squash(a.title.zh))?.page, `${a.id} outline`).toBe(page);
      from = page;
    }
  });

  it('gives every PDF an outline, page numbers and the Chinese title as its document title', () => {
    for (const a of seeds.manifest.articles) {
      const file = path.join(work, 'out', `${a.id}.pdf`);
      expect(readFileSync(file).includes('/Outlines'), `${a.id} outline`).toBe(true);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toContain(`Title:`);
      expect(squash(info)).toContain(squash(a.title.zh));
      const pages = Number(/Pages:\s+(\d+)/u.exec(info)![1]);
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), file, '-'], {
        encoding: 'utf8',
      });
      expect(last.replace(/\s+/gu, '')).toContain(`${pages}/${pages}`);
    }
  });

  it('cuts the print faces once, before the pages are rendered, to every character the pages hold', () => {
    expect(seeds.messages.filter((m) => m.ruleId === 'print-fonts').map((m) => m.reason)).toEqual([]);
  });

  it("embeds the project's CJK fonts in every PDF, and no other CJK font", () => {
    for (const a of seeds.manifest.articles) {
      const fonts = execFileSync('pdffonts', [path.join(work, 'out', `${a.id}.pdf`)], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      const names = fonts.map((l) => l.split(/\s+/u)[0]);
      expect(
        names.some((n) => /\+NotoSerifSC/u.test(n)),
        `${a.id}: ${names.join(' ')}`,
      ).toBe(true);
      // Type 3 fonts would mean CFF or variable outlines; system CJK fonts would mean a fallback.
      expect(fonts.filter((l) => /Type 3/u.test(l))).toEqual([]);
      expect(names.filter((n) => /(CJK|WenQuanYi|Droid|AR ?PL|Uming|Ukai)/iu.test(n))).toEqual([]);
      // The print faces (one font per family and weight, cut to the build), not the screen's fontsource slices.
      const noto = names.filter((n) => /Noto/u.test(n)).map((n) => n.replace(/^[A-Z]{6}\+/u, ''));
      expect(
        noto.filter((n) => !/^Noto(Serif|Sans)(SC|TC)-(Regular|Bold)$/u.test(n)),
        a.id,
      ).toEqual([]);
      expect(new Set(noto).size, `${a.id}: ${noto.join(' ')}`).toBe(noto.length);
    }
  });

  it("renders the HTML in Chromium with the project's fonts and no console errors", async () => {
    for (const a of seeds.manifest.articles.slice(0, 6)) {
      const report = await chromium.inspect(pathToFileURL(path.join(work, 'out', `${a.id}.html`)).href, [
        '.seg--title .zh h1',
        '.facts dd',
        '.appendix h2',
      ]);
      expect(report.consoleErrors, a.id).toEqual([]);
      expect(report.dialogs).toEqual([]);
      const title = report.fonts['.seg--title .zh h1'];
      expect(title.length, a.id).toBeGreaterThan(0);
      expect(
        title.every((f) => /^Noto (Sans|Serif) SC/u.test(f.familyName)),
        JSON.stringify(title),
      ).toBe(true);
    }
  });
});

describe('bad input', () => {
  let dir: string;
  let result: BuildResult;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-bad-'));
    const inputs = path.join(dir, 'in');
    cpSync(path.join(ROOT, 'tests', 'fixtures', 'bad-input'), inputs, { recursive: true });
    writeFileSync(path.join(inputs, 'empty.txt'), '');
    writeFileSync(
      path.join(inputs, 'binary.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    writeFileSync(
      path.join(inputs, 'invalid-bytes.txt'),
      Buffer.concat([
        Buffer.from('本报讯 今天天气很好。', 'utf8'),
        Buffer.from([0xff, 0xfe, 0xfd, 0x81]),
        Buffer.from('后面的文字。', 'utf8'),
      ]),
    );
    const text = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'bad-input', 'markup.txt'), 'utf8');
    writeFileSync(
      path.join(inputs, 'bom-crlf.txt'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/gu, '\r\n'), 'utf8')]),
    );
    result = await build({ cwd: dir, inputs: ['in'], outDir: 'out' });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses empty, binary and undecodable files with a diagnostic naming the file and the place, and builds the others', () => {
    expect(result.exitCode).toBe(1);
    expect(result.failed.map((f) => f.file).sort()).toEqual(['binary.txt', 'empty.txt', 'invalid-bytes.txt']);
    const errors = result.messages.filter((m) => m.fatal === true);
    const of = (file: string) => errors.find((m) => m.file === file);
    expect(of('empty.txt')?.reason).toMatch(/empty/u);
    expect(of('binary.txt')?.reason).toMatch(/binary/u);
    expect((of('binary.txt') as unknown as { byteOffset: number }).byteOffset).toBe(8);
    expect(of('invalid-bytes.txt')?.reason).toMatch(/decode/u);
    expect((of('invalid-bytes.txt') as unknown as { byteOffset: number }).byteOffset).toBe(
      Buffer.byteLength('本报讯 今天天气很好。'),
    );
    const built = result.manifest.sources.map((s) => s.file).sort();
    expect(built).toEqual(['bom-crlf.txt', 'gb18030.txt', 'markup.txt']);
    for (const a of result.manifest.articles) expect(existsSync(path.join(dir, 'out', `${a.id}.pdf`))).toBe(true);
  });

  it('decodes GB18030 and BOM + CRLF files and records it on the source', () => {
    const bySource = Object.fromEntries(result.manifest.sources.map((s) => [s.file, s]));
    expect(bySource['gb18030.txt'].encoding).toBe('gb18030');
    expect(bySource['bom-crlf.txt'].encoding).toBe('utf-8-bom');
    const gbTitle = result.manifest.articles.find((a) => a.source.file === 'gb18030.txt')!.title.zh;
    expect(gbTitle).toBe('我区召开生态环境保护工作会议');
    const plain = result.manifest.articles
      .filter((a) => a.source.file === 'markup.txt')
      .map((a) => JSON.stringify(a.sections));
    const crlf = result.manifest.articles
      .filter((a) => a.source.file === 'bom-crlf.txt')
      .map((a) => JSON.stringify(a.sections));
    expect(crlf).toEqual(plain);
  });

  it('shows markup and template syntax from the text as text, never executed', async () => {
    const article = result.manifest.articles.find((a) => a.source.file === 'markup.txt')!;
    const html = readFileSync(path.join(dir, 'out', `${article.id}.html`), 'utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    const report = await chromium.inspect(pathToFileURL(path.join(dir, 'out', `${article.id}.html`)).href, []);
    expect(report.dialogs).toEqual([]);
    expect(report.text).toContain('<script>alert(1)</script>');
    expect(report.text).toContain('{{handlebars}}');
    expect(report.text).toContain('1. 这一行以数字和点开头');
    expect(report.text).toContain('<b>尖括号开头的一行</b>');
    const md = readFileSync(path.join(dir, 'out', 'md', `${article.id}.md`), 'utf8');
    expect(md).toMatch(/^1\\. 这一行以数字和点开头/mu);
  });
});
