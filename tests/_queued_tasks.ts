/**
 * Runs, as a worker would, the queued tasks named `name` of a test app that runs no worker (its
 * other tasks stay queued for nobody).
 */
import type { Platform } from "../src/platform.ts";
import type { TaskDefinition } from "../src/tasks/task_definition.ts";

/** Runs and completes every queued `name` task; answers how many ran. */
export async function runQueuedTasks(platform: Platform, name: string): Promise<number> {
  const task = platform.tasks.get(name) as TaskDefinition<unknown, unknown> | undefined;
  if (!task) throw new Error(`task ${name} is not registered`);
  let ran = 0;
  for (;;) {
    const entries = await platform.queue.read(`test-${name}`, {
      count: 100,
      queues: [task.queue],
    });
    if (entries.length === 0) return ran;
    for (const entry of entries.filter((entry) => entry.task === name)) {
      await task.handler(entry.args, {
        services: platform.services,
        signal: new AbortController().signal,
        log: platform.log,
        attempt: entry.attempt,
        taskId: entry.id,
      });
      await platform.queue.ack(entry);
      ran++;
    }
  }
}
