/**
 * Spans through the OpenTelemetry API (`@opentelemetry/api`). With `OTEL_DENO` set Deno's
 * built-in OpenTelemetry registers the tracer provider and exports the spans over OTLP (and
 * traces `Deno.serve` requests itself); without it spans are no-ops and only the trace ids
 * travel, and the API package is not even loaded (it is CommonJS: loading it costs every
 * thread ~15 ms and a few MB at start). Parents are given explicitly from our trace context
 * (trace_context.ts), so a span continues a trace that crossed a thread or process as a
 * `traceparent` string.
 */
import type { Span } from "@opentelemetry/api";
import { currentTrace, randomId, runInTrace, type TraceContext } from "./trace_context.ts";

/** The kind of a span (OpenTelemetry's `SpanKind` values). */
export const SpanKind = { INTERNAL: 0, SERVER: 1, CLIENT: 2, PRODUCER: 3, CONSUMER: 4 } as const;
/** One of `SpanKind`'s values. */
export type SpanKind = typeof SpanKind[keyof typeof SpanKind];

/** The API when Deno's OpenTelemetry is on (`OTEL_DENO`), loaded once per thread. */
const otel = telemetryOn() ? await import("@opentelemetry/api") : undefined;

function telemetryOn(): boolean {
  try {
    const value = Deno.env.get("OTEL_DENO")?.trim().toLowerCase();
    return value !== undefined && value !== "" && value !== "false" && value !== "0";
  } catch {
    return false; // no env permission: Deno's exporter reads the same variable
  }
}

/** What spans are when nothing records them: every call does nothing. */
const NO_SPAN: Span = {
  spanContext: () => ({ traceId: "", spanId: "", traceFlags: 0 }),
  setAttribute() {
    return this;
  },
  setAttributes() {
    return this;
  },
  addEvent() {
    return this;
  },
  addLink() {
    return this;
  },
  addLinks() {
    return this;
  },
  setStatus() {
    return this;
  },
  updateName() {
    return this;
  },
  end() {},
  isRecording: () => false,
  recordException() {},
};

/** Attributes of a span (OpenTelemetry's). */
export type SpanAttributes = Record<string, string | number | boolean>;

/** Options of `startSpan` and `withSpan`. */
export interface SpanOptions {
  kind?: SpanKind;
  /** The parent; the current trace by default; none starts a new trace. */
  parent?: TraceContext | null;
  attributes?: SpanAttributes;
}

/** A started span and the trace context of its children. */
export interface StartedSpan {
  span: Span;
  context: TraceContext;
}

/** Starts a span (end it with `span.end()`); its context continues `parent`'s trace. */
export function startSpan(name: string, options: SpanOptions = {}): StartedSpan {
  const parent = options.parent === undefined ? currentTrace() : options.parent ?? undefined;
  const span = otel ? otelSpan(otel, name, options, parent) : NO_SPAN;
  const ids = span.spanContext();
  const recorded = otel !== undefined && otel.trace.isSpanContextValid(ids) &&
    ids.spanId !== parent?.spanId;
  // Without an exporter the API hands back the parent's ids (or none): keep the trace, make up a
  // span id so children still name a parent of their own.
  const context: TraceContext = recorded
    ? { traceId: ids.traceId, spanId: ids.spanId, sampled: (ids.traceFlags & 1) === 1 }
    : {
      traceId: parent?.traceId ?? randomId(16),
      spanId: randomId(8),
      sampled: parent?.sampled ?? false,
    };
  return { span, context };
}

function otelSpan(
  api: NonNullable<typeof otel>,
  name: string,
  options: SpanOptions,
  parent: TraceContext | undefined,
): Span {
  const { trace, ROOT_CONTEXT, TraceFlags } = api;
  const parentContext = parent
    ? trace.setSpanContext(ROOT_CONTEXT, {
      traceId: parent.traceId,
      spanId: parent.spanId,
      traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
      isRemote: true,
    })
    : ROOT_CONTEXT;
  return trace.getTracer("superdesk").startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parentContext,
  );
}

/** Runs `fn` inside a new span, which ends when `fn` settles and records its error. */
export async function withSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span, context: TraceContext) => Promise<T>,
): Promise<T> {
  const started = startSpan(name, options);
  const { span, context } = started;
  try {
    return await runInSpan(started, () => fn(span, context));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Runs `fn` with `started` as the current span (ours and OpenTelemetry's, for libraries). */
export function runInSpan<T>({ span, context }: StartedSpan, fn: () => T): T {
  if (!otel) return runInTrace(context, fn);
  const { context: otelContext, trace } = otel;
  return runInTrace(context, () => otelContext.with(trace.setSpan(otelContext.active(), span), fn));
}

/** Marks `span` as failed with `error`. */
export function failSpan(span: Span, error: unknown) {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: 2, // SpanStatusCode.ERROR
    message: String((error as Error)?.message ?? error),
  });
}

/** The span Deno's OpenTelemetry opened for the request being served, if tracing is on. */
export function activeSpan(): Span | undefined {
  const span = otel?.trace.getActiveSpan();
  return span && otel?.trace.isSpanContextValid(span.spanContext()) ? span : undefined;
}
