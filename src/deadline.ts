/**
 * Awaiting with a deadline: the one place that races a promise against a timer (engine pings,
 * shutdown steps, metric collectors, notifications, start-up index creation). The timer is
 * always cleared, so nothing keeps the process alive after the race.
 */

/** What `within` resolves to when the deadline passed first. */
export const TIMED_OUT: unique symbol = Symbol("timed out");

/** `promise`'s value, or `TIMED_OUT` if it has not settled after `ms`; rejections pass through. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
