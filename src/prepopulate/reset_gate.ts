/**
 * The gate between prepopulate's reset and the other API requests of this process. A reset waits
 * until the requests already in flight have finished, then runs alone: requests that arrive
 * meanwhile are answered 503 with `Retry-After: 1` (never a half-erased, half-loaded answer, and
 * never a 500). Resets run one after another. Other processes are not paused (README: testing
 * mode is for a single test server).
 */
import type { MiddlewareHandler } from "hono";
import { ServiceUnavailableError } from "../errors.ts";

/** The gate of one process. */
export interface ResetGate {
  /** Middleware counting the requests in flight and refusing new ones during a reset. */
  readonly admit: MiddlewareHandler;
  /**
   * Runs `reset` once the requests in flight have finished (or after `drainMs`, after which a
   * straggler may meet erased data), refusing new requests until it settles.
   */
  exclusive<T>(reset: () => Promise<T>): Promise<T>;
  /** True while a reset runs or waits for the requests in flight. */
  readonly resetting: boolean;
}

/** A gate; `drainMs` bounds the wait for the requests in flight (30 s). */
export function createResetGate({ drainMs = 30_000 }: { drainMs?: number } = {}): ResetGate {
  let inFlight = 0;
  let resets = 0;
  let idle: (() => void) | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  const drained = async () => {
    if (inFlight === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      new Promise<void>((resolve) => idle = resolve),
      new Promise<void>((resolve) => timer = setTimeout(resolve, drainMs)),
    ]);
    clearTimeout(timer);
    idle = undefined;
  };
  return {
    async admit(_c, next) {
      if (resets > 0) {
        throw new ServiceUnavailableError(
          "The data is being reset by prepopulate; retry the request",
          { retryAfterSeconds: 1 },
        );
      }
      inFlight++;
      try {
        await next();
      } finally {
        inFlight--;
        if (inFlight === 0) idle?.();
      }
    },
    exclusive(reset) {
      resets++;
      const run = tail.then(async () => {
        await drained();
        return await reset();
      }).finally(() => resets--);
      tail = run.catch(() => undefined);
      return run;
    },
    get resetting() {
      return resets > 0;
    },
  };
}
