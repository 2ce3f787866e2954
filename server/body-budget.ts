/**
 * The bytes of request bodies held in memory at once, for the whole process and per client address,
 * counted as they arrive. Without it, each body is bounded (`MAX_TOTAL_BYTES`) but their number is
 * not: many uploads at once could exhaust the process's memory.
 */
export class BodyBudget {
  #used = 0;
  readonly #byClient = new Map<string, number>();

  constructor(
    /** Bytes for every in-flight body together. */
    readonly total: number,
    /** Bytes for the bodies of one client address, so that one address cannot take the whole budget. */
    readonly perClient: number,
  ) {}

  /** Bytes held now (for tests and monitoring). */
  get used(): number {
    return this.#used;
  }

  /** Whether `bytes` more would fit now, for this client and overall. */
  fits(client: string, bytes: number): boolean {
    return this.#used + bytes <= this.total && (this.#byClient.get(client) ?? 0) + bytes <= this.perClient;
  }

  /** A hold for one request's body: it grows chunk by chunk and is given back once, whatever happens. */
  open(client: string): BodyHold {
    let held = 0;
    let released = false;
    return {
      take: (bytes) => {
        if (released || !this.fits(client, bytes)) return false;
        held += bytes;
        this.#add(client, bytes);
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        this.#add(client, -held);
        held = 0;
      },
    };
  }

  #add(client: string, bytes: number): void {
    this.#used += bytes;
    const now = (this.#byClient.get(client) ?? 0) + bytes;
    // Only clients with a body in flight stay in the map, so it never grows with the number of visitors.
    if (now > 0) this.#byClient.set(client, now);
    else this.#byClient.delete(client);
  }
}

export interface BodyHold {
  /** Counts `bytes` more that arrived, or refuses (false) when they do not fit. */
  take(bytes: number): boolean;
  /** Gives back everything taken; later calls do nothing. */
  release(): void;
}
