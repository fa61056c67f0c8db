/**
 * The embedded notification bus: an in-process `BroadcastChannel`, so Web Worker threads of the
 * same process can publish to the `ws` role in the main thread, and a bounded in-memory history
 * for replay. Each bus instance keeps the history of what it saw (its own publications and the
 * others'), in arrival order.
 *
 * Ids are `<ms>-<seq>-<origin>`: increasing per publisher, and unique across threads through
 * the random `origin` of each bus instance (threads cannot share a counter here).
 *
 * What a thread publishes during one turn of its event loop goes to the other threads as one
 * message (a JSON array, in publication order): a channel message costs every thread of the
 * process a wake-up and a dispatch, and a worker completing a batch of queue entries publishes
 * one notification per entry. The publisher's own listeners get each event at once.
 *
 * A bus created with `replay: false` (a thread that hosts no WebSocket role, such as a task
 * worker) keeps no history and leaves the other threads' messages unparsed while nothing in its
 * thread listens: with several threads publishing, parsing what nobody reads cost each worker
 * about a tenth of its time.
 */
import { setImmediate } from "node:timers";
import { measureStatus } from "../../engines/engine_status.ts";
import { type Logger, silentLogger } from "../../log.ts";
import { createListenerSet } from "../_listeners.ts";
import { createDraft, currentProcessName, type Notification } from "../notification.ts";
import type { NotificationBus } from "../notification_bus.ts";
import { BoundedHistory } from "./_bounded_history.ts";

/** Options of the memory bus; every bus of a process that should talk shares `channelName`. */
export interface MemoryNotificationBusOptions {
  channelName?: string;
  /** Most events kept for replay. */
  historySize?: number;
  /** Oldest event kept for replay, in milliseconds. */
  historyMaxAgeMs?: number;
  /**
   * False: keep no history (`history()` answers nothing, incomplete), for a thread whose bus no
   * WebSocket role replays from; messages from other threads are then read only for listeners.
   */
  replay?: boolean;
  /** The `_process` of published events; defaults to the pid. */
  process?: string;
  log?: Logger;
  /** The clock, for tests of age eviction. */
  now?: () => number;
}

/** Creates a bus on the in-process BroadcastChannel `channelName`. */
export function createMemoryNotificationBus(
  {
    channelName = "superdesk-notifications",
    historySize = 1000,
    historyMaxAgeMs = 3_600_000,
    replay = true,
    process = currentProcessName(),
    log = silentLogger,
    now = Date.now,
  }: MemoryNotificationBusOptions = {},
): NotificationBus {
  const history = replay
    ? new BoundedHistory({ size: historySize, maxAgeMs: historyMaxAgeMs, now })
    : undefined;
  const listeners = createListenerSet(log);
  const channel = new BroadcastChannel(channelName);
  const origin = crypto.randomUUID().slice(0, 8);
  let lastMs = 0;
  let seq = 0;
  let closed = false;
  /** Serialised notifications published this turn, not yet posted to the other threads. */
  let outbox: string[] = [];

  const receive = (notification: Notification) => {
    history?.append(notification);
    listeners.deliver(notification);
  };
  channel.onmessage = (message: MessageEvent) => {
    if (closed || typeof message.data !== "string") return;
    if (!history && listeners.size === 0) return;
    try {
      const received: Notification | Notification[] = JSON.parse(message.data);
      for (const notification of Array.isArray(received) ? received : [received]) {
        receive(notification);
      }
    } catch (error) {
      log.error("unreadable message on the notification channel", { error });
    }
  };
  const post = () => {
    if (outbox.length === 0) return;
    channel.postMessage(outbox.length === 1 ? outbox[0] : `[${outbox.join(",")}]`);
    outbox = [];
  };

  const nextId = () => {
    const ms = Math.max(now(), lastMs);
    seq = ms === lastMs ? seq + 1 : 0;
    lastMs = ms;
    return `${ms}-${seq}-${origin}`;
  };

  return {
    publish(event, extra = {}, { filters, traceparent } = {}) {
      if (closed) return Promise.reject(new Error("The notification bus is closed"));
      const draft = createDraft(event, extra, {
        filters,
        traceparent,
        process,
        now: new Date(now()),
      });
      const notification: Notification = { _id: nextId(), ...draft };
      if (outbox.push(JSON.stringify(notification)) === 1) setImmediate(post);
      receive(notification);
      return Promise.resolve(notification);
    },
    subscribe: (listener) => listeners.add(listener),
    history: (afterId) =>
      Promise.resolve(history ? history.after(afterId) : { events: [], complete: false }),
    ping: () => measureStatus("bus", "memory", () => Promise.resolve(Deno.version.deno)),
    close() {
      if (!closed) {
        post();
        closed = true;
        listeners.clear();
        channel.close();
      }
      return Promise.resolve();
    },
  };
}
