// The md-to-pdf baseline: the same Markdown files converted the way its CLI does it (one browser, one local file
// server, every file at once), with Debian's chromium and the project's fonts so that both print real CJK glyphs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM_ARGS } from '../pipeline/render/browser.ts';

const require = createRequire(import.meta.url);

/** The same Chromium flags as our own printer, so both sides run the same browser the same way. */
export const BASELINE_CHROMIUM_ARGS = CHROMIUM_ARGS;

/** Timeout of md-to-pdf's pages and prints: puppeteer's 30 s default fails on a loaded machine. */
export const MD_TO_PDF_PAGE_TIMEOUT_MS = 120_000;

/** Calls of md-to-pdf tried before its baseline counts as failed (its page-load wait sometimes never returns). */
export const MD_TO_PDF_ATTEMPTS = 3;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * md-to-pdf's own configuration with the project's fonts (served from basedir/assets/fonts/fonts.css) on top of its
 * default stylesheet; a fresh profile folder per run.
 */
export function baselineConfig(basedir: string, port: number, executablePath: string, profileDir: string) {
  const defaults = require('md-to-pdf/dist/lib/config.js').defaultConfig as {
    stylesheet: string[];
    pdf_options: Record<string, unknown>;
  };
  return {
    basedir,
    port,
    stylesheet: [...defaults.stylesheet, `http://localhost:${port}/assets/fonts/fonts.css`],
    css: "body { font-family: 'Noto Serif SC', serif; } h1, h2, h3, h4 { font-family: 'Noto Sans SC', sans-serif; }",
    // page.pdf gives up after 30 s by default: on a loaded machine a print of all files at once takes longer.
    pdf_options: { ...defaults.pdf_options, timeout: MD_TO_PDF_PAGE_TIMEOUT_MS },
    launch_options: {
      executablePath,
      headless: true,
      args: [...BASELINE_CHROMIUM_ARGS, `--user-data-dir=${profileDir}`],
    },
  };
}

interface PageLike {
  setDefaultTimeout(ms: number): void;
}
interface BrowserLike {
  newPage(...args: unknown[]): Promise<PageLike>;
}

/** While fn runs, every page md-to-pdf's puppeteer opens gets a longer default timeout (nothing else changes). */
async function withPageTimeout<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const fromMdToPdf = createRequire(require.resolve('md-to-pdf/package.json'));
  const module = fromMdToPdf('puppeteer');
  const puppeteer = (module.default ?? module) as { launch: (options: unknown) => Promise<BrowserLike> };
  const launch = puppeteer.launch;
  puppeteer.launch = async (options: unknown) => {
    const browser = await launch.call(puppeteer, options);
    const newPage = browser.newPage;
    browser.newPage = async (...args: unknown[]) => {
      const page = await newPage.apply(browser, args);
      page.setDefaultTimeout(ms);
      return page;
    };
    return browser;
  };
  try {
    return await fn();
  } finally {
    puppeteer.launch = launch;
  }
}

/**
 * Converts the files in this process as md-to-pdf's CLI does (its page timeouts lifted to
 * MD_TO_PDF_PAGE_TIMEOUT_MS); returns the wall time, browser start included.
 */
export function mdToPdfInProcess(files: string[], basedir: string, executablePath: string): Promise<number> {
  return withPageTimeout(MD_TO_PDF_PAGE_TIMEOUT_MS, () => convertAll(files, basedir, executablePath));
}

async function convertAll(files: string[], basedir: string, executablePath: string): Promise<number> {
  // md-to-pdf keeps its browser in a module variable, still set after a failed call closed it: each call loads
  // md-to-pdf afresh, so that a call after a failure gets a browser of its own.
  const own = path.dirname(require.resolve('md-to-pdf/package.json'));
  for (const key of Object.keys(require.cache)) if (key.startsWith(path.join(own, 'dist'))) delete require.cache[key];
  const { defaultConfig } = require('md-to-pdf/dist/lib/config.js');
  const { convertMdToPdf } = require('md-to-pdf/dist/lib/md-to-pdf.js');
  const { closeBrowser } = require('md-to-pdf/dist/lib/generate-output.js');
  const { serveDirectory, closeServer } = require('md-to-pdf/dist/lib/serve-dir.js');
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'bench-md-to-pdf-profile-'));
  const port = await freePort();
  const config = { ...defaultConfig, ...baselineConfig(basedir, port, executablePath, profileDir) };
  const started = performance.now();
  const server = await serveDirectory(config);
  try {
    await Promise.all(
      files.map((file) =>
        convertMdToPdf({ path: file }, { ...config, pdf_options: { ...config.pdf_options } }, { args: {} }),
      ),
    );
    return performance.now() - started;
  } finally {
    await closeBrowser().catch(() => undefined);
    await closeServer(server);
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** md-to-pdf's CLI as a whole process over the files (one call for all); returns the wall time. */
export async function mdToPdfProcess(files: string[], basedir: string, executablePath: string): Promise<number> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'bench-md-to-pdf-profile-'));
  const port = await freePort();
  const configFile = path.join(profileDir, 'md-to-pdf.config.json');
  const { basedir: _b, port: _p, ...config } = baselineConfig(basedir, port, executablePath, profileDir);
  writeFileSync(configFile, JSON.stringify(config));
  const cli = require.resolve('md-to-pdf/dist/cli.js');
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [cli, '--config-file', configFile, '--basedir', basedir, '--port', String(port), ...files],
        { cwd: basedir, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`md-to-pdf exited with ${code}: ${stderr.slice(-500)}`)),
      );
    });
    return performance.now() - started;
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}
