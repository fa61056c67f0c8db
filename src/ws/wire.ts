/**
 * What goes on the socket, as JSON text frames:
 * - an event: Superdesk's `{event, extra, _created, _process}` plus `_id` (filters stripped);
 * - the keepalive `{ping: n, clients: count}` every ping interval, as Superdesk sends it;
 * - after a replay, `{event: "recovery", extra: {complete, count}, _created, _process}`: shaped as
 *   an event so the Superdesk client dispatches it like any other and ignores it.
 */
import type { Notification } from "../notify/notification.ts";
import { dateToWire } from "../wire_date.ts";

/** The frame for `notification`, without its delivery filters. */
export function encodeEvent(notification: Notification): string {
  const { _id, event, extra, _created, _process } = notification;
  return JSON.stringify({ event, extra, _created, _process, _id });
}

/** The frame that ends a replay: was it complete, and how many events were sent. */
export function encodeRecovery(
  { complete, count, process }: { complete: boolean; count: number; process: string },
): string {
  return JSON.stringify({
    event: "recovery",
    extra: { complete, count },
    _created: dateToWire(new Date()),
    _process: process,
  });
}

/** Superdesk's application-level keepalive frame. */
export function encodePing(ping: number, clients: number): string {
  return JSON.stringify({ ping, clients });
}
