import type { FailureReason, HelpRequestSuccessDetail } from '../shared/events.js';

/** An issue as the endpoint reports it in a `400` answer (SPEC section 7). */
export interface ServerIssue {
  path?: PropertyKey[];
  message?: string;
  /** A message key of the localizer, when the endpoint uses our schema module. */
  code?: string;
}

export class SendError extends Error {
  constructor(
    readonly reason: FailureReason,
    readonly status?: number,
    readonly issues: ServerIssue[] = [],
    /** Milliseconds the endpoint asked to wait (`429` with `Retry-After`). */
    readonly retryAfter = 0,
  ) {
    super(reason);
  }

  /** Whether trying again with the same submission can help. */
  get retryable(): boolean {
    return !/^(invalid|etiquette|too-large|bad-attachment)$/.test(this.reason);
  }
}

/**
 * Automatic retries: the first attempt plus `retries`, exponential backoff (`base`, doubled each
 * time, then jittered down by up to half, so that a school's clients do not retry in step), no
 * retry that would start later than `budget` ms after the first attempt.
 * Mutable so that tests do not wait for real seconds.
 */
export const retryPolicy = { retries: 3, base: 1000, budget: 20_000 };

export interface SendOptions {
  /** The same for every attempt, so the endpoint stores one request however many arrive. */
  key: string;
  /** Milliseconds before one attempt is aborted. */
  timeout: number;
  /** Aborts the whole submission (a new run, or the element going away). */
  signal: AbortSignal;
  /** Called before each automatic retry with its number (1…retries). */
  onRetry(n: number): void;
}

const REASONS: Record<number, FailureReason> = { 400: 'invalid', 413: 'too-large', 415: 'bad-attachment', 422: 'etiquette', 429: 'rate-limited' };

/** One POST; resolves with the endpoint's JSON answer to a `2xx`, rejects with a `SendError`. */
async function attempt(endpoint: string, body: FormData, { key, timeout, signal }: SendOptions): Promise<HelpRequestSuccessDetail> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  const timer = setTimeout(stop, timeout);
  signal.addEventListener('abort', stop);
  let response: Response;
  let json: { id?: unknown; issues?: unknown } | undefined;
  try {
    response = await fetch(endpoint, { method: 'POST', body, headers: { 'Idempotency-Key': key }, signal: abort.signal });
    json = await response.json().catch(() => undefined);
  } catch {
    if (signal.aborted) throw signal.reason;
    throw new SendError(abort.signal.aborted ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
  const { ok, status, headers } = response;
  const id = json?.id;
  if (ok && (typeof id === 'string' || typeof id === 'number')) return { id: String(id), response: json };
  // `Retry-After` in seconds or as an HTTP date.
  const after = headers.get('retry-after') ?? '';
  const wait = /^\d+$/.test(after) ? +after * 1000 : Date.parse(after) - Date.now();
  const issues = Array.isArray(json?.issues) ? json.issues : [];
  throw new SendError(status >= 500 ? 'server' : (REASONS[status] ?? 'unexpected'), status, issues, wait > 0 ? wait : 0);
}

/**
 * Sends one submission (SPEC section 7): network failures, timeouts, `5xx` and `429` are retried
 * automatically within the policy; anything else, or the last failure, rejects with a `SendError`.
 */
export async function send(endpoint: string, body: FormData, options: SendOptions): Promise<HelpRequestSuccessDetail> {
  const start = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt(endpoint, body, options);
    } catch (error) {
      if (!(error instanceof SendError) || !error.retryable || error.reason === 'unexpected' || n >= retryPolicy.retries) throw error;
      const delay = Math.max(retryPolicy.base * 2 ** n * (0.5 + Math.random() / 2), error.retryAfter);
      if (Date.now() - start + delay > retryPolicy.budget) throw error;
      options.onRetry(n + 1);
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        options.signal.addEventListener('abort', () => (clearTimeout(timer), reject(options.signal.reason)), { once: true });
      });
    }
  }
}
