/**
 * Recovery after a reconnect: a client that connects with `last_event_id` first receives the
 * events it missed from the bus history, in order and through its filters and a throttle of its
 * own, then the `recovery` frame saying whether the history was complete, then the live events
 * that arrived meanwhile (held by the hub) minus those the history already contained.
 */
import type { Logger } from "../log.ts";
import type { HistoryPage, NotificationBus } from "../notify/notification_bus.ts";
import type { ClientHub } from "./client_hub.ts";
import { createEventThrottle } from "./event_throttle.ts";
import { matchesFilters } from "./subscription_filters.ts";
import { encodeEvent, encodeRecovery } from "./wire.ts";
import type { WsClient } from "./ws_client.ts";

/** Replays to `client`, which must already be registered with `held` set to a list. */
export async function replayMissed(
  client: WsClient,
  lastEventId: string,
  { bus, hub, throttleIntervals, process, log }: {
    bus: NotificationBus;
    hub: ClientHub;
    throttleIntervals: Readonly<Record<string, number>>;
    process: string;
    log: Logger;
  },
): Promise<void> {
  let page: HistoryPage = { events: [], complete: false };
  try {
    page = await bus.history(lastEventId);
  } catch (error) {
    log.warn("could not read the notification history for a reconnecting client", { error });
  }
  const throttle = createEventThrottle(throttleIntervals);
  const replayed = new Set<string>();
  let count = 0;
  for (const notification of page.events) {
    replayed.add(notification._id);
    if (!matchesFilters(client.args, notification.filters) || !throttle(notification)) continue;
    if (hub.sendEvent(client, encodeEvent(notification))) count += 1;
  }
  if (client.closed) return;
  client.send(encodeRecovery({ complete: page.complete, count, process }));
  const held = client.held ?? [];
  client.held = undefined;
  for (const notification of held) {
    if (replayed.has(notification._id) || !matchesFilters(client.args, notification.filters)) {
      continue;
    }
    hub.sendEvent(client, encodeEvent(notification));
  }
}
