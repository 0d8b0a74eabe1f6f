// The one module that drives Chromium (puppeteer-core with Debian's chromium): one browser per build, pages through
// a bounded pool, the browser always closed. Content problems come back as errors per job; the others go on.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium(): string | null {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH ?? process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Flags that keep Chromium off the (closed) network and quiet as root in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export interface PdfJob {
  htmlPath: string;
  pdfPath: string;
  title: string;
}

export interface PdfPrinter {
  print(job: PdfJob): Promise<void>;
  close(): Promise<void>;
}

export interface PageReport {
  consoleErrors: string[];
  /** alert/confirm/prompt dialogs the page opened: a page built from newspaper text must open none. */
  dialogs: string[];
  /** The page's visible text. */
  text: string;
  /** Fonts Chromium actually used for the text of the first element matching each selector. */
  fonts: Record<string, { familyName: string; glyphCount: number }[]>;
}

export interface ChromiumSession extends PdfPrinter {
  inspect(url: string, selectors: string[]): Promise<PageReport>;
}

const PROFILE_PREFIX = 'briefings-chromium-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Profile folders left by runs killed with kill -9 (their pid is in the name and no longer alive). */
export function removeStaleProfiles(tmp = os.tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(tmp)) {
    const pid = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`, 'u').exec(name)?.[1];
    if (!pid || Number(pid) === process.pid || alive(Number(pid))) continue;
    rmSync(path.join(tmp, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

async function openPage(
  browser: Browser,
  url: string,
  onError?: (m: string) => void,
  onDialog?: (m: string) => void,
): Promise<Page> {
  const page = await browser.newPage();
  if (onDialog)
    page.on('dialog', async (d) => {
      onDialog(d.message());
      await d.dismiss();
    });
  if (onError) {
    page.on('console', (m) => {
      if (m.type() === 'error') onError(m.text());
    });
    page.on('pageerror', (e) => onError(String(e)));
    page.on('requestfailed', (r) => onError(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  }
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  // Print only once the project's fonts are in: an early print shows empty boxes.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  return page;
}

export async function launchChromium(
  options: { concurrency?: number; executablePath?: string } = {},
): Promise<ChromiumSession> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) {
    throw new Error(
      "Chromium not found: install Debian's chromium (apt-get install -y chromium) or set PUPPETEER_EXECUTABLE_PATH",
    );
  }
  removeStaleProfiles();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      userDataDir,
      args: CHROMIUM_ARGS,
      headless: true,
      // Over a pipe, not a port: when the build dies (even kill -9) the pipe closes and Chromium exits with it.
      pipe: true,
      protocolTimeout: 120_000,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const limit = pLimit(Math.max(1, options.concurrency ?? 2));
  const pool = { run: <T>(task: () => Promise<T>) => limit(task) };
  let closed = false;
  return {
    async print(job) {
      await pool.run(async () => {
        const page = await openPage(browser, pathToFileURL(job.htmlPath).href);
        try {
          await page.pdf({
            path: job.pdfPath,
            format: 'A4',
            printBackground: true,
            outline: true,
            tagged: true,
            displayHeaderFooter: true,
            headerTemplate: '<span></span>',
            footerTemplate:
              '<div style="font-size:8px;width:100%;text-align:center;color:#666;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
            margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
            timeout: 120_000,
          });
        } finally {
          await page.close();
        }
      });
    },
    async inspect(url, selectors) {
      return pool.run(async () => {
        const consoleErrors: string[] = [];
        const dialogs: string[] = [];
        const checked = await openPage(
          browser,
          url,
          (m) => consoleErrors.push(m),
          (d) => dialogs.push(d),
        );
        const pageRef = checked;
        try {
          const client = await pageRef.createCDPSession();
          await client.send('DOM.enable');
          await client.send('CSS.enable');
          const { root } = await client.send('DOM.getDocument', { depth: -1 });
          const fonts: PageReport['fonts'] = {};
          for (const selector of selectors) {
            const { nodeId } = await client.send('DOM.querySelector', { nodeId: root.nodeId, selector });
            if (!nodeId) {
              fonts[selector] = [];
              continue;
            }
            const result = await client.send('CSS.getPlatformFontsForNode', { nodeId });
            fonts[selector] = result.fonts.map((f) => ({ familyName: f.familyName, glyphCount: f.glyphCount }));
          }
          const text = await pageRef.evaluate(() => document.body.innerText);
          return { consoleErrors, dialogs, fonts, text };
        } finally {
          await pageRef.close();
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await browser.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
