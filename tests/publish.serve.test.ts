// briefings serve: raw requests (sent with net, so no client normalises the path) against a folder with hostile
// neighbours; the server answers, refuses and stays up.
import fs, { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, renameSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import type { Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../pipeline/publish/serve.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  complete: boolean;
}

/** Sends `head` byte for byte and reads until the server closes the connection. */
function raw(port: number, head: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {}); // a reset is an answer too: what arrived is checked below
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top, ...rest] = text.split('\r\n\r\n');
      const lines = top.split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/u.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers = Object.fromEntries(
        lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      const body = rest.join('\r\n\r\n');
      const length = headers['content-length'];
      resolve({ status, headers, body, complete: length === undefined || Buffer.byteLength(body) === Number(length) });
    });
    socket.once('connect', () => socket.write(head));
    socket.setTimeout(5000, () => reject(new Error(`no answer to ${head.split('\r\n')[0]}`)));
  });
}
const get = (port: number, target: string, headers: string[] = [], method = 'GET') =>
  raw(port, [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers, '', ''].join('\r\n'));

let dir: string;
let site: string;
let server: Server;
let port: number;
const PAGE = '<!doctype html><html lang="zh-Hans"><title>全会决议</title><p>全会强调</p></html>';
const SECRET = 'secret outside the served folder';
const DIGITS = '0123456789'.repeat(100);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-serve-'));
  site = path.join(dir, 'site');
  mkdirSync(path.join(site, 'md'), { recursive: true });
  writeFileSync(path.join(site, 'index.html'), PAGE);
  writeFileSync(path.join(site, 'a-1.html'), PAGE);
  writeFileSync(path.join(site, 'md', 'a-1.md'), '# 全会决议\n');
  writeFileSync(path.join(site, 'digits.txt'), DIGITS);
  writeFileSync(path.join(site, '.complete'), '{}');
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  mkdirSync(path.join(dir, 'private'));
  writeFileSync(path.join(dir, 'private', 'index.html'), SECRET);
  symlinkSync(path.join(dir, 'secret.txt'), path.join(site, 'leak.txt'));
  symlinkSync(path.join(dir, 'private'), path.join(site, 'leakdir'));
  symlinkSync('a-1.html', path.join(site, 'alias.html'));
  server = await serveFolder(site, 0);
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the folder', () => {
  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect((server.address() as net.AddressInfo).address).toBe('127.0.0.1');
  });

  it('serves pages with their type and charset, and the index of a folder', async () => {
    const index = await get(port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toBe(PAGE);
    const md = await get(port, '/md/a-1.md');
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect((await get(port, `/${encodeURIComponent('a-1.html')}`)).status).toBe(200);
    expect((await get(port, '/missing.html')).status).toBe(404);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get(port, '/a-1.html', [], 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(PAGE)));
    expect(head.body).toBe('');
  });

  it('refuses other methods with 405 and says which are allowed', async () => {
    const post = await get(port, '/a-1.html', ['Content-Length: 0'], 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await get(port, '/a-1.html');
    expect(first.headers.etag).toBeTruthy();
    expect((await get(port, '/a-1.html', [`If-None-Match: ${first.headers.etag}`])).status).toBe(304);
  });
});

describe('hostile paths', () => {
  it('answers malformed percent-encoding with 400 and stays up', async () => {
    for (const target of ['/%E0%A4%A', '/%', '/%zz.html', '/a%00.html']) {
      expect((await get(port, target)).status, target).toBe(400);
    }
    expect((await get(port, '/')).status).toBe(200);
  });

  it('never leaves the folder, however the climb is spelled', async () => {
    for (const target of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/../secret.txt',
      '/md/../../secret.txt',
      '/%2E%2E/private/',
      'http://127.0.0.1/../secret.txt',
    ]) {
      const response = await get(port, target);
      expect(response.status, target).toBe(403);
      expect(response.body, target).not.toContain('root:');
      expect(response.body, target).not.toContain(SECRET);
    }
    // A climb that lands back inside is an ordinary path.
    expect((await get(port, '/md/../a-1.html')).status).toBe(200);
  });

  it('does not follow symlinks out of the folder, and follows those that stay inside', async () => {
    for (const target of ['/leak.txt', '/leakdir/', '/leakdir/index.html']) {
      const response = await get(port, target);
      expect(response.status, target).toBe(404);
      expect(response.body, target).not.toContain(SECRET);
    }
    expect((await get(port, '/alias.html')).body).toBe(PAGE);
  });

  it('does not serve dotfiles (the lock, the build record, the release marker)', async () => {
    expect((await get(port, '/.complete')).status).toBe(404);
    expect((await get(port, '/md/%2e%2e/.complete')).status).toBe(404);
  });
});

describe('ranges', () => {
  it('serves a byte range, a suffix and an open end', async () => {
    const middle = await get(port, '/digits.txt', ['Range: bytes=2-5']);
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 2-5/${DIGITS.length}`);
    expect(middle.body).toBe('2345');
    const suffix = await get(port, '/digits.txt', ['Range: bytes=-3']);
    expect(suffix.body).toBe('789');
    expect(suffix.headers['content-range']).toBe(`bytes ${DIGITS.length - 3}-${DIGITS.length - 1}/${DIGITS.length}`);
    expect((await get(port, '/digits.txt', ['Range: bytes=995-'])).body).toBe('56789');
  });

  it('answers a range past the end with 416, and ignores a malformed or multiple one', async () => {
    const past = await get(port, '/digits.txt', ['Range: bytes=5000-']);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${DIGITS.length}`);
    for (const range of ['bytes=5-2', 'bytes=0-1,5-6', 'lines=1-2', 'bytes=x-y']) {
      const whole = await get(port, '/digits.txt', [`Range: ${range}`]);
      expect(whole.status, range).toBe(200);
      expect(whole.body, range).toBe(DIGITS);
    }
    expect((await get(port, '/')).status).toBe(200);
  });
});

describe('a read that fails mid-way', () => {
  it('ends that response and keeps serving', async () => {
    const real = fs.createReadStream;
    // The file vanishes between the lookup and the read: the stream errors after the headers are out.
    fs.createReadStream = ((file: fs.PathLike, options?: unknown) =>
      String(file).endsWith('digits.txt')
        ? real(path.join(dir, 'gone', 'digits.txt'))
        : real(file, options as Parameters<typeof real>[1])) as typeof fs.createReadStream;
    syncBuiltinESMExports();
    try {
      const broken = await get(port, '/digits.txt');
      // Nothing of the file arrives as if it were whole: the connection ends early (or a 500 comes back).
      expect(broken.status !== 200 || !broken.complete).toBe(true);
      expect(broken.body).not.toBe(DIGITS);
    } finally {
      fs.createReadStream = real;
      syncBuiltinESMExports();
    }
    expect((await get(port, '/digits.txt')).body).toBe(DIGITS);
  });
});

describe('a published folder', () => {
  it('follows DIR/current to the live release as it is switched', async () => {
    const publish = path.join(dir, 'publish');
    for (const name of ['r1', 'r2']) {
      mkdirSync(path.join(publish, 'releases', name), { recursive: true });
      writeFileSync(path.join(publish, 'releases', name, 'index.html'), `release ${name}`);
    }
    writeFileSync(path.join(publish, 'releases', 'r2', 'new.html'), 'only in r2');
    symlinkSync(path.join('releases', 'r1'), path.join(publish, 'current'));
    const live = await serveFolder(path.join(publish, 'current'), 0);
    try {
      const at = (live.address() as net.AddressInfo).port;
      expect((await get(at, '/')).body).toBe('release r1');
      expect((await get(at, '/new.html')).status).toBe(404);
      symlinkSync(path.join('releases', 'r2'), path.join(publish, 'next'));
      renameSync(path.join(publish, 'next'), path.join(publish, 'current'));
      expect((await get(at, '/')).body).toBe('release r2');
      expect((await get(at, '/new.html')).body).toBe('only in r2');
    } finally {
      await new Promise((r) => live.close(r));
    }
  });
});
