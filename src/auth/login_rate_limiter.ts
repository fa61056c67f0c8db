/**
 * Fixed-window counters of login attempts kept in the document store, so every API process
 * shares them. One counter document per key per window; each attempt increments it with the
 * store's atomic `incrementOne` (created by the first) before the password is checked, so a
 * burst of concurrent attempts is counted exactly: none slips past the limit and none is refused
 * for losing a race (an attempt past it gives its count back). A successful login gives its attempt
 * back, so only failed
 * attempts use up an allowance. Each `hit` names its own limit and window (per minute, per
 * hour); documents are removed once their window has passed.
 */
import type { Collection } from "../storage/document_store.ts";

/** The outcome of one attempt. */
export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds until the current window ends (for `Retry-After`). */
  retryAfterSeconds: number;
  /** The counter that was incremented, for `refund`; absent when the attempt was refused. */
  counterId?: string;
}

/** How many attempts a key allows per window. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Counts attempts per key. */
export interface LoginRateLimiter {
  /** Records an attempt for `key` and says whether it is within `rule` (default: the limiter's). */
  hit(key: string, rule?: RateLimitRule): Promise<RateLimitVerdict>;
  /** Gives back an attempt counted by `hit` (after a successful login). */
  refund(counterId: string): Promise<void>;
}

export interface LoginRateLimiterOptions {
  /** Attempts allowed per key per window, unless a `hit` says otherwise. */
  limit: number;
  windowMs?: number;
  now?: () => number;
}

/** Creates a limiter over `counters` (a collection holding nothing else). */
export function createLoginRateLimiter(
  counters: Collection,
  { limit: defaultLimit, windowMs: defaultWindowMs = 60_000, now = Date.now }:
    LoginRateLimiterOptions,
): LoginRateLimiter {
  return {
    async hit(key, { limit, windowMs } = { limit: defaultLimit, windowMs: defaultWindowMs }) {
      const time = now();
      const window = Math.floor(time / windowMs);
      const ends = (window + 1) * windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((ends - time) / 1000));
      const counterId = `${key.slice(0, 300)}|${windowMs}|${window}`;
      const counter = await counters.incrementOne(counterId, "count", 1, {
        insert: { window, expires: ends },
      });
      const count = Number(counter?.count);
      // The window's first attempt removes the counters of windows that have passed.
      if (count === 1) await counters.deleteMany({ expires: { $lt: time } });
      if (count <= limit) return { allowed: true, retryAfterSeconds, counterId };
      // A refused attempt checks no password: it gives its count back, as a success does.
      await counters.incrementOne(counterId, "count", -1);
      return { allowed: false, retryAfterSeconds };
    },
    async refund(counterId) {
      await counters.incrementOne(counterId, "count", -1);
    },
  };
}
