/**
 * A seam whose engine is still connecting. Redis clients wait (and retry) until the server
 * answers, so a process started while Redis is down would hang at start; instead it gets this
 * stand-in at once: every async method waits for the connection, `ping()` reports the engine
 * down until then (so `/ready` says so), and `subscribe()` takes effect once connected. A property
 * assigned to the stand-in is answered before the seam's own, connected or not (a test wrapping
 * `publish` on it is heard; without this the assignment was silently ignored).
 */
import type { EngineStatus } from "./engine_status.ts";

/** Synchronous properties the stand-in must answer before the seam exists. */
type KnownProperties<T> = Partial<{ [K in keyof T]: T[K] }>;

/** Returns `pending`'s seam as soon as it is known, or a stand-in until then. */
export function deferSeam<T extends object>(
  pending: Promise<T>,
  { seam, engine, known = {} }: { seam: string; engine: string; known?: KnownProperties<T> },
): T {
  let ready: T | undefined;
  let failure: unknown;
  pending.then((value) => ready = value, (error) => failure = error);
  const handler: ProxyHandler<T> = {
    get(target, property) {
      if (Object.hasOwn(target, property)) return Reflect.get(target, property);
      if (ready) {
        const value = (ready as Record<PropertyKey, unknown>)[property];
        return typeof value === "function" ? value.bind(ready) : value;
      }
      if (property in known) return (known as Record<PropertyKey, unknown>)[property];
      if (property === "then") return undefined;
      if (property === "ping") return () => Promise.resolve(down(seam, engine, failure));
      if (property === "close") return () => Promise.resolve();
      if (property === "subscribe") return subscribeLater(pending);
      return (...args: unknown[]) =>
        pending.then((value) =>
          ((value as Record<PropertyKey, unknown>)[property] as (...a: unknown[]) => unknown)(
            ...args,
          )
        );
    },
  };
  return new Proxy({} as T, handler);
}

function down(seam: string, engine: string, failure: unknown): EngineStatus {
  const reason = failure instanceof Error ? failure.message : "connecting";
  return { seam, engine, ok: false, error: `not connected (${reason})` };
}

/** `subscribe(listener)` before connecting: subscribes once connected; unsubscribe works either way. */
function subscribeLater<T>(pending: Promise<T>) {
  return (listener: unknown) => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    pending.then((value) => {
      if (cancelled) return;
      const subscribe = (value as { subscribe(l: unknown): () => void }).subscribe;
      unsubscribe = subscribe.call(value, listener);
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  };
}
