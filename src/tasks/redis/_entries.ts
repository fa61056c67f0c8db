/**
 * Conversions between TaskEntry values and the flat field lists stored in streams, delayed
 * sets and the dead-letter stream.
 */
import { decodeArgs, encodeArgs } from "../task_codec.ts";
import type { QueueName, TaskEntry } from "../task_queue.ts";
import { ENTRY_FIELDS } from "./_scripts.ts";

/** The stored fields of a new or retried task. */
export interface StoredTask {
  id: string;
  task: string;
  args: string;
  attempt: number;
  enqueuedAt: number;
  dueAt: number;
  uniqueKey?: string;
  traceparent?: string;
}

/** The flat `[name, value, …]` list XADD takes. */
export function toFields(task: StoredTask): string[] {
  const values: Record<(typeof ENTRY_FIELDS)[number], string> = {
    id: task.id,
    task: task.task,
    args: task.args,
    attempt: String(task.attempt),
    enqueued_at: String(task.enqueuedAt),
    due_at: String(task.dueAt),
    unique_key: task.uniqueKey ?? "",
    traceparent: task.traceparent ?? "",
  };
  return ENTRY_FIELDS.flatMap((name) => [name, values[name]]);
}

/** The JSON member a delayed sorted set stores. */
export function toMember(task: StoredTask): string {
  const fields = toFields(task);
  const member: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) member[fields[i]!] = fields[i + 1]!;
  return JSON.stringify(member);
}

/** The stored form of an entry, as retried (`attempt` is the next attempt). */
export function storedOf(entry: TaskEntry, attempt: number, dueAt: number): StoredTask {
  return {
    id: entry.id,
    task: entry.task,
    args: encodeArgs(entry.args),
    attempt,
    enqueuedAt: entry.enqueuedAt,
    dueAt,
    uniqueKey: entry.uniqueKey,
    traceparent: entry.traceparent,
  };
}

/** A TaskEntry from a stream entry's flat fields and its delivery count. */
export function fromFields(
  queue: QueueName,
  entryId: string,
  flat: readonly string[],
  deliveries: number,
): TaskEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i]!] = flat[i + 1]!;
  return {
    id: f.id ?? entryId,
    entryId,
    queue,
    task: f.task ?? "",
    args: decodeArgs(f.args ?? "null"),
    attempt: Number(f.attempt ?? 1),
    deliveries,
    enqueuedAt: Number(f.enqueued_at ?? 0),
    dueAt: Number(f.due_at ?? 0),
    uniqueKey: f.unique_key || undefined,
    traceparent: f.traceparent || undefined,
  };
}
