// briefings serve: the built folder over HTTP on this machine, for staff to look at before publishing. sirv sends the
// files (types, ETag and 304, ranges, HEAD); this module decides which file a request may read, and nothing else.
import { accessSync, constants, realpathSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { isInside } from '../inputs.ts';

/** Text types carry their charset: the pages are Chinese, and a browser must not guess. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xliff': 'application/xliff+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

type Resolved = { folder: string; file: string; stats: Stats } | { status: number; reason: string };

/** The path part of a request target, origin-form (`/a`) or absolute-form (`http://host/a`); null when neither. */
function requestPath(target: string): string | null {
  const origin = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?(\/[^?#]*)/iu.exec(target);
  if (origin) return origin[1];
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(?:[?#]|$)/iu.test(target) ? '/' : null;
}

/**
 * The file a request target names inside `root`, decided on the raw target (never a client's normalised one):
 * malformed percent-encoding is 400, a path that climbs out is 403, dotfiles (lock, build record, release marker),
 * symlinks leading out of the folder and anything that is not a readable regular file are not served.
 */
export function resolveRequest(root: string, target: string): Resolved {
  const raw = requestPath(target);
  if (raw === null) return { status: 400, reason: 'bad request target' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding in the path' };
  }
  if (decoded.includes('\0')) return { status: 400, reason: 'NUL byte in the path' };
  const base = path.resolve(root);
  const wanted = path.resolve(base, `.${decoded}`);
  if (!isInside(base, wanted)) return { status: 403, reason: 'outside the served folder' };
  const hidden = (relative: string) => relative.split(path.sep).some((part) => part.startsWith('.'));
  if (hidden(path.relative(base, wanted))) return { status: 404, reason: 'not found' };
  let folder: string;
  let file: string;
  try {
    // Resolved per request: DIR/current is switched to a new release while the server runs.
    folder = realpathSync(base);
    file = realpathSync(wanted);
    if (statSync(file).isDirectory()) file = realpathSync(path.join(file, 'index.html'));
  } catch {
    return { status: 404, reason: 'not found' };
  }
  if (!isInside(folder, file) || hidden(path.relative(folder, file))) return { status: 404, reason: 'not found' };
  const stats = statSync(file);
  if (!stats.isFile()) return { status: 404, reason: 'not found' };
  try {
    accessSync(file, constants.R_OK);
  } catch {
    return { status: 403, reason: 'not readable' };
  }
  return { folder, file, stats };
}

/**
 * Rewrites the Range header into the one form sirv reads correctly (`bytes=START-END`, END > 0), or removes it, which
 * RFC 9110 allows: a syntactically invalid, multiple or stale (If-Range) range is answered with the whole file.
 * Returns false when the range cannot be satisfied (the caller answers 416).
 */
function normaliseRange(request: IncomingMessage, size: number, mtime: Date): boolean {
  const header = request.headers.range;
  if (header === undefined) return true;
  delete request.headers.range;
  const ifRange = request.headers['if-range']?.toString();
  const lastModified = Math.floor(mtime.getTime() / 1000) * 1000;
  // Our ETags are weak, and a weak tag never matches If-Range; a date must equal Last-Modified to the second.
  if (ifRange !== undefined && (ifRange.includes('"') || Date.parse(ifRange) !== lastModified)) return true;
  const spec = /^bytes=(\d*)-(\d*)$/u.exec(header.trim());
  if (!spec || (spec[1] === '' && spec[2] === '')) return true;
  let start: number;
  let end: number;
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0) return false;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(spec[1]);
    end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
    if (spec[2] !== '' && Number(spec[2]) < start) return true;
  }
  if (start >= size) return false;
  // sirv reads an END of 0 as "to the end"; a one-byte range at offset 0 is answered whole instead.
  if (end === 0) return true;
  request.headers.range = `bytes=${start}-${end}`;
  return true;
}

function answer(response: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : `${reason}\n`);
}

/** The request handler serving `root` read-only (GET and HEAD). It never throws and never stops the server. */
export function staticHandler(root: string): RequestListener {
  let served: { folder: string; send: ReturnType<typeof sirv> } | null = null;
  const sender = (folder: string) => {
    if (served?.folder !== folder)
      served = {
        folder,
        send: sirv(folder, {
          dev: true, // look files up per request: a new release brings new files
          etag: true,
          extensions: [],
          setHeaders: (res, pathname) => {
            const type = TYPES[path.extname(pathname).toLowerCase()];
            if (type) res.setHeader('Content-Type', type);
            res.setHeader('X-Content-Type-Options', 'nosniff');
            res.setHeader('Accept-Ranges', 'bytes');
          },
        }),
      };
    return served.send;
  };
  return (request, response) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        answer(response, 405, 'method not allowed', { allow: 'GET, HEAD' });
        return;
      }
      const resolved = resolveRequest(root, request.url ?? '/');
      if ('status' in resolved) {
        answer(response, resolved.status, resolved.reason);
        return;
      }
      if (!normaliseRange(request, resolved.stats.size, resolved.stats.mtime)) {
        answer(response, 416, 'range not satisfiable', { 'content-range': `bytes */${resolved.stats.size}` });
        return;
      }
      // A read that fails after the headers went out (file removed, disk error) ends this response, not the server.
      response.once('pipe', (source) =>
        source.once('error', () => {
          if (response.headersSent) response.destroy();
          else answer(response, 500, 'read error');
        }),
      );
      const relative = path.relative(resolved.folder, resolved.file);
      // sirv cuts its path at ? and #: such a name would be read as another file.
      if (/[?#]/u.test(relative)) {
        answer(response, 404, 'not found');
        return;
      }
      request.url = `/${relative.split(path.sep).map(encodeURI).join('/')}`;
      sender(resolved.folder)(request, response, () => answer(response, 404, 'not found'));
    } catch {
      if (response.headersSent) response.destroy();
      else answer(response, 500, 'internal error');
    }
  };
}

/** Serves `root` read-only on `host` (this machine only unless told otherwise); resolves once listening. */
export function serveFolder(root: string, port = 8080, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(staticHandler(root));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
