/**
 * The notification-bus seam (DESIGN.md §2): any role publishes events, every `ws` instance
 * receives them, and a bounded history lets a reconnecting client recover what it missed.
 * Implementations: `redis/redis_notification_bus.ts` (pub/sub plus a capped stream, for several
 * processes) and `memory/memory_notification_bus.ts` (BroadcastChannel, one process with its
 * Web Worker threads). Both pass tests/contracts/notification_bus_contract.ts.
 */
import type { EngineStatus } from "../engines/engine_status.ts";
import type { Notification, NotificationFilters } from "./notification.ts";

/** Called once per event, in bus order. Exceptions are logged, never propagated. */
export type NotificationListener = (notification: Notification) => void;

/** Options of `publish`. */
export interface PublishOptions {
  /** Superdesk's delivery rules; see NotificationFilters. */
  filters?: NotificationFilters;
  /** The publisher's W3C trace context; the ws role continues the trace when it delivers. */
  traceparent?: string;
}

/** What `history` found after a cursor. */
export interface HistoryPage {
  /** The retained events after the cursor, oldest first. */
  events: Notification[];
  /** False when events after the cursor may have been dropped (too old, or unknown id). */
  complete: boolean;
}

/** Publish and receive notifications; replay recent ones. */
export interface NotificationBus {
  /** Assigns an id, records the event in the history and delivers it to every subscriber. */
  publish(
    event: string,
    extra?: Record<string, unknown>,
    options?: PublishOptions,
  ): Promise<Notification>;
  /** Receives every event published from now on, by any publisher; returns the unsubscribe. */
  subscribe(listener: NotificationListener): () => void;
  /** The retained events published after `afterId` (exclusive), oldest first. */
  history(afterId: string): Promise<HistoryPage>;
  /** Reachability of the engine behind the bus (seam `bus`). */
  ping(): Promise<EngineStatus>;
  /** Stops delivery and releases connections; idempotent. */
  close(): Promise<void>;
}
