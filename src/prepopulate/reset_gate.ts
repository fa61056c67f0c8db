/**
 * The gate between prepopulate's reset and the other API requests of this process. A reset waits
 * until the requests already in flight have finished, then runs alone: requests that arrive
 * meanwhile are answered 503 with `Retry-After: 1` (never a half-erased, half-loaded answer, and
 * never a 500). Resets run one after another. Other processes are not paused (README: testing
 * mode is for a single test server).
 */
import type { MiddlewareHandler } from "hono";
import { ServiceUnavailableError } from "../errors.ts";
import { type Logger, silentLogger } from "../log.ts";

/** The gate of one process. */
export interface ResetGate {
  /** Middleware counting the requests in flight and refusing new ones during a reset. */
  readonly admit: MiddlewareHandler;
  /**
   * Runs `reset` once the requests in flight have finished (or after `drainMs`, after which a
   * straggler may meet erased data), refusing new requests until it settles.
   */
  exclusive<T>(reset: () => Promise<T>): Promise<T>;
}

/**
 * A gate; `drainMs` bounds the wait for the requests in flight (30 s); `log` records a wait (a
 * reset held up by a slow request) and a wait given up (stragglers may meet erased data).
 */
export function createResetGate(
  { drainMs = 30_000, log = silentLogger }: { drainMs?: number; log?: Logger } = {},
): ResetGate {
  let inFlight = 0;
  let resets = 0;
  let idle: (() => void) | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  const drained = async () => {
    if (inFlight === 0) return;
    log.info("reset waits for the requests in flight", { requests: inFlight, maxMs: drainMs });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finished = await Promise.race([
      new Promise<boolean>((resolve) => idle = () => resolve(true)),
      new Promise<boolean>((resolve) => timer = setTimeout(() => resolve(false), drainMs)),
    ]);
    clearTimeout(timer);
    idle = undefined;
    if (!finished) log.warn("reset stopped waiting for requests in flight", { requests: inFlight });
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
  };
}
