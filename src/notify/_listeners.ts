/**
 * The subscriber set both buses share: adding, removing and delivering to listeners so that one
 * throwing listener neither stops the others nor breaks the bus.
 */
import type { Logger } from "../log.ts";
import type { Notification } from "./notification.ts";
import type { NotificationListener } from "./notification_bus.ts";

/** A set of listeners with safe delivery. */
export interface ListenerSet {
  add(listener: NotificationListener): () => void;
  deliver(notification: Notification): void;
  clear(): void;
  /** How many listeners there are. */
  readonly size: number;
}

/** Creates an empty listener set that logs listener failures on `log`. */
export function createListenerSet(log: Logger): ListenerSet {
  const listeners = new Set<NotificationListener>();
  return {
    add(listener) {
      const entry: NotificationListener = (notification) => listener(notification);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    deliver(notification) {
      for (const listener of [...listeners]) {
        try {
          listener(notification);
        } catch (error) {
          log.error("notification listener failed", { event: notification.event, error });
        }
      }
    },
    clear: () => listeners.clear(),
    get size() {
      return listeners.size;
    },
  };
}
