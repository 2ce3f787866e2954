import type { Context } from 'hono';

/**
 * A sliding-window log per client: the times of the admitted requests within the window. Exact
 * (no burst at a fixed window's edge) and small: at most `limit` numbers per address.
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, number[]>();
  #lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * Admits and counts a request, or says how many seconds until the oldest one leaves the window.
   * `refund()` takes an admitted request back out of the count (once), for a refusal that was not the
   * client's doing.
   */
  take(client: string): { ok: true; refund(): void } | { ok: false; retryAfter: number } {
    const now = this.now();
    this.#sweep(now);
    const since = now - this.windowMs;
    const hits = (this.#hits.get(client) ?? []).filter((t) => t > since);
    if (hits.length >= this.limit) {
      this.#hits.set(client, hits);
      return { ok: false, retryAfter: Math.max(1, Math.ceil((hits[0]! + this.windowMs - now) / 1000)) };
    }
    hits.push(now);
    this.#hits.set(client, hits);
    let refunded = false;
    return {
      ok: true,
      refund: () => {
        if (refunded) return;
        refunded = true;
        // The client's current log (a later take may have replaced the array); gone already if it left the window.
        const current = this.#hits.get(client);
        const i = current?.lastIndexOf(now) ?? -1;
        if (i === -1) return;
        current!.splice(i, 1);
        if (!current!.length) this.#hits.delete(client);
      },
    };
  }

  /** Seconds until `client` would be admitted, 0 if now; counts nothing. */
  wait(client: string): number {
    const now = this.now();
    const hits = (this.#hits.get(client) ?? []).filter((t) => t > now - this.windowMs);
    return hits.length >= this.limit ? Math.max(1, Math.ceil((hits[0]! + this.windowMs - now) / 1000)) : 0;
  }

  /** Forgets clients whose last request left the window, once per window, so memory follows active clients. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < this.windowMs) return;
    this.#lastSweep = now;
    for (const [client, hits] of this.#hits) if (hits[hits.length - 1]! <= now - this.windowMs) this.#hits.delete(client);
  }
}

/**
 * The unit a limit applies to: an IPv4 address, or an IPv6 /64 (one household or phone is given a
 * whole /64, so counting single IPv6 addresses would not limit anyone).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The unit a request is limited by: its TCP peer, or behind a trusted proxy the last `X-Forwarded-For` entry. */
export function clientOf(c: Context, trustProxy: boolean, peerAddress: (c: Context) => string): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').pop()?.trim() : undefined;
  return clientKey(forwarded || peerAddress(c));
}
