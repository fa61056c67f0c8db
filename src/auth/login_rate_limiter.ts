/**
 * Fixed-window login rate limiting kept in the document store, so every API process shares the
 * counters. One counter document per key (a username or a client address) per minute; each
 * attempt increments it with a compare-and-set `updateOne` before the password is checked, so a
 * burst of concurrent attempts cannot slip past the limit. A successful login gives its attempt
 * back, so only failed attempts use up the allowance.
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

/** Counts attempts per key. */
export interface LoginRateLimiter {
  /** Records an attempt for `key` and says whether it is within the limit. */
  hit(key: string): Promise<RateLimitVerdict>;
  /** Gives back an attempt counted by `hit` (after a successful login). */
  refund(counterId: string): Promise<void>;
}

export interface LoginRateLimiterOptions {
  /** Attempts allowed per key per window. */
  limit: number;
  windowMs?: number;
  now?: () => number;
}

/** Compare-and-set rounds before a heavily contended attempt is refused. */
const MAX_ROUNDS = 20;

/** Creates a limiter over `counters` (a collection holding nothing else). */
export function createLoginRateLimiter(
  counters: Collection,
  { limit, windowMs = 60_000, now = Date.now }: LoginRateLimiterOptions,
): LoginRateLimiter {
  return {
    async hit(key) {
      const time = now();
      const window = Math.floor(time / windowMs);
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - time) / 1000));
      const counterId = `${key.slice(0, 200)}|${window}`;
      try {
        await counters.insertMany([{ _id: counterId, window, count: 1 }]);
        await counters.deleteMany({ window: { $lt: window - 1 } });
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
