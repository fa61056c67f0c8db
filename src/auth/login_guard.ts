/**
 * The brute-force policy of `POST /api/auth_db`, built so that strangers cannot lock a known
 * user out (10 failures used to lock a username from every address, the administrator's
 * included). Failed attempts are counted per client address and username (per minute), per
 * client address over all usernames (per minute), and per username over every address the user
 * has not logged in from successfully in the last 30 days (per hour). So a guesser is stopped
 * on each address quickly, a distributed guesser on one account within the hour, while the
 * user's own known addresses keep working; a user on a new address during such an attack waits
 * for the hour to end.
 */
import type { Collection } from "../storage/document_store.ts";
import type { LoginRateLimiter, RateLimitVerdict } from "./login_rate_limiter.ts";

/** Limits of the policy. */
export interface LoginLimits {
  /** Failures per address and username per minute (`LOGIN_RATE_LIMIT_PER_MINUTE`). */
  perAddressAndUser: number;
  /** Failures per address over all usernames per minute (`LOGIN_ADDRESS_LIMIT_PER_MINUTE`). */
  perAddress: number;
  /** Failures per username from unknown addresses per hour (`LOGIN_USER_LIMIT_PER_HOUR`). */
  perUserFromUnknownAddresses: number;
}

/** One login attempt's place in the counters. */
export interface Admission {
  /** The verdict that refused the attempt (429 with its `Retry-After`), if one did. */
  refused?: RateLimitVerdict;
  /** Counters the attempt used, given back if it succeeds. */
  counterIds: string[];
}

/** Admits or refuses attempts; remembers the addresses of successful logins. */
export interface LoginGuard {
  admit(username: string, address: string): Promise<Admission>;
  succeeded(username: string, address: string, admission: Admission): Promise<void>;
}

/** `guard` counting a username under `key(username)`: names that sign in as one account. */
export function keyedLoginGuard(guard: LoginGuard, key: (username: string) => string): LoginGuard {
  return {
    admit: (username, address) => guard.admit(key(username), address),
    succeeded: (username, address, admission) => guard.succeeded(key(username), address, admission),
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How long an address stays known after a successful login from it. */
export const KNOWN_ADDRESS_MS = 30 * 24 * HOUR;

/** Creates the guard over the limiter and the collection it counts in. */
export function createLoginGuard(
  limiter: LoginRateLimiter,
  counters: Collection,
  limits: LoginLimits,
  { now = Date.now }: { now?: () => number } = {},
): LoginGuard {
  const knownId = (user: string, address: string) => `known:${user}|${address}`.slice(0, 400);
  return {
    async admit(username, address) {
      const user = username.toLowerCase();
      const known = await counters.findOne({ _id: knownId(user, address) });
      const verdicts = [
        await limiter.hit(`pair:${address}|${user}`, {
          limit: limits.perAddressAndUser,
          windowMs: MINUTE,
        }),
        await limiter.hit(`addr:${address}`, { limit: limits.perAddress, windowMs: MINUTE }),
      ];
      if (!known || Number(known.expires) < now()) {
        verdicts.push(
          await limiter.hit(`user:${user}`, {
            limit: limits.perUserFromUnknownAddresses,
            windowMs: HOUR,
          }),
        );
      }
      return {
        refused: verdicts.find((verdict) => !verdict.allowed),
        counterIds: verdicts.flatMap(({ counterId }) => counterId ? [counterId] : []),
      };
    },
    async succeeded(username, address, admission) {
      for (const counterId of admission.counterIds) await limiter.refund(counterId);
      const _id = knownId(username.toLowerCase(), address);
      const expires = now() + KNOWN_ADDRESS_MS;
      if (!(await counters.updateOne({ _id }, { $set: { expires } }))) {
        await counters.insertMany([{ _id, expires }]).catch(() => {}); // a concurrent login won
      }
    },
  };
}
