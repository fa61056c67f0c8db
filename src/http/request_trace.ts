/**
 * The trace context of a request being answered (what `currentTrace()` returns while its route
 * runs), carrying the headers every answer to it has besides its own: `X-Request-Id`, `Vary` and
 * the CORS headers, set by the request pipeline (`middleware/request_context.ts`). JSON answers
 * (`wire_json.ts`) are built with them at once: setting headers on a constructed Response makes
 * Deno drop the response's prepared native header list and build a `Headers` object, the
 * largest part of the pipeline's own cost. It rides on the trace's async-local storage because a
 * second store would cost each request more than the headers save.
 *
 * Entering that storage costs a request ~2 µs (a context frame per request, a capture per
 * await). A request whose every handler past the pipeline is marked `scopeFree` skips it: such a
 * handler finds the trace on the Hono context (`requestTraceOf`) and runs whatever may read the
 * current trace (service hooks, task enqueues, notifications, spans) through `inRequestTrace`.
 */
import type { Context } from "hono";
import type { RouterRoute } from "hono/types";
import { COMPOSED_HANDLER } from "hono/utils/constants";
import { currentTrace, randomId, runInTrace, type TraceContext } from "../trace/trace_context.ts";

/** A request's trace context and its answers' common headers. */
export class RequestTrace implements TraceContext {
  /** The Response built with `headers` last, if any: the pipeline leaves that one as it is. */
  answered: Response | undefined;

  #spanId: string | undefined;

  constructor(
    readonly traceId: string,
    /** The server span's id; undefined: a new one, made when first asked for. */
    spanId: string | undefined,
    readonly sampled: boolean,
    /** Header names as written, values. */
    readonly headers: Readonly<Record<string, string>>,
  ) {
    this.#spanId = spanId;
  }

  /** The request's span id (most requests never need one: nothing they do is traced further). */
  get spanId(): string {
    return this.#spanId ??= randomId(8);
  }
}

/** The Hono variable holding the request's trace (set by the request pipeline). */
export interface TraceVariables {
  trace: RequestTrace;
}

/** Handlers that run their trace-reading work through `inRequestTrace` themselves. */
const scopeFreeHandlers = new WeakSet<object>();

/**
 * Marks `handler` as needing no current trace around it: what it does outside `inRequestTrace`
 * reads no current trace (no hook, task, notification or span), and it answers through
 * `wire_json.ts` with `requestTraceOf(c)` or lets the pipeline add the request's headers.
 */
export function scopeFree<H extends object>(handler: H): H {
  scopeFreeHandlers.add(handler);
  return handler;
}

/**
 * Whether every handler after the one at `index` (the pipeline's) of the request's `routes`
 * (Hono's `matchedRoutes`) is `scopeFree`. Hono wraps each handler of a router that has its own
 * `onError` (an app's, `containRoutes`: its error mapping reads no trace): the wrapped one counts.
 */
export function restIsScopeFree(routes: readonly RouterRoute[], index: number): boolean {
  for (let i = index + 1; i < routes.length; i++) {
    const handler = routes[i]!.handler as { [COMPOSED_HANDLER]?: object };
    if (!scopeFreeHandlers.has(handler[COMPOSED_HANDLER] ?? handler)) return false;
  }
  return true;
}

/** The request's trace, when the request pipeline runs (undefined in a bare sub-app). */
export function requestTraceOf(c: Context): RequestTrace | undefined {
  return (c as Context<{ Variables: TraceVariables }>).get("trace");
}

/** `fn()` with the request's trace current (as every handler not `scopeFree` runs). */
export function inRequestTrace<T>(c: Context, fn: () => T): T {
  const trace = requestTraceOf(c);
  return trace === undefined || currentTrace() === trace ? fn() : runInTrace(trace, fn);
}
