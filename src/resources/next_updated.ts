import { epochMs } from "../epoch_ms.ts";

/**
 * `_updated` of a new write to an existing document: now, but always at least 1 ms after the
 * previous write's, even when this host's clock is behind the one that wrote it. So `_updated`
 * strictly orders the writes of one document, and the search index can keep the newest copy
 * whatever order concurrent writers' index requests arrive in (see `searchVersion`).
 */
export function nextUpdated(previous: unknown, now: Date = new Date()): Date {
  const previousMs = epochMs(previous);
  return Number.isFinite(previousMs) && previousMs >= now.getTime()
    ? new Date(previousMs + 1)
    : now;
}
