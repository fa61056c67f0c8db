/**
 * The public surface of the background-task system, for the CLI roles and the app: queue
 * factories, task and schedule declarations, the worker supervisor and the operations commands.
 */
export { backoffDelay } from "./backoff.ts";
export { type LockOutcome, type LockService, withLock } from "./lock.ts";
export { registerQueueMetrics } from "./queue_metrics.ts";
export { checkRedisPersistence } from "./redis/check_redis_persistence.ts";
export { createRedisTaskQueue, type RedisTaskQueueOptions } from "./redis/redis_task_queue.ts";
export { defineSchedule, type Schedule, type ScheduleOptions } from "./schedule.ts";
export { createScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.ts";
export { createSqliteTaskQueue, type SqliteTaskQueueOptions } from "./sqlite/sqlite_task_queue.ts";
export {
  createSupervisor,
  type Supervisor,
  type SupervisorOptions,
  type WorkerStatus,
} from "./supervisor.ts";
export { tasksPurgeDead, tasksRetryDead, tasksStatus } from "./task_commands.ts";
export { decodeArgs, encodeArgs } from "./task_codec.ts";
export {
  createTaskRegistry,
  defineTask,
  type TaskContext,
  type TaskDefinition,
  type TaskRegistry,
} from "./task_definition.ts";
export {
  type EnqueueOptions,
  type QueueName,
  QUEUES,
  type QueueStats,
  type TaskQueue,
} from "./task_queue.ts";
export type { CreateTaskEnvironment, TaskEnvironment, WorkerInit } from "./worker_protocol.ts";
