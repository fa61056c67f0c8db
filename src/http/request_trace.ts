/**
 * The trace context of a request being answered (what `currentTrace()` returns while its route
 * runs), carrying the headers every answer to it has besides its own: `X-Request-Id`, `Vary` and
 * the CORS headers, set by the request pipeline (`middleware/request_context.ts`). JSON answers
 * (`wire_json.ts`) are built with them at once: setting headers on a constructed Response makes
 * Deno drop the response's prepared native header list and build a `Headers` object, the
 * largest part of the pipeline's own cost. It rides on the trace's async-local storage because a
 * second store would cost each request more than the headers save.
 */
import { randomId, type TraceContext } from "../trace/trace_context.ts";

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
