/**
 * Delivery of a bus event as part of its publisher's trace: a consumer span (the event name, how
 * many clients got it), so a request, the task it enqueued and the socket events they caused
 * form one trace. Events published outside any trace are delivered without a span.
 */
import type { Notification } from "../notify/notification.ts";
import { SpanKind, startSpan } from "../trace/spans.ts";
import { parseTraceparent } from "../trace/trace_context.ts";
import type { ClientHub } from "./client_hub.ts";

/** Fans `notification` out through `hub`, traced when it carries a `traceparent`. */
export function deliverTraced(hub: ClientHub, notification: Notification): void {
  const parent = parseTraceparent(notification.traceparent);
  if (!parent) {
    hub.broadcast(notification);
    return;
  }
  const { span } = startSpan(`ws send ${notification.event}`, {
    kind: SpanKind.CONSUMER,
    parent,
    attributes: { "superdesk.notification.id": notification._id },
  });
  try {
    span.setAttribute("superdesk.ws.clients", hub.broadcast(notification));
  } finally {
    span.end();
  }
}
