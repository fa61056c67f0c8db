/**
 * Fixed-window counters of login attempts kept in the document store, so every API process
 * shares them. One counter document per key per window; each attempt increments it with a
 * compare-and-set `updateOne` before the password is checked, so a burst of concurrent attempts
 * cannot slip past the limit. A successful login gives its attempts back, so only failed
 * attempts use up an allowance. Each `hit` names its own limit and window (per minute, per
 * hour); documents are removed once their window has passed.
 */
import { type Collection, DuplicateKeyError } from "../storage/document_store.ts";

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

/** Compare-and-set rounds before a heavily contended attempt is refused. */
const MAX_ROUNDS = 20;

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
      try {
        await counters.insertMany([{ _id: counterId, window, count: 1, expires: ends }]);
        await counters.deleteMany({ expires: { $lt: time } });
        return { allowed: true, retryAfterSeconds, counterId };
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const counter = await counters.findOne({ _id: counterId });
        const count = Number(counter?.count ?? 0);
        if (count >= limit) return { allowed: false, retryAfterSeconds };
        const next = await counters.updateOne({ _id: counterId, count }, {
          $set: { count: count + 1 },
        });
        if (next) return { allowed: true, retryAfterSeconds, counterId };
      }
      return { allowed: false, retryAfterSeconds };
    },
    async refund(counterId) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const counter = await counters.findOne({ _id: counterId });
        const count = Number(counter?.count ?? 0);
        if (count <= 0) return;
        if (await counters.updateOne({ _id: counterId, count }, { $set: { count: count - 1 } })) {
          return;
        }
      }
    },
  };
}
