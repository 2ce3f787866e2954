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
    /** Milliseconds the endpoint asked to wait before trying again (`Retry-After`), 0 if it did not say. */
    readonly after = 0,
  ) {
    super(reason);
  }

  /** The endpoint answers a plain request but not this page's: it does not allow the site (CORS). */
  blocked = false;

  /** Whether trying again with the same submission can help. */
  get retryable(): boolean {
    return !/^(invalid|etiquette|too-large|bad-attachment)$/.test(this.reason) && !this.refused;
  }

  /** Any other 4xx (404, 401, 405), or no endpoint at all: the form is set up wrongly; the school can help, retrying cannot. */
  get refused(): boolean {
    return this.reason === 'unexpected' && !(this.status! < 400);
  }
}

/**
 * Whether the browser will refuse to send from `page` to `endpoint` whatever the endpoint does
 * (mixed content): an `http:` endpoint from an `https:` page, loopback excepted as browsers except it.
 */
export const mixedContent = (endpoint: string, page: string) => /^https:/.test(page) && /^http:\/\/(?!localhost[:/]|127\.|\[::1\])/i.test(endpoint);

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
  /** Milliseconds before one attempt is aborted, on top of the time its screenshots take to upload. */
  timeout: number;
  /** Aborts the whole submission (a new run, or the element going away). */
  signal: AbortSignal;
  /** Called before each automatic retry with its number (1…retries). */
  onRetry(n: number): void;
}

const REASONS: Record<number, FailureReason> = { 400: 'invalid', 413: 'too-large', 415: 'bad-attachment', 422: 'etiquette', 429: 'rate-limited' };

/**
 * Sends one submission (SPEC section 7) and resolves with the endpoint's JSON answer to a `2xx`.
 * Network failures, timeouts, `5xx` and `429` are retried automatically within the policy;
 * anything else, or the last failure, rejects with a `SendError`.
 */
export async function send(endpoint: string, body: FormData, { key, timeout, signal, onRetry }: SendOptions): Promise<HelpRequestSuccessDetail> {
  const start = Date.now();
  // fetch cannot tell when the upload is done: allow for it at 16 kB/s (a rural 2G line), or five
  // screenshots would time out every attempt there.
  for (const part of body.values()) if (typeof part !== 'string') timeout += part.size / 16;
  for (let n = 0; ; n++) {
    const abort = new AbortController();
    const stop = () => abort.abort();
    const timer = setTimeout(stop, timeout);
    signal.addEventListener('abort', stop);
    let failure: SendError;
    /** Milliseconds the endpoint asked to wait (`429` with `Retry-After` in seconds or as an HTTP date). */
    let after = 0;
    try {
      const response = await fetch(endpoint, { method: 'POST', body, headers: { 'Idempotency-Key': key }, signal: abort.signal });
      const json = await response.json().catch(() => ({}));
      const { status, headers } = response;
      if (response.ok && ['string', 'number'].includes(typeof json?.id)) return { id: String(json.id), response: json };
      const retry = headers.get('retry-after') ?? '';
      after = Math.max(0, /^\d+$/.test(retry) ? +retry * 1000 : Date.parse(retry) - Date.now() || 0);
      failure = new SendError(status >= 500 ? 'server' : (REASONS[status] ?? 'unexpected'), status, Array.isArray(json?.issues) ? json.issues : json?.message ? [{ message: String(json.message) }] : [], after);
    } catch {
      if (signal.aborted) throw signal.reason;
      failure = new SendError(abort.signal.aborted ? 'timeout' : 'network');
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
    const delay = Math.max(retryPolicy.base * 2 ** n * (0.5 + Math.random() / 2), after);
    if (!failure.retryable || failure.reason === 'unexpected' || n >= retryPolicy.retries || Date.now() - start + delay > retryPolicy.budget) {
      // A CORS request refused where a no-cors one is answered: the endpoint does not allow this site,
      // which only the school can fix (a network that drops the upload answers the first).
      if (failure.reason === 'network') failure.blocked = await fetch(endpoint).then(() => false, () => fetch(endpoint, { mode: 'no-cors' }).then(() => true, () => false));
      throw failure;
    }
    onRetry(n + 1);
    await new Promise((resolve, reject) => {
      const wait = setTimeout(resolve, delay);
      signal.addEventListener('abort', () => (clearTimeout(wait), reject(signal.reason)), { once: true });
    });
  }
}
