// A local HTTP server for engine tests: records requests, counts simultaneous ones, answers through a handler.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, index: number) => void | Promise<void>;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  maxInFlight: number;
  /** Assertion failures inside the handler (a test checks it is empty). */
  errors: string[];
  close(): Promise<void>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(text);
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer(handler: Handler): Promise<FakeServer> {
  let inFlight = 0;
  const state: FakeServer = { url: '', requests: [], maxInFlight: 0, errors: [], close: async () => {} };
  const server = createServer((req, res) => {
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = undefined;
      try {
        json = JSON.parse(body);
      } catch {
        /* left undefined */
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        json,
      };
      state.requests.push(recorded);
      Promise.resolve(handler(recorded, res, state.requests.length - 1)).catch((error: unknown) => {
        state.errors.push(String(error));
        if (!res.headersSent) sendJson(res, 599, { error: String(error) });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Throws (recorded in server.errors, answered with 599) when the condition does not hold. */
export function expectShape(condition: boolean, what: string): void {
  if (!condition) throw new Error(`request shape: ${what}`);
}

/** Checks an OpenAI chat completions request; returns the user message. */
export function checkChatRequest(r: RecordedRequest, model: string, key?: string): { system: string; user: string } {
  expectShape(r.method === 'POST', `method ${r.method}`);
  expectShape(r.path === '/v1/chat/completions', `path ${r.path}`);
  expectShape(String(r.headers['content-type']).startsWith('application/json'), 'content-type');
  if (key) expectShape(r.headers.authorization === `Bearer ${key}`, 'authorization header');
  else expectShape(r.headers.authorization === undefined, 'no authorization header without a key');
  const body = r.json as { model?: unknown; messages?: { role?: unknown; content?: unknown }[]; temperature?: unknown };
  expectShape(typeof body === 'object' && body !== null, 'JSON body');
  expectShape(body.model === model, 'model');
  expectShape(body.temperature === 0, 'temperature 0');
  expectShape(Array.isArray(body.messages) && body.messages.length === 2, 'two messages');
  const [system, user] = body.messages ?? [];
  expectShape(system?.role === 'system' && typeof system.content === 'string', 'system message');
  expectShape(user?.role === 'user' && typeof user.content === 'string', 'user message');
  return { system: system.content as string, user: user.content as string };
}

export function chatAnswer(content: string): unknown {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** Checks a LibreTranslate /translate request; returns q. */
export function checkLibreRequest(r: RecordedRequest, key?: string): string {
  expectShape(r.method === 'POST', `method ${r.method}`);
  expectShape(r.path === '/translate', `path ${r.path}`);
  expectShape(String(r.headers['content-type']).startsWith('application/json'), 'content-type');
  const body = r.json as Record<string, unknown>;
  expectShape(typeof body?.q === 'string', 'q');
  expectShape(body.source === 'zh' && body.target === 'en' && body.format === 'text', 'source/target/format');
  if (key) expectShape(body.api_key === key, 'api_key');
  else expectShape(!('api_key' in body), 'no api_key without a key');
  return body.q as string;
}
