/** The verdict on one request: allowed, or refused with the seconds until the window resets. */
export type RateVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Settings of a fixed-window rate limiter. */
export interface RateLimitSettings {
  readonly max: number;
  readonly windowMs: number;
}

interface Window {
  readonly startMs: number;
  count: number;
}

/** Counts requests per key in fixed windows on an injectable clock. */
export class RateLimiter {
  readonly #settings: RateLimitSettings;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();

  /** Creates a limiter on the given clock. */
  constructor(settings: RateLimitSettings, now: () => number) {
    this.#settings = settings;
    this.#now = now;
  }

  /** Counts one request for key and says whether it is within the limit. */
  hit(key: string): RateVerdict {
    const now = this.#now();
    if (this.#windows.size > 10_000) this.#sweep(now);
    let window = this.#windows.get(key);
    if (
      window === undefined ||
      now - window.startMs >= this.#settings.windowMs ||
      now < window.startMs
    ) {
      window = { startMs: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.#settings.max) return { allowed: true };
    const remainingMs = window.startMs + this.#settings.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.startMs >= this.#settings.windowMs) this.#windows.delete(key);
    }
  }
}
