/**
 * Turns the Redis pub/sub feed into a gap-free, duplicate-free, ordered feed. Pub/sub drops
 * whatever is published while the subscriber connection is down. From the moment the
 * connection is lost (`hold`) until the stream has been read again (`fill`, after each
 * resubscription) live messages are buffered; the fill reads the stream from the last id
 * delivered, and only ids greater than the last one are delivered. Events trimmed from the stream
 * before the reconnection are lost, and a warning says so.
 */
import type { Logger } from "../../log.ts";
import type { Notification } from "../notification.ts";
import { compareStreamIds } from "./_stream_id.ts";

/** Stream entries after an id, with the first retained entry id (for loss detection). */
export interface StreamSlice {
  events: Notification[];
  firstId?: string;
}

/** The cursor of a receiver that started on an empty stream. */
export const EMPTY_STREAM_CURSOR = "0-0";

/** Delivers live and recovered notifications in stream order, each once. */
export class GapFillingReceiver {
  #lastId: string;
  #buffer: Notification[] | undefined;
  #held = false;
  #pendingFills = 0;
  #chain: Promise<void> = Promise.resolve();
  #readAfter: (id: string) => Promise<StreamSlice>;
  #deliver: (notification: Notification) => void;
  #log: Logger;

  constructor(
    startId: string,
    { readAfter, deliver, log }: {
      readAfter: (id: string) => Promise<StreamSlice>;
      deliver: (notification: Notification) => void;
      log: Logger;
    },
  ) {
    this.#lastId = startId;
    this.#readAfter = readAfter;
    this.#deliver = deliver;
    this.#log = log;
  }

  /** A message from the pub/sub channel. */
  live(notification: Notification) {
    if (this.#buffer) this.#buffer.push(notification);
    else this.#accept(notification);
  }

  /** Buffers live messages until the next fill; call as soon as the subscription is lost. */
  hold() {
    this.#held = true;
    this.#buffer ??= [];
  }

  /** Reads what was published since the last delivered id; call after every subscription. */
  fill(): Promise<void> {
    this.#pendingFills += 1;
    this.#buffer ??= [];
    this.#chain = this.#chain.then(() => this.#fill());
    return this.#chain;
  }

  async #fill() {
    this.#held = false;
    try {
      const from = this.#lastId;
      const slice = await this.#readAfter(from);
      const lost = from !== EMPTY_STREAM_CURSOR && slice.firstId !== undefined &&
        compareStreamIds(from, slice.firstId) < 0;
      if (lost) {
        this.#log.warn("notifications were lost while the bus subscriber was disconnected", {
          after: from,
          oldestRetained: slice.firstId,
        });
      }
      const recovered = slice.events.filter((notification) => this.#accept(notification)).length;
      if (recovered > 0) this.#log.info("recovered notifications from the stream", { recovered });
    } catch (error) {
      this.#log.warn("could not recover notifications after a bus reconnection", { error });
    } finally {
      this.#pendingFills -= 1;
      if (this.#pendingFills === 0 && !this.#held) {
        const buffered = this.#buffer ?? [];
        this.#buffer = undefined;
        for (const notification of buffered) this.#accept(notification);
      }
    }
  }

  /** Delivers `notification` unless it is not newer than the last one; true when delivered. */
  #accept(notification: Notification): boolean {
    if (compareStreamIds(notification._id, this.#lastId) <= 0) return false;
    this.#lastId = notification._id;
    this.#deliver(notification);
    return true;
  }
}
