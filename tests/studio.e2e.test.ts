// The staff page end to end in real Chromium: paste a press conference, see its questions as Q&A blocks, reject a
// wrong edit, accept a flag, merge two articles, change a genre, translate a segment and see its twin fill, download
// the PDF and find the corrections in it, restart the server and find everything again; `briefings build` on the
// same folder makes the manifest the page showed. Screenshots of every step go to /tmp/studio-*.png.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../pipeline/cli.ts';
import type { Manifest } from '../pipeline/manifest.ts';
import { CHROMIUM_ARGS, findChromium } from '../pipeline/render/browser.ts';
import { parseReview } from '../pipeline/review/reviewFile.ts';
import { startStudio, type Studio } from '../pipeline/studio/server.ts';
import { ROOT } from './helpers.ts';

const TEXT = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'review', 'press-conference-with-sidebar.txt'), 'utf8');
const TWIN = '欢迎广大市民和游客积极参与。';
const TWIN_EN = 'Residents and visitors are warmly invited to take part.';
const squash = (s: string) => s.replace(/\s+/gu, '');

let work: string;
let studio: Studio;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function openPage(url: string): Promise<Page> {
  const p = await browser.newPage();
  await p.setViewport({ width: 1500, height: 1000 });
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
  p.on('dialog', async (d) => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  // Every request stays on this machine: the page works offline.
  p.on('request', (r) => {
    if (!/^(http:\/\/127\.0\.0\.1:\d+\/|data:|about:blank)/u.test(r.url())) problems.push(`external: ${r.url()}`);
  });
  await p.goto(url, { waitUntil: 'load' });
  return p;
}

const shot = (name: string) => page.screenshot({ path: `/tmp/studio-${name}.png` });
const preview = () =>
  page.evaluate(() => (document.getElementById('preview') as HTMLIFrameElement).contentDocument?.body?.innerText ?? '');
/** Waits until the page has saved a correction and shows the pages made from it. */
async function settled(): Promise<void> {
  await page.waitForFunction(() => document.getElementById('saved')?.textContent?.includes('Saved'), {
    timeout: 30_000,
  });
  await page.waitForFunction(
    () => {
      // The frame names the page it shows once it is in place (loaded, or put into the loaded document).
      const frame = document.getElementById('preview') as HTMLIFrameElement;
      return frame.contentDocument?.readyState === 'complete' && frame.dataset.shown === frame.dataset.src;
    },
    { timeout: 30_000 },
  );
}
async function clickIn(selector: string, text: string, button: string): Promise<void> {
  await page.evaluate(
    (sel, t, b) => {
      const row = [...document.querySelectorAll(sel)].find((x) => x.textContent!.includes(t));
      if (!row) throw new Error(`no ${sel} with ${t}`);
      (row.querySelector(b) as HTMLButtonElement).click();
    },
    selector,
    text,
    button,
  );
}
const tab = async (name: string) => {
  await page.click(`[data-tab="${name}"]`);
  await page.waitForSelector(`[data-tab="${name}"][aria-selected="true"]`);
};
const chooseArticle = async (index: number) => {
  await page.select('#article', String(index));
  await page.waitForFunction(
    (i) => (document.getElementById('article') as HTMLSelectElement).value === String(i),
    {},
    index,
  );
};

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'briefings-studio-e2e-'));
  mkdirSync(path.join(work, 'in'));
  studio = await startStudio({ inputDir: 'in', cwd: work, port: 0, publishDir: 'web' });
  browser = await puppeteer.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS, headless: true });
  page = await openPage(studio.url);
});

afterAll(async () => {
  await browser?.close();
  await studio?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the staff page', () => {
  it('shows a pasted press conference in the preview, its questions as Q&A blocks, and saves the text', async () => {
    await page.click('#paste-open');
    await page.$eval('#paste-text', (el, t) => ((el as HTMLTextAreaElement).value = t), TEXT);
    await page.type('#paste-name', 'shaoxing');
    const started = Date.now();
    await page.click('#paste-submit');
    await page.waitForFunction(
      () => (document.getElementById('preview') as HTMLIFrameElement).contentDocument?.querySelectorAll('.qa').length,
      { timeout: 30_000 },
    );
    process.stdout.write(`paste → preview with Q&A blocks: ${Date.now() - started} ms (first paste)\n`);
    const questions = await page.evaluate(() =>
      [...(document.getElementById('preview') as HTMLIFrameElement).contentDocument!.querySelectorAll('.qa')].map(
        (q) => (q as HTMLElement).innerText,
      ),
    );
    expect(questions).toHaveLength(2);
    expect(questions[0]).toContain('古城夜游线路今年有哪些新变化？');
    expect(readFileSync(path.join(work, 'in', 'shaoxing.txt'), 'utf8')).toBe(TEXT);
    expect(await page.$$eval('#article option', (o) => o.length)).toBe(3);
    await shot('1-pasted');
  });

  it('rejects a wrong edit: the two paragraphs the cleaner joined are two again', async () => {
    await tab('edits');
    expect(squash(await preview())).toContain('具体领取方式如下第一批');
    await clickIn('.edit[data-rule="join-page-break"]', '如下', 'button.reject');
    await page.waitForSelector('.edit.decision-reject');
    await settled();
    const paragraphs = await page.evaluate(() =>
      [...(document.getElementById('preview') as HTMLIFrameElement).contentDocument!.querySelectorAll('.zh')].map((p) =>
        (p as HTMLElement).innerText.trim(),
      ),
    );
    expect(paragraphs.some((p) => p.endsWith('具体领取方式如下'))).toBe(true);
    expect(paragraphs.some((p) => p.startsWith('第一批消费券'))).toBe(true);
    await shot('2-edit-rejected');
  });

  it('accepts a flag: its suggestion replaces the doubled word', async () => {
    expect(await preview()).toContain('推动推动');
    await clickIn('.flag', '推动推动', 'button.accept');
    await page.waitForSelector('.flag.decision-accept');
    await settled();
    const text = await preview();
    expect(text).toContain('推动文旅商深度融合');
    // The body reads the suggestion; only the appendix still names what the edit changed.
    expect(text).not.toContain('推动推动文旅');
    expect(text).toMatch(/doubled-word\s+推动推动\s+→\s+推动/u);
    await shot('3-flag-accepted');
  });

  it('merges the sidebar into the press conference, and splits the commentary off as its own article', async () => {
    await tab('articles');
    await page.click('.article-card[data-article="shaoxing-1"] button.merge');
    await page.waitForFunction(() => document.querySelectorAll('#article option').length === 2);
    await settled();
    expect(await preview()).toContain('记者手记：夜色里的古城');
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('.article-card[data-article="shaoxing-1"] details'))
        (d as HTMLDetailsElement).open = true;
    });
    await shot('4-merged');
    await clickIn('.article-card[data-article="shaoxing-1"] .lines li', '夜经济要', 'button.split');
    await page.waitForFunction(() => document.querySelectorAll('#article option').length === 3);
    await settled();
    const titles = await page.$$eval('#article option', (o) => o.map((x) => x.textContent));
    expect(titles).toEqual([
      '1. 绍兴市召开新闻发布会介绍夏季文旅消费季安排',
      '2. 夜经济要“亮”更要“暖”',
      '3. 越城区举办非遗市集',
    ]);
  });

  it('changes a genre: the commentary is labelled one', async () => {
    await page.select('.article-card[data-article="shaoxing-2"] select.genre', 'commentary');
    await page.waitForFunction(() => document.querySelector('.article-card[data-article="shaoxing-2"] button.undo'));
    await chooseArticle(1);
    await settled();
    expect(await preview()).toContain('评论 · Commentary');
    await shot('5-genre');
  });

  it('translates one segment in place; the identical sentence in another article fills itself', async () => {
    await chooseArticle(0);
    await tab('english');
    const selector = `.segment textarea`;
    await page.waitForSelector(selector);
    const index = await page.$$eval(
      '.segment',
      (rows, twin) => rows.findIndex((r) => r.querySelector('.zh')!.textContent!.endsWith(twin)),
      TWIN,
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const area = (await page.$$(selector))[index];
    await area.type(TWIN_EN);
    await page.waitForFunction(
      (twin) =>
        [...document.querySelectorAll('.segment')].some(
          (r) => r.querySelector('.zh')!.textContent!.endsWith(twin) && r.classList.contains('status-reviewed'),
        ),
      { timeout: 30_000 },
      TWIN,
    );
    await settled();
    await chooseArticle(2);
    await page.waitForSelector('.segment');
    const twin = await page.$$eval(
      '.segment',
      (rows, t) => {
        const row = rows.find((r) => r.querySelector('.zh')!.textContent!.endsWith(t))!;
        return { en: (row.querySelector('textarea') as HTMLTextAreaElement).value, status: row.className };
      },
      TWIN,
    );
    expect(twin.en).toBe(TWIN_EN);
    expect(twin.status).toContain('status-reviewed');
    await settled();
    expect(await preview()).toContain(TWIN_EN);
    const reviewed = JSON.parse(readFileSync(path.join(work, 'translations', 'reviewed.json'), 'utf8'));
    expect(Object.values(reviewed)).toContainEqual(
      expect.objectContaining({ zh: TWIN, en: TWIN_EN, from: 'shaoxing.review.json' }),
    );
    await shot('6-english');
  });

  it('marks a paragraph as an item and takes the mark back; fixes a name once for every article', async () => {
    await chooseArticle(1);
    await tab('sections');
    await page.waitForSelector('.unit select.mark');
    await page.select('.unit select.mark', 'item');
    await page.waitForSelector('.unit.role-item');
    await settled();
    const item = () =>
      page.evaluate(() =>
        Boolean((document.getElementById('preview') as HTMLIFrameElement).contentDocument!.querySelector('.item')),
      );
    expect(await item()).toBe(true);
    await shot('6b-section-mark');
    await page.select('.unit select.mark', '');
    await page.waitForSelector('.unit.role-paragraph');
    await settled();
    expect(await item()).toBe(false);
    await chooseArticle(0);
    await tab('names');
    const row = await page.waitForSelector('.fixes li[data-zh="周立言"] input');
    await row!.click({ clickCount: 3 });
    await row!.type('Zhou Liyan (Director)');
    await page.click('.fixes li[data-zh="周立言"] button.fix');
    await page.waitForFunction(
      () =>
        (document.querySelector('.fixes li[data-zh="周立言"] input') as HTMLInputElement).value ===
        'Zhou Liyan (Director)',
    );
    await settled();
    expect(await preview()).toContain('Zhou Liyan (Director)');
    expect(readFileSync(path.join(work, 'translations', 'terms.local.tsv'), 'utf8')).toContain(
      '周立言\tZhou Liyan (Director)\tperson',
    );
    await shot('6c-name-fixed');
  });

  it('keeps English typed when the browser closes before it was sent', async () => {
    await chooseArticle(1);
    await tab('english');
    const area = await page.waitForSelector('.segment textarea');
    await area!.type('Night economy: bright, and warm');
    await page.close(); // before the pause after typing that sends it
    page = await openPage(`${studio.url}#file=shaoxing.txt&article=1&tab=english`);
    await page.waitForFunction(
      () =>
        (document.querySelector('.segment textarea') as HTMLTextAreaElement | null)?.value ===
        'Night economy: bright, and warm',
      { timeout: 30_000 },
    );
    await page.waitForSelector('.segment.status-reviewed', { timeout: 30_000 });
    const review = parseReview(
      readFileSync(path.join(work, 'in', 'shaoxing.review.json'), 'utf8'),
      'shaoxing.review.json',
    );
    expect(review.segments.map((s) => s.en)).toContain('Night economy: bright, and warm');
  });

  it('downloads the PDF, whose text carries every correction', async () => {
    await chooseArticle(0);
    await tab('out');
    await page.waitForFunction(() => document.getElementById('pdf-status')?.textContent === 'PDF ✓', {
      timeout: 120_000,
    });
    const href = await page.$eval('a.download-pdf', (a) => (a as HTMLAnchorElement).href);
    const pdf = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return {
        type: r.headers.get('content-type'),
        disposition: r.headers.get('content-disposition'),
        bytes: [...new Uint8Array(await r.arrayBuffer())],
      };
    }, href);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toMatch(/^attachment; filename="shaoxing-1\.pdf"/u);
    const file = path.join(work, 'shaoxing-1.pdf');
    writeFileSync(file, Buffer.from(pdf.bytes));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(squash(text)).toContain('推动文旅商深度融合');
    expect(squash(text)).not.toContain('推动推动文旅');
    // English sits beside the Chinese: pdftotext reads the two columns line by line, so the sentence's end wraps away.
    expect(squash(text)).toContain(squash(TWIN_EN.slice(0, 36)));
    expect(text.split('\n').some((l) => l.trim().endsWith('具体领取方式如下'))).toBe(true);
    expect(squash(text)).toContain('记者手记：夜色里的古城');
    expect(squash(text)).not.toContain(squash('古城的夜晚能不能留住人'));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, '/tmp/studio-7-pdf-page']);
    await shot('7-pdf');
  });

  it('makes the digest of the folder and publishes a release into the web folder', async () => {
    await page.click('button.digest');
    const digest = await page.waitForSelector('a.download-digest', { timeout: 100_000 }).catch(async (error) => {
      throw new Error(`${error}: ${await page.$eval('#job-status', (b) => b.textContent)}`);
    });
    const href = await digest!.evaluate((a) => (a as HTMLAnchorElement).href);
    const bytes = await page.evaluate(async (u) => [...new Uint8Array(await (await fetch(u)).arrayBuffer())], href);
    writeFileSync(path.join(work, 'digest.pdf'), Buffer.from(bytes));
    const text = squash(
      execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(work, 'digest.pdf'), '-'], { encoding: 'utf8' }),
    );
    for (const title of ['绍兴市召开新闻发布会介绍夏季文旅消费季安排', '夜经济要“亮”更要“暖”', '越城区举办非遗市集'])
      expect(text).toContain(squash(title));
    await page.click('button.publish');
    await page.waitForFunction(
      () => document.getElementById('job-status')?.textContent?.includes('published 3 articles'),
      {
        timeout: 180_000,
      },
    );
    await shot('9-published');
    const published: Manifest = JSON.parse(readFileSync(path.join(work, 'web', 'current', 'briefings.json'), 'utf8'));
    expect(published.articles.map((a) => a.id)).toEqual(['shaoxing-1', 'shaoxing-2', 'shaoxing-3']);
    expect(existsSync(path.join(work, 'web', 'current', 'shaoxing-1.pdf'))).toBe(true);
  });

  it('after a restart and a reload everything is still there', async () => {
    await page.close();
    await studio.close();
    studio = await startStudio({ inputDir: 'in', cwd: work, port: 0, publishDir: 'web' });
    page = await openPage(`${studio.url}#file=shaoxing.txt&article=0&tab=edits`);
    await page.waitForSelector('.edit.decision-reject');
    await page.waitForSelector('.flag.decision-accept');
    expect(await page.$$eval('#article option', (o) => o.map((x) => x.textContent))).toEqual([
      '1. 绍兴市召开新闻发布会介绍夏季文旅消费季安排',
      '2. 夜经济要“亮”更要“暖”',
      '3. 越城区举办非遗市集',
    ]);
    await page.waitForFunction(
      () =>
        (document.getElementById('preview') as HTMLIFrameElement).contentDocument?.querySelectorAll('.qa').length === 2,
    );
    expect(await preview()).toContain(TWIN_EN);
    await tab('articles');
    expect(
      await page.$eval('.article-card[data-article="shaoxing-2"] select.genre', (s) => (s as HTMLSelectElement).value),
    ).toBe('commentary');
    await shot('8-restarted');
  });

  it('builds the same manifest with `briefings build` on the same folder', async () => {
    const shown: Manifest = await page.evaluate(async () => (await fetch('/api/manifest')).json());
    const out: string[] = [];
    const code = await main(
      ['build', 'in', '--no-pdf', '--out', 'built'],
      { out: (l) => out.push(l), err: (l) => out.push(l) },
      work,
    );
    expect(code, out.join('\n')).toBe(0);
    const built: Manifest = JSON.parse(readFileSync(path.join(work, 'built', 'briefings.json'), 'utf8'));
    expect(built.articles).toEqual(shown.articles);
    expect(built.sources).toEqual(shown.sources);
    expect(built.articles.map((a) => a.genre)).toEqual(['press-conference', 'commentary', 'news']);
    expect(out.join('\n')).not.toMatch(/review-stale/u);
  });

  it('loaded nothing from outside and raised no errors or dialogs', () => {
    expect(problems).toEqual([]);
    expect(existsSync(path.join(work, 'in', 'shaoxing.review.json'))).toBe(true);
  });
});
