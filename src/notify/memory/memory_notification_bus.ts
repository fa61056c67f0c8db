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
 *
 * The buses of a channel tell each other whether they listen (keep a history or have listeners):
 * `~<origin>:1`, `~<origin>:0`, or `~<origin>:x` when closing, said at creation, on every change,
 * and to each bus heard of for the first time. A bus created with `onlyToListeners` posts only
 * while another bus of the channel listens: the API thread's events then stay off the worker
 * threads, which mostly do not listen. A bus that starts listening is heard of a moment later;
 * what such a bus publishes meanwhile does not reach it.
 *
 * In a task worker thread linked to its spawning thread (`thread_link.ts`), a bus sends its events
 * over the link to the spawning thread's first bus of the channel, its host, instead of the
 * channel: only that thread keeps a history and serves WebSocket clients. The host passes them on
 * to the channel while another bus listens; a bus skips its own events coming back that way.
 */
import { setImmediate } from "node:timers";
import { measureStatus } from "../../engines/engine_status.ts";
import { type Logger, silentLogger } from "../../log.ts";
import { createListenerSet } from "../_listeners.ts";
import { createDraft, currentProcessName, type Notification } from "../notification.ts";
import type { NotificationBus } from "../notification_bus.ts";
import { BoundedHistory } from "./_bounded_history.ts";
import { host, sendUp } from "./thread_link.ts";

/** The first character of a control message (a data message is a JSON object or array). */
const CONTROL = "~";

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
  /** Post only while another bus of the channel says it listens (see the module comment). */
  onlyToListeners?: boolean;
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
    onlyToListeners = false,
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
  const ownIdEnd = `-${origin}`;
  let lastMs = 0;
  let seq = 0;
  let closed = false;
  /** Serialised notifications published this turn, not yet posted to the other threads. */
  let outbox: string[] = [];
  /** The other buses of the channel, by origin, and those of them that listen. */
  const peers = new Set<string>();
  const listeningPeers = new Set<string>();
  /** What this bus last said of itself. */
  let said: boolean | undefined;

  /** Says whether this bus listens, when that changed (or always, for a bus just heard of). */
  const say = (always = false) => {
    const listening = history !== undefined || listeners.size > 0;
    if (closed || (!always && listening === said)) return;
    said = listening;
    channel.postMessage(`${CONTROL}${origin}:${listening ? 1 : 0}`);
  };
  const hear = (control: string) => {
    const [peer = "", state] = control.slice(CONTROL.length).split(":");
    const known = peers.has(peer);
    if (state === "x") peers.delete(peer);
    else peers.add(peer);
    if (state === "1") listeningPeers.add(peer);
    else listeningPeers.delete(peer);
    if (!known && state !== "x") say(true);
  };

  const receive = (notification: Notification) => {
    history?.append(notification);
    listeners.deliver(notification);
  };
  /** Receives a data message; true when it was readable. */
  const read = (text: string) => {
    try {
      const received: Notification | Notification[] = JSON.parse(text);
      for (const notification of Array.isArray(received) ? received : [received]) {
        if (!notification._id.endsWith(ownIdEnd)) receive(notification);
      }
      return true;
    } catch (error) {
      log.error("unreadable message on the notification channel", { error });
      return false;
    }
  };
  channel.onmessage = (message: MessageEvent) => {
    if (closed || typeof message.data !== "string") return;
    if (message.data.startsWith(CONTROL)) return hear(message.data);
    if (history || listeners.size > 0) read(message.data);
  };
  /** What a linked worker thread sent up: ours, then the channel's while another bus listens. */
  const unhost = host(channelName, (text) => {
    if (!closed && read(text) && listeningPeers.size > 0) channel.postMessage(text);
  });
  const post = () => {
    if (outbox.length === 0) return;
    const text = outbox.length === 1 ? outbox[0]! : `[${outbox.join(",")}]`;
    outbox = [];
    if (!sendUp(channelName, text)) channel.postMessage(text);
  };

  say();

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
      if (!onlyToListeners || listeningPeers.size > 0) {
        if (outbox.push(JSON.stringify(notification)) === 1) setImmediate(post);
      }
      receive(notification);
      return Promise.resolve(notification);
    },
    subscribe(listener) {
      const remove = listeners.add(listener);
      say();
      return () => {
        remove();
        say();
      };
    },
    history: (afterId) =>
      Promise.resolve(history ? history.after(afterId) : { events: [], complete: false }),
    ping: () => measureStatus("bus", "memory", () => Promise.resolve(Deno.version.deno)),
    close() {
      if (!closed) {
        post();
        channel.postMessage(`${CONTROL}${origin}:x`);
        closed = true;
        unhost();
        listeners.clear();
        channel.close();
      }
      return Promise.resolve();
    },
  };
}
