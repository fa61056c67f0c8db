/**
 * The notification message: Superdesk's `{event, extra, _created, _process}` (superdesk.md §6)
 * plus an `_id` that orders events and lets a reconnecting WebSocket client ask for what it
 * missed. `filters` travel with the event to the WebSocket role and are stripped before a
 * message reaches a client.
 */
import { dateToWire, withWireDates } from "../wire_date.ts";

/**
 * Delivery rules, as Superdesk's `push_notification(filters=...)`: maps of a client's
 * subscription argument (from `/subscribe?k=v`) to the values that are allowed (`include`) or
 * refused (`exclude`). Values compare as strings.
 */
export interface NotificationFilters {
  include?: Record<string, unknown[]>;
  exclude?: Record<string, unknown[]>;
}

/** One event on the bus. Everything in it survives a JSON round trip. */
export interface Notification {
  /** Bus-assigned, unique, increasing per publisher; the replay cursor. */
  _id: string;
  /** The event name, e.g. `resource:updated`, `item:lock`. */
  event: string;
  /** The event payload, e.g. `{resource, _id, fields}`. */
  extra: Record<string, unknown>;
  /**
   * When the publisher built the event, in the wire date form (`2026-01-01T09:30:00+0000`); the
   * throttle judges by it, as Superdesk does.
   */
  _created: string;
  /** Which process published it (Superdesk sends the pid). */
  _process: string;
  filters?: NotificationFilters;
  /** The publisher's W3C trace context; stripped, like `filters`, before reaching a client. */
  traceparent?: string;
}

/** A notification before the bus gives it an id. */
export type NotificationDraft = Omit<Notification, "_id">;

/** Builds the draft the buses share, so both serialise `extra` the same way (JSON). */
export function createDraft(
  event: string,
  extra: Record<string, unknown>,
  { filters, traceparent, process, now = new Date() }: {
    filters?: NotificationFilters;
    traceparent?: string;
    process: string;
    now?: Date;
  },
): NotificationDraft {
  if (!event) throw new TypeError("A notification needs an event name");
  const draft: NotificationDraft = {
    event,
    extra: JSON.parse(JSON.stringify(withWireDates(extra ?? {}))),
    _created: dateToWire(now)!,
    _process: process,
  };
  if (filters && (filters.include || filters.exclude)) {
    draft.filters = JSON.parse(JSON.stringify(filters));
  }
  if (traceparent) draft.traceparent = traceparent;
  return draft;
}

/** The default `_process` value: the pid, as Superdesk sends it. */
export function currentProcessName(): string {
  return String(Deno.pid);
}
