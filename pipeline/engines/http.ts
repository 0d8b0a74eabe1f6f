// Shared HTTP plumbing for engine adapters: JSON POST with redacted, classified errors.
// Secrets (API keys) never reach an error message: every text that leaves this module goes through `redact`.

export type EngineErrorKind = 'http' | 'network' | 'timeout' | 'malformed' | 'config' | 'aborted';

/** An error from an engine adapter. `retryable` tells translateSegments whether another attempt may help. */
export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  /** From a Retry-After header (HTTP 429/503), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    options: { kind: EngineErrorKind; retryable: boolean; status?: number; retryAfterMs?: number },
  ) {
    super(message);
    this.name = 'EngineError';
    this.kind = options.kind;
    this.retryable = options.retryable;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Replaces every occurrence of every secret with "[redacted]". */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * Whether a failed attempt is worth repeating: network errors, timeouts, HTTP 429 and 5xx; not other 4xx or malformed
 * answers.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof EngineError) return error.retryable;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { retryable?: unknown; status?: unknown; name?: unknown };
  if (typeof e.retryable === 'boolean') return e.retryable;
  if (typeof e.status === 'number') return e.status === 429 || e.status >= 500;
  // fetch rejects with a TypeError ("fetch failed") on connection problems; AbortError/TimeoutError on timeouts.
  return e.name === 'TypeError' || e.name === 'AbortError' || e.name === 'TimeoutError';
}

/** Reads a key from the environment; the caller names the variable, the value never appears in messages. */
export function readApiKey(label: string, apiKeyEnv: string | undefined): string | undefined {
  if (!apiKeyEnv) return undefined;
  const key = process.env[apiKeyEnv];
  if (!key)
    throw new EngineError(`${label}: environment variable ${apiKeyEnv} (the API key) is not set or empty`, {
      kind: 'config',
      retryable: false,
    });
  return key;
}

export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/u, '');
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const snippet = (text: string, secrets: readonly (string | undefined)[]) => {
  const clean = redact(text, secrets).replace(/\s+/gu, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
};

export interface PostJsonOptions {
  /** Prefix of every error message, normally the engine name. */
  label: string;
  headers?: Record<string, string>;
  signal: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Texts to redact from error messages (the API key). */
  secrets?: readonly (string | undefined)[];
}

function abortError(label: string, signal: AbortSignal): EngineError {
  const reason: unknown = signal.reason;
  if (reason instanceof EngineError) return reason;
  const timeout =
    typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
  return timeout
    ? new EngineError(`${label}: request timed out`, { kind: 'timeout', retryable: true })
    : new EngineError(`${label}: request aborted`, { kind: 'aborted', retryable: false });
}

/** POSTs `body` as JSON and returns the parsed JSON answer; throws EngineError (redacted) otherwise. */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  const { label, signal, secrets = [] } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw abortError(label, signal);
    const e = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
    const detail = [e.message, e.cause?.code ?? e.cause?.message]
      .filter((x) => typeof x === 'string' && x !== '')
      .join(': ');
    throw new EngineError(`${label}: network error on POST ${url}: ${snippet(detail || String(error), secrets)}`, {
      kind: 'network',
      retryable: true,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw abortError(label, signal);
    throw new EngineError(
      `${label}: connection lost while reading the answer from ${url}: ${snippet(String((error as Error)?.message ?? error), secrets)}`,
      { kind: 'network', retryable: true },
    );
  }
  if (!response.ok) {
    const status = response.status;
    throw new EngineError(`${label}: HTTP ${status} from POST ${url}${text ? `: ${snippet(text, secrets)}` : ''}`, {
      kind: 'http',
      status,
      retryable: status === 429 || status >= 500,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new EngineError(
      `${label}: malformed response from ${url}: not JSON: ${snippet(text, secrets) || '(empty body)'}`,
      { kind: 'malformed', retryable: false },
    );
  }
}
