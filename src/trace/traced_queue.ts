/**
 * The task queue as services see it: each enqueue is a producer span of the current trace, and
 * the entry carries that span's `traceparent` to the worker that runs it (task_runner.ts
 * continues the trace there).
 */
import type { TaskQueue } from "../tasks/task_queue.ts";
import { targetQueue, taskName } from "../tasks/task_queue.ts";
import { formatTraceparent } from "./trace_context.ts";
import { SpanKind, withSpan } from "./spans.ts";

/** `queue` with traced `enqueue`; every other method is the queue's own. */
export function tracedQueue(queue: TaskQueue): TaskQueue {
  const traced: TaskQueue["enqueue"] = (task, args, options = {}) =>
    withSpan(`enqueue ${taskName(task)}`, {
      kind: SpanKind.PRODUCER,
      attributes: {
        "messaging.system": queue.engine,
        "messaging.operation.type": "send",
        "messaging.destination.name": targetQueue(task, options.queue),
      },
    }, async (span, context) => {
      const id = await queue.enqueue(task, args, {
        ...options,
        traceparent: options.traceparent ?? formatTraceparent(context),
      });
      span.setAttribute("messaging.message.id", id);
      return id;
    });
  return new Proxy(queue, {
    get(target, property) {
      if (property === "enqueue") return traced;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
