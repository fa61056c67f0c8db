/**
 * Single-flight locks (one ingest run per provider, one expiry sweep): a LockService stores
 * token-owned leases with a TTL; `withLock` renews the lease while its function runs and
 * releases it only if the token still owns it. The owner is one call on one thread.
 */

/** Token-owned leases in a shared engine. */
export interface LockService {
  /** A fresh owner token when the lock was free (or expired), else null. */
  acquire(name: string, ttlMs: number): Promise<string | null>;
  /** Extends the lease; false when `token` no longer owns the lock. */
  renew(name: string, token: string, ttlMs: number): Promise<boolean>;
  /** Frees the lock if `token` still owns it; false otherwise. */
  release(name: string, token: string): Promise<boolean>;
}

/** The outcome of `withLock`: the function's value, or a note that somebody else held it. */
export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Runs `fn` while holding lock `name`, or returns `{ acquired: false }` at once if it is held.
 * The lease is renewed every ttl/3; if a renewal finds the lock lost, `fn`'s signal is aborted.
 */
export async function withLock<T>(
  locks: LockService,
  name: string,
  ttlMs: number,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<LockOutcome<T>> {
  const token = await locks.acquire(name, ttlMs);
  if (token === null) return { acquired: false };
  const lost = new AbortController();
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = locks.renew(name, token, ttlMs).then(
      (held) => held || lost.abort(new Error(`Lock "${name}" was lost while held`)),
      (error) => lost.abort(error),
    );
  }, Math.max(1, Math.floor(ttlMs / 3)));
  try {
    return { acquired: true, value: await fn(lost.signal) };
  } finally {
    clearInterval(timer);
    await renewing;
    await locks.release(name, token);
  }
}
