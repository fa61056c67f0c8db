/**
 * The in-memory event history behind the memory bus: the last `size` events received within
 * `maxAgeMs`, in arrival order, with an id index so `after(id)` is a lookup, not a scan.
 */
import type { Notification } from "../notification.ts";
import type { HistoryPage } from "../notification_bus.ts";

interface Entry {
  notification: Notification;
  receivedAt: number;
}

/** A bounded, age-limited list of notifications answering "what came after this id?". */
export class BoundedHistory {
  #entries: Entry[] = [];
  /** Index in #entries of the oldest retained entry; the array is compacted now and then. */
  #head = 0;
  /** Id → absolute position (position of #entries[0] is #base). */
  #positions = new Map<string, number>();
  #base = 0;
  #size: number;
  #maxAgeMs: number;
  #now: () => number;

  constructor({ size, maxAgeMs, now }: { size: number; maxAgeMs: number; now: () => number }) {
    if (!(size >= 1) || !(maxAgeMs > 0)) {
      throw new RangeError("history size must be >= 1 and max age > 0 ms");
    }
    this.#size = size;
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  /** Records `notification` as the newest entry and evicts what falls out of the bounds. */
  append(notification: Notification) {
    this.#positions.set(notification._id, this.#base + this.#entries.length);
    this.#entries.push({ notification, receivedAt: this.#now() });
    this.#evict();
  }

  /** The retained entries after `afterId`; incomplete when `afterId` is not retained. */
  after(afterId: string): HistoryPage {
    this.#evict();
    const position = this.#positions.get(afterId);
    const retained = this.#entries.slice(this.#head).map((entry) => entry.notification);
    if (position !== undefined) {
      return { events: retained.slice(position - this.#base - this.#head + 1), complete: true };
    }
    const afterMs = idMilliseconds(afterId);
    if (afterMs === undefined) return { events: [], complete: false };
    return { events: retained.filter((n) => idMilliseconds(n._id)! >= afterMs), complete: false };
  }

  #evict() {
    const oldest = this.#now() - this.#maxAgeMs;
    while (this.#head < this.#entries.length) {
      const entry = this.#entries[this.#head]!;
      const retained = this.#entries.length - this.#head;
      if (retained <= this.#size && entry.receivedAt >= oldest) break;
      this.#positions.delete(entry.notification._id);
      this.#head += 1;
    }
    if (this.#head > this.#size) {
      this.#entries = this.#entries.slice(this.#head);
      this.#base += this.#head;
      this.#head = 0;
    }
  }
}

/** The millisecond part of an id `<ms>-<seq>[-<origin>]`, or undefined when malformed. */
export function idMilliseconds(id: string): number | undefined {
  const match = /^(\d+)-\d+(?:-[0-9a-f]+)?$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
