/**
 * Caches token → actor for a few seconds, so an authenticated request costs no session, user
 * and role reads (they were half the CPU of a GET item). Entries are dropped at once when the
 * bus announces a change that could revoke them — the session ended, the user was updated or
 * deleted, any role changed — from any process; the TTL bounds staleness if an event is lost.
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

/** Wraps `authenticate` with the cache; returns it with a `close` that unsubscribes. */
export function cachedAuthenticator(
  authenticate: Authenticator,
  { bus, ttlMs = 5_000, maxEntries = 10_000, now = Date.now }: CachedAuthenticatorOptions,
): Authenticator & { close(): void } {
  const cache = new Map<string, { actor: Actor; expiresAt: number }>();
  const dropWhere = (test: (actor: Actor) => boolean) => {
    for (const [token, entry] of cache) if (test(entry.actor)) cache.delete(token);
  };
  const unsubscribe = bus.subscribe((notification: Notification) => {
    const { event, extra } = notification;
    if (event === SESSION_END_EVENT) dropWhere((actor) => actor.sessionId === extra.session);
    else if (event.startsWith("resource:") && extra.resource === "roles") cache.clear();
    else if (event.startsWith("resource:") && extra.resource === "users") {
      dropWhere((actor) => actor.userId === extra._id);
    }
  });
  const cached = async (token: string) => {
    const hit = cache.get(token);
    if (hit && hit.expiresAt > now()) return hit.actor;
    cache.delete(token);
    const actor = await authenticate(token);
    if (actor && ttlMs > 0) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(token, { actor, expiresAt: now() + ttlMs });
    }
    return actor;
  };
  return Object.assign(cached, { close: unsubscribe });
}
