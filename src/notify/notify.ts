/**
 * `notify()`: what services call after a committed write. A notification is a hint to clients,
 * so a bus failure is logged and must not fail the write that triggered it (Superdesk drops
 * the event with a warning too, superdesk.md §6); nor may a bus that is down (Redis clients
 * queue commands until they reconnect) hold the write: after `waitMs` the write goes on.
 */
import { TIMED_OUT, within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import type { Notification } from "./notification.ts";
import type { NotificationBus, PublishOptions } from "./notification_bus.ts";

/** Publishes `event` on `bus`; resolves to the notification, or undefined after logging why not. */
export async function notify(
  bus: NotificationBus,
  event: string,
  extra: Record<string, unknown> = {},
  { filters, traceparent, log, waitMs = 1000 }: PublishOptions & {
    log: Logger;
    waitMs?: number;
  },
): Promise<Notification | undefined> {
  try {
    const publishing = bus.publish(event, extra, { filters, traceparent });
    // The embedded bus answers at once: no deadline timer for it (one per event cost as much as
    // the publishing itself).
    let settled = false;
    const mark = () => void (settled = true);
    publishing.then(mark, mark);
    await null;
    const outcome = settled ? await publishing : await within(publishing, waitMs);
    if (outcome !== TIMED_OUT) return outcome;
    log.warn("Notification not published in time: the bus is not answering", { event, waitMs });
  } catch (error) {
    log.warn("Dropping notification: the bus did not accept it", { event, error });
  }
  return undefined;
}
