/**
 * `notify()`: what services call after a committed write. A notification is a hint to clients,
 * so a bus failure is logged and must not fail the write that triggered it (Superdesk drops
 * the event with a warning too, superdesk.md §6).
 */
import type { Logger } from "../log.ts";
import type { Notification } from "./notification.ts";
import type { NotificationBus, PublishOptions } from "./notification_bus.ts";

/** Publishes `event` on `bus`; resolves to the notification, or undefined after logging a failure. */
export async function notify(
  bus: NotificationBus,
  event: string,
  extra: Record<string, unknown> = {},
  { filters, log }: PublishOptions & { log: Logger },
): Promise<Notification | undefined> {
  try {
    return await bus.publish(event, extra, { filters });
  } catch (error) {
    log.warn("Dropping notification: the bus did not accept it", { event, error });
    return undefined;
  }
}
