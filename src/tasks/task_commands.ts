/**
 * The `tasks:status`, `tasks:retry-dead` and `tasks:purge-dead` subcommands, as plain functions
 * over a TaskQueue; the CLI builds the queue from configuration and calls them.
 */
import { printLine } from "../log.ts";
import { QUEUES, type TaskQueue } from "./task_queue.ts";

/** Output options; tests pass `print` to capture lines. */
export interface CommandOutput {
  print?: (line: string) => void;
}

/** Prints queue depths, the dead-letter count and per-task outcomes as a table. */
export async function tasksStatus(
  queue: TaskQueue,
  { print = printLine }: CommandOutput = {},
): Promise<void> {
  const stats = await queue.stats();
  print(`engine: ${queue.engine}`);
  print(row(["queue", "ready", "pending", "delayed"]));
  for (const name of QUEUES) {
    const { ready, pending, delayed } = stats.queues[name];
    print(row([name, ready, pending, delayed]));
  }
  print(`dead: ${stats.dead}`);
  const names = Object.keys(stats.tasks).sort();
  if (names.length === 0) return;
  print(row(["task", "done", "retried", "dead"]));
  for (const name of names) {
    const { done, retried, dead } = stats.tasks[name]!;
    print(row([name, done, retried, dead]));
  }
}

/** Puts every dead task back in its queue and prints how many. */
export async function tasksRetryDead(
  queue: TaskQueue,
  { print = printLine }: CommandOutput = {},
): Promise<number> {
  const count = await queue.retryDead();
  print(`requeued ${count} dead task${count === 1 ? "" : "s"}`);
  return count;
}

/** Deletes every dead task and prints how many. */
export async function tasksPurgeDead(
  queue: TaskQueue,
  { print = printLine }: CommandOutput = {},
): Promise<number> {
  const count = await queue.purgeDead();
  print(`purged ${count} dead task${count === 1 ? "" : "s"}`);
  return count;
}

function row(cells: (string | number)[]): string {
  return cells.map((cell, i) => i === 0 ? String(cell).padEnd(24) : String(cell).padStart(8))
    .join(" ");
}
