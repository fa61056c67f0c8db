/**
 * The clients of one `ws` instance and the fan-out to them: each bus event passes the throttle
 * once, is encoded once, and is queued for every client whose subscription matches it (or put
 * into the held list of a client that is still replaying). Also sends the `{ping, clients}`
 * keepalive and disconnects slow clients. Removal is idempotent.
 *
 * Sending goes client by client: each client has an outbox of encoded frames (shared strings,
 * never copied), and the hub keeps the clients with a non-empty outbox in a FIFO. A client's
 * turn sends its whole outbox back to back, so a burst reaches each client as consecutive writes
 * (which its end reads together) instead of one write per event spread over the whole fan-out;
 * events stay in order for every client, and who receives an event is decided when it arrives.
 * `socket.send` only queues a write that Deno performs once the event loop runs again, so
 * beyond `FANOUT_BATCH` sends the hub yields to the event loop between batches
 * (`setImmediate`: a chained `setTimeout(0)` is clamped to 4 ms): writes leave while later
 * batches are queued, and bus messages and requests keep being served.
 */
import { setImmediate } from "node:timers";
import { within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import type { Notification } from "../notify/notification.ts";
import type { EventThrottle } from "./event_throttle.ts";
import { SESSION_ENDED_CLOSE_CODE } from "../notify/session_end_event.ts";
import { filterMatcher } from "./subscription_filters.ts";
import { encodeEvent, encodePing } from "./wire.ts";
import { SLOW_CLIENT_CLOSE_CODE, type WsClient } from "./ws_client.ts";
import type { WsMetrics } from "./ws_metrics.ts";

/** How many groups the keepalive is spread over; `pingNextSlot` runs this often per interval. */
export const PING_SLOTS = 10;

/** Sends queued per turn of the event loop during a fan-out (`bench:ws` at 10,000 clients:
 * 128 gave a lower tail and a faster burst than 32, 256, 512 or 2048). */
export const FANOUT_BATCH = 128;

/**
 * An outbox that held more frames than this is emptied after sending instead of kept for reuse:
 * a rare large burst would otherwise keep its slots (and its frames) for every client for good.
 */
const KEPT_OUTBOX_SLOTS = 32;

/** The client registry and fan-out of one app. */
export class ClientHub {
  #clients = new Set<WsClient>();
  #pings = 0;
  #added = 0;
  #metrics: WsMetrics;
  #log: Logger;
  #throttle: EventThrottle;
  /** Clients with queued frames, in the order their first queued frame arrived, in
   * `#ready[#head, #tail)`; slots are cleared and reused, so queuing allocates nothing once the
   * list has grown. */
  #ready: Array<WsClient | undefined> = [];
  #head = 0;
  #tail = 0;
  /** Frames queued over all outboxes. */
  #queued = 0;
  #draining = false;

  constructor(
    { metrics, log, throttle }: { metrics: WsMetrics; log: Logger; throttle: EventThrottle },
  ) {
    this.#metrics = metrics;
    this.#log = log;
    this.#throttle = throttle;
  }

  /** Connected clients. */
  get size(): number {
    return this.#clients.size;
  }

  /** Registers an open client. */
  add(client: WsClient) {
    if (client.closed || this.#clients.has(client)) return;
    client.pingSlot = this.#added++ % PING_SLOTS;
    this.#clients.add(client);
    this.#metrics.clients.inc();
    this.#log.debug("WebSocket client connected", { userId: client.identity?.userId });
  }

  /** Unregisters a client; safe to call any number of times. */
  remove(client: WsClient) {
    client.markClosed();
    if (!this.#clients.delete(client)) return;
    this.#metrics.clients.dec();
    this.#log.debug("WebSocket client disconnected", { userId: client.identity?.userId });
  }

  /**
   * Delivers a bus event to every matching client; returns how many clients it goes to (sent at
   * once when they are few and nothing is queued, else in batches after this returns).
   */
  broadcast(notification: Notification): number {
    this.#metrics.eventsIn.inc();
    if (!this.#throttle(notification)) {
      this.#metrics.dropped.inc({ reason: "throttled" });
      return 0;
    }
    const matches = notification.filters ? filterMatcher(notification.filters) : undefined;
    const frame = encodeEvent(notification);
    let targets = 0;
    for (const client of this.#clients) {
      if (client.held) client.held.push(notification);
      else if (!matches || matches(client.args)) {
        const slot = client.queued++;
        client.outbox[slot] = frame;
        if (slot === 0) this.#ready[this.#tail++] = client;
        targets += 1;
      }
    }
    this.#queued += targets;
    if (!this.#draining && this.#queued <= FANOUT_BATCH) this.#sendQueued(Infinity);
    else this.#drain();
    return targets;
  }

  /** Sends the queued frames, about `FANOUT_BATCH` per turn of the event loop. */
  #drain() {
    if (this.#draining) return;
    this.#draining = true;
    const turn = () => {
      this.#sendQueued(FANOUT_BATCH);
      if (this.#queued > 0) setImmediate(turn);
      else this.#draining = false;
    };
    setImmediate(turn);
  }

  /** Sends the outboxes of the next clients until `budget` frames went (a client's outbox is
   * sent whole). */
  #sendQueued(budget: number) {
    const ready = this.#ready;
    let sent = 0;
    let taken = 0;
    while (taken < budget && this.#head < this.#tail) {
      const client = ready[this.#head]!;
      ready[this.#head++] = undefined;
      taken += client.queued;
      sent += this.#sendFrames(client, client.outbox, client.queued);
      if (client.queued > KEPT_OUTBOX_SLOTS) client.outbox.length = 0;
      client.queued = 0;
    }
    this.#queued -= taken;
    if (this.#head === this.#tail) {
      this.#head = this.#tail = 0;
    } else if (this.#head >= 4 * FANOUT_BATCH && this.#head * 2 >= this.#tail) {
      ready.copyWithin(0, this.#head, this.#tail);
      ready.fill(undefined, this.#tail - this.#head, this.#tail);
      this.#tail -= this.#head;
      this.#head = 0;
    }
    this.#metrics.eventsOut.inc(undefined, sent);
  }

  /** Sends the first `count` of `frames` to one client, in order; drops the client if sending
   * fails. */
  #sendFrames(client: WsClient, frames: readonly string[], count = frames.length): number {
    try {
      return client.sendAll(frames, count);
    } catch (error) {
      this.#metrics.dropped.inc({ reason: "send_error" });
      this.#log.warn("could not send to a WebSocket client", { error });
      this.remove(client);
      return 0;
    }
  }

  /** Sends an event frame to one client and counts it; drops the client if sending fails. */
  sendEvent(client: WsClient, frame: string): boolean {
    const sent = this.#sendFrames(client, [frame]) === 1;
    if (sent) this.#metrics.eventsOut.inc();
    return sent;
  }

  /**
   * Sends Superdesk's `{ping, clients}` keepalive to the clients of the next of `PING_SLOTS`
   * slots: called every `pingMs / PING_SLOTS`, each idle client gets one ping per `pingMs`, and
   * the pings are spread over the interval instead of one burst to every client. A client that
   * was sent an event since its slot's previous turn skips this turn's ping: the keepalive keeps
   * idle connections open through proxies (the Superdesk client ignores its content), and such
   * a client still gets a frame at least every 2 × `pingMs`, without a ping send per client per
   * interval while events flow (10,000 clients at 5 s: 2,000 sends a second).
   */
  pingNextSlot() {
    this.#pings += 1;
    const slot = this.#pings % PING_SLOTS;
    const frame = encodePing(this.#pings, this.#clients.size);
    for (const client of this.#clients) {
      if (client.pingSlot !== slot) continue;
      if (client.sentSinceKeepalive) {
        client.sentSinceKeepalive = false;
        continue;
      }
      try {
        client.send(frame);
      } catch {
        this.remove(client);
      }
    }
  }

  /** Closes the sockets of an ended session: its token no longer authenticates anything. */
  closeSession(sessionId: string) {
    for (const client of this.#clients) {
      if (client.identity?.sessionId !== sessionId) continue;
      client.close(SESSION_ENDED_CLOSE_CODE, "session ended");
      this.remove(client);
    }
  }

  /** Cuts a client whose unsent buffer passed the limit. */
  disconnectSlow(client: WsClient) {
    if (!client.close(SLOW_CLIENT_CLOSE_CODE, "slow client")) return;
    this.#metrics.slowClients.inc();
    this.#log.warn("disconnected a slow WebSocket client", {
      userId: client.identity?.userId,
      bufferedBytes: client.socket.bufferedAmount,
    });
    this.remove(client);
  }

  /** Closes every client with `code`; resolves when their sockets report closed, or after
   * `graceMs` (a peer that stopped reading never completes the closing handshake). */
  closeAll(
    code: number,
    reason: string,
    { graceMs = 1000 }: { graceMs?: number } = {},
  ): Promise<void> {
    const closing = [...this.#clients].map((client) => {
      const closed = new Promise<void>((resolve) => {
        if (client.socket.readyState === WebSocket.CLOSED) resolve();
        else client.socket.addEventListener("close", () => resolve(), { once: true });
      });
      client.close(code, reason);
      this.remove(client);
      return closed;
    });
    return within(Promise.all(closing), graceMs).then(() => {});
  }
}
