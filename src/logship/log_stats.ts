/**
 * Counters of the log shipper shared by every thread of the process (a SharedArrayBuffer sent to
 * the task worker threads), so `/metrics` shows what all of them shipped and dropped.
 */

/** Which slot holds which figure. */
const SENT = 0, DROPPED = 1, BUFFERED = 2;

/** The shared figures of log shipping. */
export class LogStats {
  readonly buffer: SharedArrayBuffer;
  #values: BigInt64Array;

  /** New zeroed figures, or a view of `buffer` received from another thread. */
  constructor(buffer = new SharedArrayBuffer(3 * BigInt64Array.BYTES_PER_ELEMENT)) {
    this.buffer = buffer;
    this.#values = new BigInt64Array(buffer);
  }

  /** Lines written to the log server. */
  get sent(): number {
    return Number(Atomics.load(this.#values, SENT));
  }

  /** Lines dropped because the buffer was full (the log server slow, stalled or down). */
  get dropped(): number {
    return Number(Atomics.load(this.#values, DROPPED));
  }

  /** Lines waiting in the buffers. */
  get buffered(): number {
    return Number(Atomics.load(this.#values, BUFFERED));
  }

  addSent(n: number) {
    Atomics.add(this.#values, SENT, BigInt(n));
  }

  addDropped(n: number) {
    Atomics.add(this.#values, DROPPED, BigInt(n));
  }

  addBuffered(n: number) {
    Atomics.add(this.#values, BUFFERED, BigInt(n));
  }
}
