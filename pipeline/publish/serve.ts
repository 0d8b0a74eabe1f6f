// briefings serve: the built folder over HTTP on this machine, for staff to look at before publishing.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xliff': 'application/xliff+xml; charset=utf-8',
};

/** Serves `root` read-only; paths that leave it are refused. Resolves once listening. */
export function serveFolder(root: string, port: number, host: string): Promise<Server> {
  const base = path.resolve(root);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let file = path.resolve(base, `.${decodeURIComponent(url.pathname)}`);
    if (file !== base && !file.startsWith(`${base}${path.sep}`)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file) || request.method !== 'GET') {
      response
        .writeHead(request.method === 'GET' ? 404 : 405)
        .end(request.method === 'GET' ? 'not found' : 'method not allowed');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
