/** Test helpers that await events instead of sleeping: collectors with a failure deadline. */

import { TIMED_OUT, within as settleWithin } from "../../src/deadline.ts";

/**
 * Rejects with a message naming `what` if `promise` has not settled within `ms`. The default is
 * a guard against a hang, not a timing check: generous, because a busy 2-core CI machine can
 * starve a process (a Redis reconnection, a child start) for seconds.
 */
export async function within<T>(promise: Promise<T>, what: string, ms = 30_000): Promise<T> {
  const value = await settleWithin(promise, ms);
  if (value === TIMED_OUT) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
  return value;
}

/** Accumulates items and resolves waiters once a predicate over everything received holds. */
export class Collector<T> {
  readonly items: T[] = [];
  #waiters: Array<{ test: (items: T[]) => boolean; resolve: () => void }> = [];

  /** Adds an item and wakes the waiters whose condition now holds. */
  push = (item: T) => {
    this.items.push(item);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.test(this.items)) return true;
      waiter.resolve();
      return false;
    });
  };

  /** Resolves with all items once `test(items)` holds; fails after `ms`. */
  until(test: (items: T[]) => boolean, what: string, ms?: number): Promise<T[]> {
    if (test(this.items)) return Promise.resolve(this.items);
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#waiters.push({ test, resolve });
    return within(promise.then(() => this.items), what, ms);
  }

  /** Resolves once at least `count` items arrived. */
  count(count: number, what = `${count} items`, ms?: number): Promise<T[]> {
    return this.until((items) => items.length >= count, what, ms);
  }
}
