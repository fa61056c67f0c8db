/**
 * `superdesk tasks:status`, `tasks:retry-dead`, `tasks:purge-dead`: queue operations on the
 * configured queue (Redis or the embedded SQLite one).
 */
import { tasksPurgeDead, tasksRetryDead, tasksStatus } from "../../tasks/task_commands.ts";
import type { TaskQueue } from "../../tasks/task_queue.ts";
import type { Command, CommandContext } from "../command.ts";

async function withQueue(ctx: CommandContext, fn: (queue: TaskQueue) => Promise<unknown>) {
  const platform = await ctx.platform();
  try {
    await fn(platform.queue);
    return 0;
  } finally {
    await platform.close();
  }
}

export const tasksStatusCommand: Command = {
  name: "tasks:status",
  summary: "Print queue depths (ready, pending, delayed), dead tasks and per-task outcomes.",
  usage: "",
  flags: {},
  run: (_args, ctx) => withQueue(ctx, (queue) => tasksStatus(queue)),
};

export const tasksRetryDeadCommand: Command = {
  name: "tasks:retry-dead",
  summary: "Put every dead-lettered task back in its queue.",
  usage: "",
  flags: {},
  run: (_args, ctx) => withQueue(ctx, (queue) => tasksRetryDead(queue)),
};

export const tasksPurgeDeadCommand: Command = {
  name: "tasks:purge-dead",
  summary: "Delete every dead-lettered task.",
  usage: "",
  flags: {},
  run: (_args, ctx) => withQueue(ctx, (queue) => tasksPurgeDead(queue)),
};
