// What every request to the staff page passes before it reaches the studio: the access token (with --host), the Host
// header (a page on another site cannot reach 127.0.0.1 through DNS rebinding), the origin of state-changing
// requests (no cross-site form or fetch), and a limit on the body's size.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export const COOKIE = 'briefings_studio';

/** The cookie value for a token: derived, so the token itself never sits in the browser's cookie store. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('briefings studio session').digest('hex');
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookies(request: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return out;
}

/** Whether the request carries the token: as `Authorization: Bearer T` or as the session cookie login set. */
export function hasToken(request: IncomingMessage, token: string): boolean {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ') && equal(auth.slice(7).trim(), token)) return true;
  const cookie = cookies(request).get(COOKIE);
  return cookie !== undefined && equal(cookie, sessionValue(token));
}

/** The Host header names this server (loopback name or address and our port); anything else is refused. */
export function checkHost(request: IncomingMessage, allowed: Set<string>): void {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!allowed.has(host)) throw new HttpError(421, `this server does not answer for host "${host.slice(0, 60)}"`);
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * State-changing requests must come from the page itself: an Origin other than the server's own (the scheme and the
 * Host the request was sent to), or Sec-Fetch-Site saying cross-site or same-site, is refused. A request with neither
 * header does not come from a page in a browser (curl, a script), so no other site can have sent it.
 */
export function checkOrigin(request: IncomingMessage): void {
  if (!STATE_CHANGING.has(request.method ?? 'GET')) return;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new HttpError(403, `cross-site request refused (Sec-Fetch-Site: ${String(site).slice(0, 20)})`);
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${(request.headers.host ?? '').toLowerCase()}`)
    throw new HttpError(403, `request from another origin refused (${origin.slice(0, 60)})`);
}

/** The body, refused with 413 once it passes `limit` bytes (counted as it arrives, never read whole first). */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    request.resume();
    return Promise.reject(new HttpError(413, `request body of ${declared} bytes is over the limit of ${limit}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new HttpError(413, `request body is over the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A JSON body: the content type must say so (a cross-site HTML form cannot send one), and it must parse. */
export async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/iu.test(type)) throw new HttpError(415, 'send JSON (Content-Type: application/json)');
  const body = await readBody(request, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}
