/**
 * Caches token → actor for a few seconds, so an authenticated request costs no session, user
 * and role reads (they were half the CPU of a GET item). Entries are dropped at once when the
 * bus announces a change that could revoke them — the session ended, the user was updated or
 * deleted, any role changed — from any process; an answer read while a revocation arrived is not
 * kept; the TTL bounds staleness if an event is lost. Requests with the same token share one
 * running lookup (when an entry expires under load they would all read at once).
 */
import type { Authenticator } from "../http/middleware/authenticate.ts";
import type { Notification } from "../notify/notification.ts";
import { SESSION_END_EVENT } from "../notify/session_end_event.ts";
import type { NotificationBus } from "../notify/notification_bus.ts";
import type { Actor } from "../resources/actor.ts";

export interface CachedAuthenticatorOptions {
  bus: NotificationBus;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * The cached authenticator; `known` answers a cached token synchronously; `revoke` applies an
 * event of this process before the bus echoes it.
 */
export type CachedAuthenticator = Authenticator & {
  known(token: string): Actor | undefined;
  revoke(event: string, extra: Record<string, unknown>): void;
  close(): void;
};

/**
 * Wraps `authenticate` with the cache; `close` unsubscribes. Events reach it from the bus (every
 * process) and through `revoke` (this process, before its write is answered: a Redis bus echoes
 * a process's own events only after a round trip).
 */
export function cachedAuthenticator(
  authenticate: Authenticator,
  { bus, ttlMs = 5_000, maxEntries = 10_000, now = Date.now }: CachedAuthenticatorOptions,
): CachedAuthenticator {
  const cache = new Map<string, { actor: Actor; expiresAt: number }>();
  const dropWhere = (test: (actor: Actor) => boolean) => {
    for (const [token, entry] of cache) if (test(entry.actor)) cache.delete(token);
  };
  /** Counts revocations, so a read that overlapped one is answered but not cached. */
  let revocations = 0;
  const revoke = (event: string, extra: Record<string, unknown>) => {
    const resource = event.startsWith("resource:") ? extra.resource : undefined;
    if (event === SESSION_END_EVENT) {
      revocations++;
      dropWhere((actor) => actor.sessionId === extra.session);
    } else if (resource === "roles") {
      revocations++;
      cache.clear();
    } else if (resource === "users") {
      revocations++;
      dropWhere((actor) => actor.userId === extra._id);
    }
  };
  const unsubscribe = bus.subscribe(({ event, extra }: Notification) => revoke(event, extra));
  /** Lookups running now, shared by requests with the same token until a revocation. */
  const running = new Map<string, { seen: number; actor: Promise<Actor | null> }>();
  const known = (token: string) => {
    const hit = cache.get(token);
    return hit && hit.expiresAt > now() ? hit.actor : undefined;
  };
  const cached = async (token: string) => {
    const hit = known(token);
    if (hit) return hit;
    cache.delete(token);
    const shared = running.get(token);
    if (shared && shared.seen === revocations) return await shared.actor;
    const seen = revocations;
    const lookup = authenticate(token);
    running.set(token, { seen, actor: lookup });
    let actor: Actor | null;
    try {
      actor = await lookup;
    } finally {
      if (running.get(token)?.actor === lookup) running.delete(token);
    }
    if (actor && ttlMs > 0 && seen === revocations) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(token, { actor, expiresAt: now() + ttlMs });
    }
    return actor;
  };
  return Object.assign(cached, { known, revoke, close: unsubscribe });
}
