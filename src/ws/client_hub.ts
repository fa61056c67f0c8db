/**
 * The clients of one `ws` instance and the fan-out to them: each bus event passes the throttle
 * once, is encoded once, and goes to every client whose subscription matches it (or into the
 * held list of a client that is still replaying). Also sends the `{ping, clients}` keepalive and
 * disconnects slow clients. Removal is idempotent.
 */
import { within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import type { Notification } from "../notify/notification.ts";
import type { EventThrottle } from "./event_throttle.ts";
import { SESSION_ENDED_CLOSE_CODE } from "../notify/session_end_event.ts";
import { matchesFilters } from "./subscription_filters.ts";
import { encodeEvent, encodePing } from "./wire.ts";
import { SLOW_CLIENT_CLOSE_CODE, type WsClient } from "./ws_client.ts";
import type { WsMetrics } from "./ws_metrics.ts";

/** How many groups the keepalive is spread over; `pingNextSlot` runs this often per interval. */
export const PING_SLOTS = 10;

/** The client registry and fan-out of one app. */
export class ClientHub {
  #clients = new Set<WsClient>();
  #pings = 0;
  #added = 0;
  #metrics: WsMetrics;
  #log: Logger;
  #throttle: EventThrottle;

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

  /** Delivers a bus event to every matching client; returns how many it was sent to. */
  broadcast(notification: Notification): number {
    this.#metrics.eventsIn.inc();
    if (!this.#throttle(notification)) {
      this.#metrics.dropped.inc({ reason: "throttled" });
      return 0;
    }
    const { filters } = notification;
    const frame = encodeEvent(notification);
    let sent = 0;
    for (const client of this.#clients) {
      if (client.held) client.held.push(notification);
      else if ((!filters || matchesFilters(client.args, filters)) && this.#send(client, frame)) {
        sent += 1;
      }
    }
    this.#metrics.eventsOut.inc(undefined, sent);
    return sent;
  }

  /** Sends an event frame to one client and counts it; drops the client if sending fails. */
  sendEvent(client: WsClient, frame: string): boolean {
    const sent = this.#send(client, frame);
    if (sent) this.#metrics.eventsOut.inc();
    return sent;
  }

  #send(client: WsClient, frame: string): boolean {
    try {
      return client.send(frame);
    } catch (error) {
      this.#metrics.dropped.inc({ reason: "send_error" });
      this.#log.warn("could not send to a WebSocket client", { error });
      this.remove(client);
      return false;
    }
  }

  /**
   * Sends Superdesk's `{ping, clients}` keepalive to the clients of the next of `PING_SLOTS`
   * slots: called every `pingMs / PING_SLOTS`, each client gets one ping per `pingMs`, and the
   * pings are spread over the interval instead of one burst to every client.
   */
  pingNextSlot() {
    this.#pings += 1;
    const slot = this.#pings % PING_SLOTS;
    const frame = encodePing(this.#pings, this.#clients.size);
    for (const client of this.#clients) {
      if (client.pingSlot !== slot) continue;
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
