// The staff page's server without a browser: what it saves (pasted text, dropped files in any encoding the pipeline
// reads, corrections as review files that validate), and what it refuses (other hosts and origins, requests without
// the token, bodies over the limit, file names that leave the input folder, markup as markup).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../pipeline/cli.ts';
import { parseReview } from '../pipeline/review/reviewFile.ts';
import { runStudio, startStudio, type Studio } from '../pipeline/studio/server.ts';
import type { SourceView } from '../pipeline/studio/sourceView.ts';
import { ROOT } from './helpers.ts';

const TEXT = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'review', 'press-conference-with-sidebar.txt'), 'utf8');

/** A request as any client may send it (Host, Origin and the rest set by hand). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let work: string;
let studio: Studio;
const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(`${studio.url}${route.slice(1)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const get = (route: string, headers: Record<string, string> = {}) => raw(`${studio.url}${route.slice(1)}`, { headers });

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'briefings-studio-server-'));
  mkdirSync(path.join(work, 'in'));
  // A small input limit, so that the body limit is quick to pass.
  writeFileSync(path.join(work, 'briefings.config.json'), JSON.stringify({ maxInputBytes: 64 * 1024 }));
  studio = await startStudio({ inputDir: 'in', cwd: work, port: 0 });
});

afterAll(async () => {
  await studio?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('what the studio saves', () => {
  it('saves pasted text as a new input file; the same text again is the same file, other text another name', async () => {
    const first = await post('/api/paste', { text: TEXT, name: '绍兴 发布会' });
    expect(first.status).toBe(200);
    const { file, view } = JSON.parse(first.body) as { file: string; view: SourceView };
    expect(file).toBe('绍兴-发布会.txt');
    expect(readFileSync(path.join(work, 'in', file), 'utf8')).toBe(TEXT);
    expect(view.articles.map((a) => a.genre)).toEqual(['press-conference', 'news', 'news']);
    expect(JSON.parse((await post('/api/paste', { text: TEXT, name: '绍兴 发布会' })).body).file).toBe(file);
    expect(JSON.parse((await post('/api/paste', { text: `${TEXT}\n补充。`, name: '绍兴 发布会' })).body).file).toBe(
      '绍兴-发布会-2.txt',
    );
    const unnamed = JSON.parse((await post('/api/paste', { text: '本报讯 今天天气很好。\n' })).body).file;
    expect(unnamed).toMatch(/^pasted-\d{8}-\d{6}\.txt$/u);
  });

  it('takes dropped files in the encodings the pipeline reads, and refuses bytes it cannot decode, saying why', async () => {
    const gbText = '市政府召开新闻发布会\n\n本报讯（记者 林一）昨日，市政府召开新闻发布会，介绍今年的十项举措。\n';
    const gb18030 = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'bad-input', 'gb18030.txt'));
    const response = await post('/api/upload', {
      files: [
        { name: 'notice-gb.TXT', data: gb18030.toString('base64') },
        {
          name: 'utf16.txt',
          data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(gbText, 'utf16le')]).toString('base64'),
        },
        {
          name: 'picture.txt',
          data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64'),
        },
      ],
    });
    expect(response.status).toBe(200);
    const result = JSON.parse(response.body) as { saved: string[]; refused: { name: string; reason: string }[] };
    expect(result.saved).toEqual(['notice-gb.txt', 'utf16.txt']);
    expect(readFileSync(path.join(work, 'in', 'notice-gb.txt'))).toEqual(gb18030);
    expect(result.refused).toEqual([{ name: 'picture.txt', reason: expect.stringMatching(/picture\.txt.*binary/u) }]);
    const view = JSON.parse((await get('/api/sources/notice-gb.txt')).body) as SourceView;
    expect(view.encoding).toBe('gb18030');
    expect(view.articles[0].title.zh).toBe('我区召开生态环境保护工作会议');
    const utf16 = JSON.parse((await get('/api/sources/utf16.txt')).body) as SourceView;
    expect(utf16.encoding).toMatch(/^utf-16/u);
    expect(utf16.articles[0].title.zh).toBe('市政府召开新闻发布会');
  });

  it('never lets a file name leave the input folder', async () => {
    const before = readdirSync(work).sort();
    const response = await post('/api/upload', {
      files: [
        { name: '../../escape.txt', data: Buffer.from('出逃。').toString('base64') },
        { name: '.hidden.txt', data: Buffer.from('隐藏。').toString('base64') },
        { name: 'C:\\temp\\x.txt', data: Buffer.from('路径。').toString('base64') },
        { name: 'evil.review.json', data: Buffer.from('{}').toString('base64') },
      ],
    });
    expect(response.status).toBe(422);
    const refused = (JSON.parse(response.body) as { refused: { name: string }[] }).refused.map((r) => r.name);
    expect(refused).toEqual(['../../escape.txt', '.hidden.txt', 'C:\\temp\\x.txt', 'evil.review.json']);
    expect(readdirSync(work).sort()).toEqual(before);
    expect(existsSync(path.join(os.tmpdir(), 'escape.txt'))).toBe(false);
    for (const route of [
      '/api/sources/..%2F..%2Fetc%2Fpasswd',
      '/api/sources/..%2Fbriefings.config.json',
      '/preview/..%2F..%2Fin%2F绍兴-发布会.txt',
    ])
      expect((await get(route)).status, route).toBe(404);
    const paste = await post('/api/paste', { text: '正文。', name: '../up' });
    expect(paste.status).toBe(400);
  });

  it('saves each correction as a review file that validates, and a build applies it', async () => {
    const view = JSON.parse(
      (await get('/api/sources/%E7%BB%8D%E5%85%B4-%E5%8F%91%E5%B8%83%E4%BC%9A.txt')).body,
    ) as SourceView;
    const flag = view.flags.find((f) => f.rule === 'doubled-word')!;
    const ok = await post(`/api/sources/${encodeURIComponent('绍兴-发布会.txt')}/ops`, {
      op: 'flag',
      start: flag.start,
      end: flag.end,
      rule: flag.rule,
      decision: 'accept',
    });
    expect(ok.status).toBe(200);
    const genre = await post(`/api/sources/${encodeURIComponent('绍兴-发布会.txt')}/ops`, {
      op: 'genre',
      article: view.articles[2].firstLine,
      genre: 'feature',
    });
    expect((JSON.parse(genre.body) as SourceView).articles[2].genre).toBe('feature');
    const bad = await post(`/api/sources/${encodeURIComponent('绍兴-发布会.txt')}/ops`, {
      op: 'genre',
      genre: 'sports',
    });
    expect(bad.status).toBe(400);
    const nowhere = await post(`/api/sources/${encodeURIComponent('绍兴-发布会.txt')}/ops`, {
      op: 'edit',
      start: 1,
      end: 2,
      rule: 'punctuation-width',
      decision: 'reject',
    });
    expect(nowhere.status).toBe(400);
    expect(JSON.parse(nowhere.body).error).toMatch(/no punctuation-width edit at 1–2/u);
    const json = readFileSync(path.join(work, 'in', '绍兴-发布会.review.json'), 'utf8');
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'review.schema.json'), 'utf8'));
    const validate = new Ajv2020.default({ strict: false }).compile(schema);
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseReview(json, 'x').flags[0]).toMatchObject({ text: '推动推动', decision: 'accept' });
  });

  it("fixes a person's English once in the local term base, for every article", async () => {
    const file = encodeURIComponent('绍兴-发布会.txt');
    const response = await post(`/api/sources/${file}/terms`, {
      zh: '周立言',
      en: 'Zhou Liyan (Director)',
      kind: 'person',
    });
    expect(response.status).toBe(200);
    const view = JSON.parse(response.body) as SourceView;
    expect(view.articles[0].people.find((p) => p.name === '周立言')?.en).toBe('Zhou Liyan (Director)');
    expect(readFileSync(path.join(work, 'translations', 'terms.local.tsv'), 'utf8')).toMatch(
      /^zh\ten\tkind\tsource\tnote\n周立言\tZhou Liyan \(Director\)\tperson\tstaff\t/u,
    );
  });

  it('exports the segments still wanting English as XLIFF for an outside translator', async () => {
    const file = encodeURIComponent('绍兴-发布会.txt');
    const response = await get(`/api/sources/${file}/xliff`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xliff\+xml/u);
    expect(response.headers['content-disposition']).toMatch(/^attachment; /u);
    expect(response.body).toMatch(/^<\?xml[^>]*\?>\s*<xliff [^>]*version="2\.0"/u);
    expect(response.body).toContain('<source>古城夜游线路今年有哪些新变化？</source>');
  });

  it('asks staff to move corrections when the source changed, and moves them leaving out what is gone', async () => {
    const name = '绍兴-发布会.txt';
    writeFileSync(path.join(work, 'in', name), TEXT.replace('推动推动', '推进'));
    const view = JSON.parse((await get(`/api/sources/${encodeURIComponent(name)}`)).body) as SourceView;
    expect(view.sameSource).toBe(false);
    expect(view.stale.map((s) => s.pointer)).toEqual(['/flags/0']);
    const refused = await post(`/api/sources/${encodeURIComponent(name)}/ops`, {
      op: 'genre',
      article: view.articles[0].firstLine,
      genre: 'news',
    });
    expect(refused.status).toBe(409);
    const moved = JSON.parse((await post(`/api/sources/${encodeURIComponent(name)}/rebase`, {})).body) as {
      view: SourceView;
      dropped: string[];
    };
    expect(moved.dropped).toEqual(['flag doubled-word "推动推动"']);
    expect(moved.view.sameSource).toBe(true);
    expect(moved.view.stale).toEqual([]);
    expect(moved.view.articles[2].genre).toBe('feature');
  });

  it('shows an unreadable review file as such, refuses corrections on it, and build exits 2', async () => {
    writeFileSync(path.join(work, 'in', 'notice-gb.review.json'), '{"version": 1, "source": {}}');
    const view = JSON.parse((await get('/api/sources/notice-gb.txt')).body) as SourceView;
    expect(view.reviewError).toMatch(/notice-gb\.review\.json: \/source\/file/u);
    const refused = await post('/api/sources/notice-gb.txt/ops', {
      op: 'genre',
      article: view.articles[0].firstLine,
      genre: 'news',
    });
    expect(refused.status).toBe(409);
    const err: string[] = [];
    expect(await main(['build', 'in', '--no-pdf'], { out: () => undefined, err: (l) => err.push(l) }, work)).toBe(2);
    expect(err.join('\n')).toMatch(/notice-gb\.review\.json/u);
    rmSync(path.join(work, 'in', 'notice-gb.review.json'));
  });
});

describe('what the studio refuses', () => {
  it('answers only for its own host name (no DNS rebinding from another site)', async () => {
    const response = await get('/api/state', { host: 'attacker.example:80' });
    expect(response.status).toBe(421);
    expect((await get('/api/state')).status).toBe(200);
  });

  it('refuses state-changing requests from another origin or a cross-site context, and forms that are not JSON', async () => {
    const body = { text: '本报讯 正文。', name: 'csrf' };
    expect((await post('/api/paste', body, { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await post('/api/paste', body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/api/paste', body, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    const form = await raw(`${studio.url}api/paste`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(body),
    });
    expect(form.status).toBe(415);
    expect(existsSync(path.join(work, 'in', 'csrf.txt'))).toBe(false);
    const own = new URL(studio.url).origin;
    expect((await post('/api/paste', body, { origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('limits the size of a request body', async () => {
    const response = await post('/api/paste', { text: '字'.repeat(200_000) });
    expect(response.status).toBe(413);
    const small = await post(`/api/sources/csrf.txt/ops`, {
      op: 'english',
      id: 'x',
      zh: '字'.repeat(400_000),
      en: 'x',
    });
    expect(small.status).toBe(413);
  });

  it('shows input text as text: markup in a pasted page is escaped in the preview, which runs no script', async () => {
    const text = '<script>alert("x")</script>标题\n\n本报讯 正文里有<img src=x onerror="alert(1)">一段。\n';
    const { file, view } = JSON.parse((await post('/api/paste', { text, name: 'markup' })).body) as {
      file: string;
      view: SourceView;
    };
    expect(file).toBe('markup.txt');
    const id = view.articles[0].id;
    const page = await get(`/preview/${id}.html`);
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/<script|<img/iu);
    expect(page.body).toContain('&lt;img');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'none'/u);
    const studioPage = await get('/');
    expect(studioPage.headers['content-security-policy']).toMatch(/script-src 'self'/u);
    // The page's script builds every element of its own from text. The one HTML it parses is a preview page
    // (the one above), and that goes only into the preview frame, which runs no script.
    const script = readFileSync(path.join(ROOT, 'templates', 'studio', 'studio.js'), 'utf8');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/u);
    expect(script.match(/DOMParser\(\)[^\n]*/gu)).toEqual([
      "DOMParser().parseFromString(await response.text(), 'text/html');",
    ]);
    expect(script.match(/adoptNode\([^)]*\)/gu)).toEqual(['adoptNode(next.body)']);
    expect(script).toMatch(/doc\.body\.replaceWith\(doc\.adoptNode\(next\.body\)\)/u);
    const html = readFileSync(path.join(ROOT, 'templates', 'studio', 'index.html'), 'utf8');
    expect(/<iframe id="preview" sandbox="([^"]*)"/u.exec(html)?.[1]).toBe('allow-same-origin');
    // Everything the page loads is its own (no CDN, no web font service).
    expect(html.match(/(?:src|href)="([^"]+)"/gu)?.every((a) => /"(\/|data:)/u.test(a))).toBe(true);
  });
});

describe('the preview', () => {
  it('starts from an empty page with the stylesheets of every article page, so pages can be put into it', async () => {
    const { view } = JSON.parse((await post('/api/paste', { text: TEXT, name: 'sheets' })).body) as {
      view: SourceView;
    };
    const sheets = (html: string) => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/gu)].map((m) => m[1]);
    const blank = await get('/preview/studio-blank.html');
    expect(blank.status).toBe(200);
    expect(blank.headers['content-security-policy']).toMatch(/script-src 'none'/u);
    const article = await get(`/preview/${view.articles[0].id}.html`);
    expect(sheets(blank.body)).toEqual(['assets/fonts/fonts.css', 'assets/briefing.css']);
    expect(sheets(article.body)).toEqual(sheets(blank.body));
  });
});

describe('with --host', () => {
  it('makes the input folder a new user names when it is not there yet, and says so', async () => {
    const out: string[] = [];
    const stop = new AbortController();
    const running = runStudio({
      inputDir: 'new/inputs',
      cwd: work,
      port: 0,
      out: (l) => out.push(l),
      signal: stop.signal,
    });
    for (let i = 0; i < 100 && !out.some((l) => /http:\/\//u.test(l)); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(path.join(work, 'new', 'inputs'))).toEqual([]);
    expect(out[0]).toBe('made the input folder new/inputs/ (it was not there)');
    stop.abort();
    expect(await running).toBe(0);
    writeFileSync(path.join(work, 'not-a-folder'), '');
    await expect(startStudio({ inputDir: 'not-a-folder', cwd: work, port: 0 })).rejects.toThrow(/not a folder/u);
  });

  it('will not listen beyond this machine without a token: a usage error (exit 2)', async () => {
    const err: string[] = [];
    const code = await main(
      ['studio', 'in', '--host', '0.0.0.0', '--port', '0'],
      { out: () => undefined, err: (l) => err.push(l) },
      work,
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--host 0\.0\.0\.0.*--token/u);
  });

  it('needs the token on every request, takes it once at /login, and never prints it', async () => {
    const token = 'staff-only-6b1f0c';
    const out: string[] = [];
    const stop = new AbortController();
    const running = runStudio({
      inputDir: 'in',
      cwd: work,
      host: '0.0.0.0',
      port: 0,
      token,
      out: (l) => out.push(l),
      signal: stop.signal,
    });
    // The command prints where it listens; find the port there.
    for (let i = 0; i < 100 && !out.some((l) => /http:\/\//u.test(l)); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    const url = /http:\/\/0\.0\.0\.0:(\d+)\//u.exec(out.join('\n'))!;
    const base = `http://127.0.0.1:${url[1]}/`;
    expect((await raw(`${base}api/state`)).status).toBe(401);
    expect((await raw(base)).status).toBe(303);
    expect((await raw(`${base}preview/assets/briefing.css`)).status).toBe(303);
    expect((await raw(`${base}api/state`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const wrong = await raw(`${base}login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=guess',
    });
    expect(wrong.status).toBe(401);
    const login = await raw(`${base}login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${token}`,
    });
    expect(login.status).toBe(303);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    expect(cookie).not.toContain(token);
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/u);
    expect((await raw(`${base}api/state`, { headers: { cookie } })).status).toBe(200);
    expect(out.join('\n')).not.toContain(token);
    stop.abort();
    expect(await running).toBe(0);
  });
});
