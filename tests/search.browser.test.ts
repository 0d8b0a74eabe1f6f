// The index page in real Chromium, from file:// and from a static server: type a query, see results with the hits
// marked, follow one; filters narrow the list and the results; markup in a text stays text; no request leaves the
// site's folder. A screenshot of the page with results is left in the temporary folder for people to look at.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../pipeline/manifest.ts';
import { CHROMIUM_ARGS, findChromium } from '../pipeline/render/browser.ts';
import { ROOT } from './helpers.ts';

export const SCREENSHOT = path.join(os.tmpdir(), 'briefings-search-index.png');
let work: string;
let out: string;
let manifest: Manifest;
let browser: Browser;
let profile: string;
let server: http.Server;
let served: string;

interface Watched {
  page: Page;
  requests: string[];
  errors: string[];
  dialogs: string[];
}

async function open(url: string, width = 1200): Promise<Watched> {
  const page = await browser.newPage();
  const w: Watched = { page, requests: [], errors: [], dialogs: [] };
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('requestfailed', (r) => w.errors.push(`failed: ${r.url()}`));
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('dialog', async (d) => {
    w.dialogs.push(d.message());
    await d.dismiss();
  });
  await page.setViewport({ width, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  return w;
}

async function query(page: Page, text: string): Promise<void> {
  await page.$eval('#q', (el) => ((el as HTMLInputElement).value = ''));
  await page.type('#q', text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => /找到|没有找到|nothing found/u.test(document.getElementById('status')!.textContent!),
    {
      timeout: 20_000,
    },
  );
}

const visibleRows = (page: Page) =>
  page.$$eval('#articles tbody tr', (rows) =>
    rows.filter((r) => !(r as HTMLElement).hidden).map((r) => ({ ...(r as HTMLElement).dataset })),
  );

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'briefings-search-browser-'));
  const inputs = path.join(work, 'in');
  cpSync(path.join(ROOT, 'seeds'), inputs, { recursive: true });
  writeFileSync(
    path.join(inputs, '001_92f316f74dd503af.meta.json'),
    JSON.stringify({ issueDate: '2023-06-02', paper: '天津日报' }),
  );
  // A page whose text holds markup: it must come back as text, never as elements or scripts.
  writeFileSync(
    path.join(inputs, 'markup.txt'),
    '标记测试<img src=x onerror=alert(1)>稿件\n\n本报讯 记者在测试中写下<b>粗体</b>与<script>alert(2)</script>字样，检验网页是否把它们当作文字显示。\n',
  );
  out = path.join(work, 'site');
  // Exit code 1 would mean an input failed: the markup page must build like any other.
  await promisify(execFile)(
    process.execPath,
    ['bin/briefings.mjs', 'build', '--no-pdf', '--quiet', '--out', out, inputs],
    { cwd: ROOT },
  );
  manifest = JSON.parse(readFileSync(path.join(out, 'briefings.json'), 'utf8'));
  profile = mkdtempSync(path.join(os.tmpdir(), 'briefings-search-chromium-'));
  browser = await puppeteer.launch({
    executablePath: findChromium()!,
    args: CHROMIUM_ARGS,
    userDataDir: profile,
    headless: true,
    pipe: true,
  });
  const serve = sirv(out, { dev: true });
  server = http.createServer((req, res) =>
    serve(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  served = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  for (const dir of [work, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the index page from file://', () => {
  const url = () => pathToFileURL(path.join(out, 'index.html')).href;

  it('finds articles for a Chinese query, marks the hits, and a result leads to its article', async () => {
    const w = await open(url());
    await query(w.page, '京津冀');
    // Passages load as their results come into view: wait for the first screen's.
    await w.page.waitForFunction(() => document.querySelector('#result-list li .result-passage mark'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const results = await w.page.$$eval('#result-list li', (lis) =>
      lis.map((li) => ({
        href: li.querySelector('a')!.getAttribute('href'),
        loaded: li.querySelector('.result-passage')!.textContent !== '…',
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    );
    const holders = manifest.articles.filter((a) => JSON.stringify(a).includes('京津冀'));
    expect(results.length).toBe(holders.length);
    const loaded = results.filter((r) => r.loaded);
    expect(loaded.length).toBeGreaterThan(2);
    expect(loaded.every((r) => r.marks.length > 0 && r.marks.every((m) => m === '京津冀'))).toBe(true);
    await w.page.screenshot({ path: SCREENSHOT });
    await Promise.all([w.page.waitForNavigation(), w.page.click('#result-list li a')]);
    expect(w.page.url()).toBe(pathToFileURL(path.join(out, results[0].href!)).href);
    expect(await w.page.$eval('h1', (h) => h.textContent)).toBeTruthy();
    expect(w.errors).toEqual([]);
    expect(w.requests.filter((r) => !r.startsWith('file:') && !r.startsWith('data:'))).toEqual([]);
    await w.page.close();
  });

  it('answers traditional and English queries', async () => {
    const w = await open(url());
    await query(w.page, '發佈會');
    expect(await w.page.$$eval('#result-list li', (l) => l.length)).toBeGreaterThan(0);
    expect(await w.page.$eval('#result-list li', (li) => li.textContent)).toContain('发布会');
    await query(w.page, 'Xi Jinping');
    await w.page.waitForFunction(() => document.querySelector('#result-list li .result-passage mark'));
    const marks = await w.page.$$eval('#result-list mark', (m) => m.map((x) => x.textContent));
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /^Xi Jinping$/iu.test(m!))).toBe(true);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('narrows the list by genre, paper and dates, says which articles have no date, and filters results', async () => {
    const w = await open(url());
    const all = await visibleRows(w.page);
    expect(all.length).toBe(manifest.articles.length);
    const undated = manifest.articles.filter((a) => !a.date).length;
    expect(undated).toBeGreaterThan(0);
    expect(await w.page.$$eval('.undated', (u) => u.map((x) => x.textContent))).toEqual(
      Array(undated).fill('日期不详 · date unknown'),
    );
    await w.page.select('#f-genre', 'news');
    const news = await visibleRows(w.page);
    expect(news.length).toBe(manifest.articles.filter((a) => a.genre === 'news').length);
    expect(news.every((r) => r.genre === 'news')).toBe(true);
    await w.page.select('#f-genre', '');
    await w.page.select('#f-paper', '天津日报');
    const paper = await visibleRows(w.page);
    expect(paper.length).toBe(manifest.articles.filter((a) => a.source.file.startsWith('001_')).length);
    await w.page.select('#f-paper', '');
    await w.page.$eval('#f-from', (el) => {
      (el as HTMLInputElement).value = '2024-01-01';
      el.dispatchEvent(new Event('change'));
    });
    const recent = await visibleRows(w.page);
    expect(recent.length).toBe(manifest.articles.filter((a) => a.date && a.date >= '2024-01-01').length);
    expect(recent.every((r) => r.date! >= '2024-01-01')).toBe(true);
    await query(w.page, '天津');
    const dates = await w.page.$$eval('#result-list .result-meta', (m) => m.map((x) => x.textContent!.slice(0, 10)));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d) => d >= '2024-01-01')).toBe(true);
    await w.page.close();
  });

  it('shows markup from a text as text: no element, no script, no dialog', async () => {
    const w = await open(url());
    await query(w.page, '粗体');
    await w.page.waitForFunction(() => document.querySelector('#result-list li .result-passage mark'));
    const passage = await w.page.$eval('#result-list .result-passage', (p) => ({
      text: p.textContent,
      elements: [...p.querySelectorAll('*')].map((e) => e.tagName),
    }));
    expect(passage.elements.every((t) => t === 'MARK')).toBe(true);
    expect(passage.text).toContain('粗体');
    await query(w.page, '标记测试');
    expect(await w.page.$$('#result-list img, #result-list script, #result-list b')).toEqual([]);
    expect(w.dialogs).toEqual([]);
    await w.page.close();
  });

  it('fits a phone screen', async () => {
    const w = await open(url(), 375);
    await query(w.page, '天津');
    const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await w.page.screenshot({ path: SCREENSHOT.replace(/\.png$/u, '-phone.png') });
    await w.page.close();
  });
});

describe('the index page from a static server', () => {
  it('searches the same way and asks nothing of any other host', async () => {
    const w = await open(served);
    await query(w.page, '京津冀');
    expect(await w.page.$$eval('#result-list li', (l) => l.length)).toBeGreaterThan(0);
    // The site has no favicon: the browser's own request for one is not the search's.
    expect(
      w.errors.filter((e) => !/favicon|404/u.test(e)),
      w.errors.join('\n'),
    ).toEqual([]);
    expect(w.requests.filter((r) => !r.startsWith(served) && !r.startsWith('data:'))).toEqual([]);
    expect(w.requests.filter((r) => r.includes('/search/')).length).toBeGreaterThan(2);
    await w.page.close();
  });
});
