/**
 * Turns of a long loop handed back to the event loop: `step()` before each pass yields (one
 * `setImmediate`, so timers, I/O and other requests run) once every `every` passes. On the
 * embedded store a read answers without waiting, so a loop over thousands of items would
 * otherwise hold the event loop from its first pass to its last. A yield costs 15–35 µs here,
 * about a tenth of a package member's link write, so yielding on every pass spent a tenth of the
 * loop on yields; one yield per chunk costs a fraction of a per cent.
 */
import { setImmediate } from "node:timers";

/** Passes between two yields: 32 link writes hold the loop a few milliseconds. */
export const LOOP_CHUNK = 32;

/** The yields of one loop (make one per loop run). */
export class LoopTurns {
  readonly #every: number;
  #passes = 0;

  constructor(every = LOOP_CHUNK) {
    this.#every = every;
  }

  /** Counts a pass; yields to the event loop when a chunk of passes has run. */
  step(): Promise<void> | undefined {
    this.#passes++;
    if (this.#passes % this.#every !== 0) return undefined;
    return new Promise((resolve) => setImmediate(resolve));
  }
}
