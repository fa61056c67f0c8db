/**
 * Engine pings shared between callers, for public reports (`/api/system/health`, `/ready`) that
 * anyone may ask for as often as they like: callers while a round of pings is out get that
 * round's answer, and an answer stays for `maxAgeMs` after it came, so however many requests
 * arrive, each engine gets at most one ping in flight and about one per `maxAgeMs`.
 */
import type { EngineStatus } from "./engine_status.ts";

/**
 * How long a round of pings answers later callers: a load balancer probing `/ready` every few
 * seconds always gets a fresh round, while a burst of requests (many balancers, or anyone: the
 * routes are public) costs each engine at most four pings a second.
 */
export const SHARED_READINESS_MS = 250;

/** `readiness` (pings, or any report), each round shared by concurrent callers and reused for `maxAgeMs`. */
export function sharedReadiness<T = EngineStatus[]>(
  readiness: () => Promise<T>,
  { maxAgeMs = SHARED_READINESS_MS, now = () => performance.now() }: {
    maxAgeMs?: number;
    /** The clock (milliseconds, monotonic). */
    now?: () => number;
  } = {},
): () => Promise<T> {
  let pending: Promise<T> | undefined;
  let last: { at: number; statuses: T } | undefined;
  return () => {
    if (pending) return pending;
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.statuses);
    pending = readiness().then(
      (statuses) => {
        last = { at: now(), statuses };
        return statuses;
      },
    ).finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
