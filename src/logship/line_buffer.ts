/**
 * A bounded FIFO of log lines: pushing never waits; when full, the oldest line is dropped (the
 * newest lines tell what is happening now) and counted.
 */
import type { LogStats } from "./log_stats.ts";

/** The shipper's queue of lines not yet sent. */
export class LineBuffer {
  #lines: (string | undefined)[];
  #head = 0;
  #size = 0;
  /** The sequence number of the line at `#head` (lines ever removed or dropped). */
  #first = 0;
  #stats: LogStats;
  #waiter: (() => void) | undefined;

  constructor(capacity: number, stats: LogStats) {
    this.#lines = new Array(capacity);
    this.#stats = stats;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends `line`, dropping the oldest one when full. */
  push(line: string) {
    const capacity = this.#lines.length;
    if (this.#size === capacity) {
      this.#head = (this.#head + 1) % capacity;
      this.#size -= 1;
      this.#first += 1;
      this.#stats.addDropped(1);
      this.#stats.addBuffered(-1);
    }
    this.#lines[(this.#head + this.#size) % capacity] = line;
    this.#size += 1;
    this.#stats.addBuffered(1);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }

  /**
   * Up to `count` of the oldest lines, left in place, and the sequence number just past them:
   * `removeBefore(end)` once they are sent (lines dropped meanwhile are not removed twice).
   */
  peek(count: number): { lines: string[]; end: number } {
    const lines: string[] = [];
    for (let i = 0; i < Math.min(count, this.#size); i++) {
      lines.push(this.#lines[(this.#head + i) % this.#lines.length]!);
    }
    return { lines, end: this.#first + lines.length };
  }

  /** Removes the lines before sequence number `end` that are still here. */
  removeBefore(end: number) {
    const n = Math.min(Math.max(0, end - this.#first), this.#size);
    for (let i = 0; i < n; i++) this.#lines[(this.#head + i) % this.#lines.length] = undefined;
    this.#head = (this.#head + n) % this.#lines.length;
    this.#size -= n;
    this.#first += n;
    this.#stats.addBuffered(-n);
  }

  /** Resolves once a line is pushed (at once when some are waiting). */
  nonEmpty(): Promise<void> {
    if (this.#size > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.#waiter;
      this.#waiter = () => {
        previous?.();
        resolve();
      };
    });
  }
}
