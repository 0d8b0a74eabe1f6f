// briefings studio: the staff page on this machine. node:http for the API, sirv for the page's own files and the
// preview; every request passes the guards (token, host, origin, body size) before it reaches the workspace.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { z } from 'zod';
import { PROJECT_ROOT } from '../build.ts';
import { UsageError } from '../inputs.ts';
import { reviewOpSchema } from '../review/reviewOps.ts';
import { checkHost, checkOrigin, COOKIE, hasToken, HttpError, readBody, readJson, sessionValue } from './guards.ts';
import { Workspace, type WorkspaceOptions } from './workspace.ts';

export interface StudioOptions extends WorkspaceOptions {
  port?: number;
  host?: string;
  /** Required with a host other than this machine's loopback: every request must carry it. */
  token?: string;
}

export interface Studio {
  server: Server;
  url: string;
  workspace: Workspace;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const PAGE_DIR = path.join(PROJECT_ROOT, 'templates', 'studio');
/** Small requests (one correction); pasted text and dropped files may be as large as an input may be, in base64. */
const SMALL_BODY = 1024 * 1024;

const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** The preview runs no script at all: it is newspaper text in our templates. */
const PREVIEW_POLICY =
  "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const pasteSchema = z.object({ text: z.string(), name: z.string().max(200).optional() }).strict();
const uploadSchema = z
  .object({
    files: z
      .array(z.object({ name: z.string().max(300), data: z.string() }).strict())
      .min(1)
      .max(50),
  })
  .strict();
const termSchema = z
  .object({ zh: z.string().min(1).max(80), en: z.string().min(1).max(300), kind: z.string().max(30) })
  .strict();

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

const json = (response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(response, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8', ...headers });

/** Server-Timing of the last run of an input's pipeline (what the bench reads). */
const timing = (ms: { text: number; render: number }) => ({
  'server-timing': `text;dur=${ms.text.toFixed(1)}, render;dur=${ms.render.toFixed(1)}`,
});

/** Content-Disposition for a download whose name may be Chinese (RFC 6266 with an ASCII fallback). */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/gu, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const LOGIN_PAGE = (failed: boolean) => `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>简报工作台 · Briefings studio</title></head>
<body><h1>简报工作台 · Briefings studio</h1>
${failed ? '<p role="alert">口令不对 · Wrong access token</p>' : ''}
<form method="post" action="/login"><label>访问口令 · Access token <input type="password" name="token" autofocus></label>
<button type="submit">进入 · Enter</button></form></body></html>`;

export async function startStudio(options: StudioOptions): Promise<Studio> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? null;
  if (!LOOPBACK.has(host) && !token)
    throw new HttpError(400, `--host ${host} makes the studio reachable from other machines: give --token too`);
  const workspace = new Workspace(options);
  const page = sirv(PAGE_DIR, { dev: true, etag: true, dotfiles: false });
  const preview = sirv(workspace.previewDir, {
    dev: true,
    etag: true,
    dotfiles: false,
    setHeaders: (res) => res.setHeader('Content-Security-Policy', PREVIEW_POLICY),
  });
  // Fonts and the stylesheet do not change while the server runs: the browser keeps them (a preview loads at once).
  const assets = sirv(workspace.previewDir, {
    dev: false,
    etag: true,
    dotfiles: false,
    maxAge: 86_400,
    immutable: true,
  });
  const allowedHosts = new Set<string>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    checkOrigin(request);
    if (!token) checkHost(request, allowedHosts);
    const target = new URL(request.url ?? '/', 'http://studio.invalid');
    const route = target.pathname;
    const method = request.method ?? 'GET';
    if (token && route === '/login') {
      if (method === 'POST') {
        const body = new URLSearchParams((await readBody(request, 4096)).toString('utf8'));
        if (body.get('token') === token) {
          send(response, 303, '', {
            location: '/',
            'set-cookie': `${COOKIE}=${sessionValue(token)}; HttpOnly; SameSite=Strict; Path=/`,
          });
          return;
        }
        send(response, 401, LOGIN_PAGE(true), { 'content-type': 'text/html; charset=utf-8' });
        return;
      }
      send(response, 200, LOGIN_PAGE(false), { 'content-type': 'text/html; charset=utf-8' });
      return;
    }
    if (token && !hasToken(request, token)) {
      if (method === 'GET' && !route.startsWith('/api/')) send(response, 303, '', { location: '/login' });
      else json(response, 401, { error: 'this studio needs its access token (log in at /login)' });
      return;
    }
    if (method === 'GET' && route === '/') {
      send(response, 200, readFileSync(path.join(PAGE_DIR, 'index.html')), {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PAGE_POLICY,
        'cache-control': 'no-cache',
      });
      return;
    }
    if (method === 'GET' && route.startsWith('/studio/')) {
      request.url = route.slice('/studio'.length);
      page(request, response, () => send(response, 404, 'not found', { 'content-type': 'text/plain' }));
      return;
    }
    if (method === 'GET' && route.startsWith('/preview/')) {
      // Pages, their PDFs and the assets beside them; nothing half-written (.printing) and no other folder.
      if (!/^\/preview\/(?:assets\/[\w./-]+|[^/]+\.(?:html|pdf))$/u.test(route) || route.includes('..')) {
        send(response, 404, 'not found', { 'content-type': 'text/plain' });
        return;
      }
      request.url = route.slice('/preview'.length);
      const page = /^\/preview\/([^/]+)\.html$/u.exec(route);
      const made = page ? workspace.page(decodeURIComponent(page[1])) : null; // written when first shown
      if (made) response.setHeader('server-timing', timing(workspace.load(made.file).ms)['server-timing']);
      const send404 = () => send(response, 404, 'not found', { 'content-type': 'text/plain' });
      (route.startsWith('/preview/assets/') ? assets : preview)(request, response, send404);
      return;
    }
    const sourceRoute = /^\/api\/sources\/([^/]+)(?:\/(ops|terms|rebase|pdf|xliff))?$/u.exec(route);
    if (sourceRoute) {
      const file = decodeURIComponent(sourceRoute[1]);
      const action = sourceRoute[2] ?? '';
      if (method === 'GET' && action === '') return json(response, 200, workspace.view(file));
      if (method === 'GET' && action === 'pdf') {
        const version = workspace.load(file).version;
        return json(response, 200, { version, ...workspace.pdfStatus(file) });
      }
      if (method === 'GET' && action === 'xliff') {
        const xml = workspace.xliff(file);
        return send(response, 200, xml, {
          'content-type': 'application/xliff+xml; charset=utf-8',
          'content-disposition': attachment(file.replace(/\.txt$/u, '.xliff')),
        });
      }
      if (method === 'POST' && action === 'ops') {
        const op = parse(reviewOpSchema, await readJson(request, SMALL_BODY));
        return json(response, 200, workspace.apply(file, op));
      }
      if (method === 'POST' && action === 'terms') {
        const term = parse(termSchema, await readJson(request, SMALL_BODY));
        return json(response, 200, workspace.fixTerm(file, term));
      }
      if (method === 'POST' && action === 'rebase') {
        await readJson(request, SMALL_BODY);
        return json(response, 200, workspace.rebase(file));
      }
      throw new HttpError(405, 'method not allowed');
    }
    const bigBody = Math.ceil(workspace.config.maxInputBytes * 1.4) + 64 * 1024;
    if (method === 'POST' && route === '/api/paste') {
      const { text, name } = parse(pasteSchema, await readJson(request, bigBody));
      const file = workspace.addPasted(text, name);
      const view = workspace.view(file);
      json(response, 200, { file, view }, timing(workspace.load(file).ms));
      // The preview asks for the first article's page next: it is made while the page reads the answer.
      const first = view.articles[0]?.id;
      if (first)
        setImmediate(() => {
          try {
            workspace.page(first);
          } catch {
            // made (or refused with its reason) when the preview asks for it
          }
        });
      return;
    }
    if (method === 'POST' && route === '/api/upload') {
      const { files } = parse(uploadSchema, await readJson(request, bigBody * 2));
      const saved: string[] = [];
      const refused: { name: string; reason: string }[] = [];
      for (const f of files) {
        try {
          saved.push(workspace.addFile(f.name, Buffer.from(f.data, 'base64')));
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          refused.push({ name: f.name, reason: error.message });
        }
      }
      return json(response, saved.length > 0 ? 200 : 422, { saved, refused });
    }
    if (method === 'GET' && route === '/api/state')
      return json(response, 200, {
        inputDir: path.relative(workspace.cwd, workspace.inputDir) || '.',
        publish: workspace.publishDir !== null,
        sources: workspace.inputs().map((i) => ({
          file: i.file,
          reviewed: existsSync(path.join(workspace.inputDir, i.file.replace(/\.txt$/u, '.review.json'))),
        })),
      });
    if (method === 'GET' && route === '/api/manifest') return json(response, 200, workspace.manifest());
    const job = /^\/api\/jobs\/(digest|publish)$/u.exec(route);
    if (job) {
      const kind = job[1] as 'digest' | 'publish';
      if (method === 'GET') return json(response, 200, workspace.jobStatus(kind));
      if (method === 'POST') {
        await readJson(request, SMALL_BODY);
        if (kind === 'publish' && !workspace.publishDir)
          throw new HttpError(409, 'no web folder: start the studio with --publish DIR');
        if (workspace.jobStatus(kind).state === 'running') throw new HttpError(409, `a ${kind} build is running`);
        void workspace.runBuild(kind);
        return json(response, 202, workspace.jobStatus(kind));
      }
    }
    if (method === 'GET' && route === '/download/digest.pdf') {
      const file = workspace.digestPath();
      if (!file || workspace.jobStatus('digest').state === 'running')
        throw new HttpError(409, 'no digest yet: make one first (POST /api/jobs/digest)');
      return send(response, 200, readFileSync(file), {
        'content-type': 'application/pdf',
        'content-disposition': attachment('digest.pdf'),
      });
    }
    const download = /^\/download\/([^/]+)\.(html|pdf)$/u.exec(route);
    if (method === 'GET' && download) {
      const id = decodeURIComponent(download[1]);
      const page = workspace.page(id);
      if (!page) throw new HttpError(404, `no article ${id.slice(0, 60)}`);
      if (download[2] === 'pdf') await workspace.pdfReady(page.file);
      const full = path.join(workspace.previewDir, `${id}.${download[2]}`);
      return send(response, 200, readFileSync(full), {
        'content-type': download[2] === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
        'content-disposition': attachment(`${id}.${download[2]}`),
      });
    }
    throw new HttpError(404, 'not found');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'internal error';
      if (!(error instanceof HttpError)) process.stderr.write(`briefings studio: ${(error as Error).stack ?? error}\n`);
      if (response.headersSent) response.destroy();
      else json(response, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8090, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8090);
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;
  for (const name of LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [shown])
    allowedHosts.add(`${name}:${port}`);
  // Warm the pipeline (code paths, word segmenter) so the first paste is as quick as the next.
  setImmediate(() => {
    try {
      workspace.warm();
    } catch {
      // a broken input shows on the page when it is opened
    }
  });
  return {
    server,
    url,
    workspace,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await workspace.close();
    },
  };
}

/** The `briefings studio` command: starts the page, says where it is (never the token), runs until Ctrl-C. */
export async function runStudio(
  options: StudioOptions & { out: (line: string) => void; signal?: AbortSignal },
): Promise<number> {
  let studio: Studio;
  try {
    studio = await startStudio(options);
  } catch (error) {
    if (error instanceof HttpError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(`port ${options.port ?? 8090} is in use: choose another with --port`);
    throw error;
  }
  const folder = path.relative(options.cwd, studio.workspace.inputDir) || '.';
  if (studio.workspace.madeInputDir) options.out(`made the input folder ${folder}/ (it was not there)`);
  options.out(`briefings studio on ${studio.url} for ${folder}/ (Ctrl-C to stop)`);
  if (options.token) options.out('every request needs the access token given with --token (log in at /login)');
  if (studio.workspace.publishDir) options.out(`publish writes releases into ${studio.workspace.publishDir}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    options.signal?.addEventListener('abort', stop, { once: true });
  });
  await studio.close();
  return 0;
}
