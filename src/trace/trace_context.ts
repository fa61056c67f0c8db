/**
 * W3C trace context (`traceparent: 00-<trace id>-<span id>-<flags>`) and the trace this code is
 * running in. The current trace follows async calls (AsyncLocalStorage), so a service that
 * enqueues a task or publishes a notification during a request passes the request's trace on
 * without any parameter; task entries and bus messages carry it as a `traceparent` string. It
 * exists whether or not spans are exported: request ids are trace ids either way.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** The ids of one span of one trace. */
export interface TraceContext {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** Whether the trace is recorded (the W3C `sampled` flag). */
  sampled: boolean;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const storage = new AsyncLocalStorage<TraceContext>();

/** The context of a `traceparent` header value; undefined when absent or malformed. */
export function parseTraceparent(header: string | null | undefined): TraceContext | undefined {
  const match = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match;
  if (/^0+$/.test(traceId!) || /^0+$/.test(spanId!)) return undefined;
  return { traceId: traceId!, spanId: spanId!, sampled: (parseInt(flags!, 16) & 1) === 1 };
}

/** The `traceparent` value of `context`. */
export function formatTraceparent({ traceId, spanId, sampled }: TraceContext): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

/** Random bytes drawn in one call per 4 KiB, spelt as one hex string handed out in slices. */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
const HEX_DIGITS = new TextEncoder().encode("0123456789abcdef");
const hexBytes = new Uint8Array(POOL_BYTES * 2);
const decoder = new TextDecoder();
let hexPool = "";
let poolUsed = POOL_BYTES;

/** A new random id of `bytes` bytes, as hex (hot path: two per request). */
export function randomId(bytes: 8 | 16): string {
  if (poolUsed + bytes > POOL_BYTES) {
    crypto.getRandomValues(pool);
    for (let i = 0; i < POOL_BYTES; i++) {
      hexBytes[2 * i] = HEX_DIGITS[pool[i]! >> 4]!;
      hexBytes[2 * i + 1] = HEX_DIGITS[pool[i]! & 15]!;
    }
    hexPool = decoder.decode(hexBytes);
    poolUsed = 0;
  }
  const id = hexPool.slice(poolUsed * 2, (poolUsed + bytes) * 2);
  poolUsed += bytes;
  return id;
}

/** The trace the caller runs in, if any. */
export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** The `traceparent` of the current trace, if any. */
export function currentTraceparent(): string | undefined {
  const context = storage.getStore();
  return context && formatTraceparent(context);
}

/** Runs `fn(...args)` with `context` as the current trace (arguments spare a closure). */
export function runInTrace<A extends unknown[], T>(
  context: TraceContext,
  fn: (...args: A) => T,
  ...args: A
): T {
  return storage.run(context, fn, ...args);
}
