/**
 * An OTLP/HTTP receiver on loopback (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`): decodes the
 * `ExportTraceServiceRequest` bodies Deno's exporter posts to `/v1/traces` into spans, and
 * accepts (ignores) metrics and logs.
 */

/** One exported span, as OTLP JSON names its fields. */
export interface ReceivedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  scope: string;
  service: string;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
type OtlpAttributes = { key: string; value: OtlpValue }[];

/** Starts the receiver on a free port. */
export function otlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const waiters: { ready: () => boolean; resolve: () => void }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const body = await request.json();
    if (new URL(request.url).pathname === "/v1/traces") {
      for (const resource of body.resourceSpans ?? []) {
        const service = String(valuesOf(resource.resource?.attributes)["service.name"] ?? "");
        for (const scoped of resource.scopeSpans ?? []) {
          for (const span of scoped.spans ?? []) {
            spans.push({
              name: span.name,
              kind: span.kind,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? "",
              scope: scoped.scope?.name ?? "",
              service,
              attributes: valuesOf(span.attributes),
            });
          }
        }
      }
      for (const waiter of [...waiters]) {
        if (waiter.ready()) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    }
    return Response.json({});
  });
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    spans,
    /** Resolves once `ready()` holds for the spans received so far. */
    waitUntil(ready: () => boolean): Promise<void> {
      if (ready()) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ ready, resolve }));
    },
    close: () => server.shutdown(),
  };
}

function valuesOf(attributes: OtlpAttributes | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of attributes ?? []) {
    out[key] = value.stringValue ?? value.boolValue ?? value.doubleValue ??
      (value.intValue === undefined ? undefined : Number(value.intValue));
  }
  return out;
}
