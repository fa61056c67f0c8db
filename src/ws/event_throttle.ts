/**
 * Superdesk's throttle of noisy events (superdesk.md §6): an event whose name has an interval
 * is dropped when the same event name passed less than that interval earlier, judged by the
 * events' own `_created`, not by the clock. Other events always pass.
 */

/** Superdesk's throttled events and their intervals in milliseconds. */
export const SUPERDESK_THROTTLED_EVENTS: Readonly<Record<string, number>> = Object.freeze({
  "ingest:update": 5000,
  "ingest:cleaned": 5000,
  "content:expired": 5000,
  "publish_queue:update": 5000,
});

/** Decides whether an event passes; remembers the passing time of throttled names. */
export type EventThrottle = (event: { event: string; _created: string }) => boolean;

/** Creates a throttle with its own memory; `intervals` maps event name → milliseconds. */
export function createEventThrottle(
  intervals: Readonly<Record<string, number>> = SUPERDESK_THROTTLED_EVENTS,
): EventThrottle {
  const lastPassed = new Map<string, number>();
  return function passes({ event, _created }) {
    const interval = intervals[event] ?? 0;
    if (!interval) return true;
    const created = Date.parse(_created);
    const last = lastPassed.get(event);
    if (last !== undefined && last + interval > created) return false;
    lastPassed.set(event, created);
    return true;
  };
}
