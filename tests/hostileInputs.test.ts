// A folder as a careless or hostile user fills it: one page on a single 600,000-character line, a 5 MB page, a
// symlink to a file outside, UTF-16LE without a BOM, control characters, and one good file. The build finishes
// (exit 0 or 1, never a crash), builds every decodable input, publishes nothing from outside, under 1 GB.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../pipeline/manifest.ts';
import { ROOT } from './helpers.ts';

const SENTENCES = [
  '本报讯 今年以来，全区持续推进老旧小区改造，完成改造项目四十二个，惠及居民一万余户。',
  '区住房和城乡建设委员会有关负责人介绍，改造内容包括屋面防水、外墙保温和管线更新。',
  '下一步，全区将结合居民意愿，统筹推进停车设施、养老服务和便民商业配套建设。',
];

let dir: string;
// Not spawnSync: a worker blocked for minutes loses touch with vitest and the run reports an unhandled error.
let run: { status: number | null; stdout: string; stderr: string };
let manifest: Manifest;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-hostile-'));
  const input = path.join(dir, 'in');
  mkdirSync(input);
  const outside = path.join(dir, 'secret.txt');
  writeFileSync(outside, '机密文件\n\n这一行不得出现在网站上。\n');
  // About 600,000 characters with no line break at all.
  let line = '';
  for (let i = 0; line.length < 600_000; i += 1) line += SENTENCES[i % SENTENCES.length];
  writeFileSync(path.join(input, 'one-line.txt'), `老旧小区改造惠及万户居民\n\n${line}\n`);
  // About 5 MB of ordinary paragraphs.
  const paragraphs: string[] = ['全区老旧小区改造工作综述'];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i += 1) {
    const p = SENTENCES[i % SENTENCES.length].repeat(4);
    paragraphs.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  writeFileSync(path.join(input, 'five-mb.txt'), `${paragraphs.join('\n\n')}\n`);
  symlinkSync(outside, path.join(input, 'link-out.txt'));
  symlinkSync('/etc/passwd', path.join(input, 'passwd.txt'));
  writeFileSync(path.join(input, 'utf16.txt'), Buffer.from(`社区食堂开业\n\n${SENTENCES.join('')}\n`, 'utf16le'));
  writeFileSync(path.join(input, 'control.txt'), `社区食堂开业\u0007\n\n\u001b[31m${SENTENCES.join('')}\u001b[0m\n`);
  copyFileSync(path.join(ROOT, 'seeds', '000_b9fc0974fe387ea8.txt'), path.join(input, 'good.txt'));
  run = await new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--max-old-space-size=1024',
        '--import',
        path.join(ROOT, 'tests', 'support', 'reportPeakMemory.mjs'),
        path.join(ROOT, 'bin', 'briefings.mjs'),
        'build',
        'in',
        '--out',
        'out',
        '--no-pdf',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 540_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
  manifest = JSON.parse(readFileSync(path.join(dir, 'out', 'briefings.json'), 'utf8'));
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a hostile input folder', () => {
  it('finishes with exit code 0 or 1, never a crash', () => {
    expect([0, 1], String(run.stderr).slice(-2000)).toContain(run.status);
  });

  it('builds the good file and every decodable one', () => {
    const built = manifest.sources.map((s) => s.file).sort();
    expect(built).toEqual(['control.txt', 'five-mb.txt', 'good.txt', 'one-line.txt', 'utf16.txt']);
    const utf16 = manifest.sources.find((s) => s.file === 'utf16.txt')!;
    expect(utf16.encoding).toMatch(/^utf-16le$/iu);
  });

  it('publishes nothing from outside the folder and names the links it skipped', () => {
    const site = manifest.articles.map((a) => JSON.stringify(a)).join('\n');
    expect(site).not.toContain('机密文件');
    expect(site).not.toContain('root:');
    expect(String(run.stdout) + String(run.stderr)).toMatch(/link-out\.txt.*symlink/u);
    expect(String(run.stdout) + String(run.stderr)).toMatch(/passwd\.txt.*symlink/u);
  });

  it('removes control characters with a logged edit, keeping the text', () => {
    const control = manifest.sources.find((s) => s.file === 'control.txt')!;
    expect(control.edits.some((e) => /\u0007|\u001b/u.test(e.before))).toBe(true);
    const article = manifest.articles.find((a) => a.source.file === 'control.txt')!;
    expect(JSON.stringify(article)).not.toMatch(/\\u0007|\\u001b/u);
    expect(JSON.stringify(article)).toContain('老旧小区改造');
  });

  it('stays under 1 GB of peak memory', () => {
    const kb = Number(/peak-rss-kb (\d+)/u.exec(String(run.stderr))?.[1]);
    expect(kb).toBeGreaterThan(0);
    expect(kb).toBeLessThan(1024 * 1024);
  });
});
