/**
 * The TaskQueue on SQLite (the embedded default): one `tasks` table where a row is ready,
 * running (leased to a consumer until `lease_until`) or dead. Reading is one UPDATE … RETURNING,
 * so a due delayed row becomes ready and is leased in the same atomic statement (promoteDue has
 * nothing left to do). Writes share transactions per turn of the thread's event loop and wait for
 * the write lock without blocking the thread (`group_commit.ts`, as the document store does).
 * Safe across threads and processes sharing the file; waiting readers are
 * woken at once by a BroadcastChannel in this process (one wake-up message per turn of the
 * enqueuing thread's event loop, however many tasks it enqueued) and poll for other processes.
 */
import type { StatementSync } from "node:sqlite";
import { setImmediate } from "node:timers";
import { measureStatus } from "../../engines/engine_status.ts";
import type { Logger } from "../../log.ts";
import { backoffDelay } from "../backoff.ts";
import { decodeArgs, encodeArgs } from "../task_codec.ts";
import {
  dueTime,
  type QueueName,
  QUEUES,
  type QueueStats,
  targetQueue,
  type TaskEntry,
  taskName,
  type TaskQueue,
  tickKey,
} from "../task_queue.ts";
import { createGroupCommit } from "../../storage/sqlite/group_commit.ts";
import { openTaskDatabase } from "./_database.ts";
import { createSqliteLockService } from "./sqlite_lock_service.ts";

/** Options of `createSqliteTaskQueue`. */
export interface SqliteTaskQueueOptions {
  /** The database file, shared by every thread and process of the deployment. */
  path: string;
  log: Logger;
  /** Lease of a delivered entry (default 30 s). */
  leaseMs?: number;
  /** How often a blocked read looks for work written by other processes (default 200 ms). */
  pollMs?: number;
}

type Row = Record<string, string | number | null>;

/** Opens the store; close() closes it. */
export function createSqliteTaskQueue(
  { path, log, leaseMs = 30_000, pollMs = 200 }: SqliteTaskQueueOptions,
): Promise<TaskQueue> {
  const db = openTaskDatabase(path);
  const commits = createGroupCommit(db);
  const channel = new BroadcastChannel(`superdesk-tasks:${path}`);
  const waiters = new Set<() => void>();
  let announcing = false;
  let closed = false;
  const wake = () => waiters.forEach((resolve) => resolve());
  channel.onmessage = wake;
  const count = db.prepare(
    `INSERT INTO task_counts (task, kind, n) VALUES (?, ?, 1)
     ON CONFLICT (task, kind) DO UPDATE SET n = n + 1`,
  );
  const insert = db.prepare(
    `INSERT INTO tasks
       (id, queue, task, args, attempt, enqueued_at, due_at, unique_key, traceparent, state)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, 'ready')`,
  );
  const byUniqueKey = db.prepare(
    "SELECT id FROM tasks WHERE unique_key = ? AND state <> 'dead'",
  );
  const renewLease = db.prepare(
    `UPDATE tasks SET lease_until = ? WHERE seq = ? AND state = 'running' AND consumer = ?`,
  );
  const deleteDone = db.prepare("DELETE FROM tasks WHERE seq = ? AND state = 'running'");
  const retryLater = db.prepare(
    `UPDATE tasks SET state = 'ready', attempt = ?, due_at = ?, deliveries = 0,
       consumer = NULL, lease_until = NULL, error = ?
     WHERE seq = ? AND state = 'running'`,
  );
  const deadLetter = db.prepare(
    `UPDATE tasks SET state = 'dead', attempt = ?, consumer = NULL, lease_until = NULL,
       error = ?, failed_at = ? WHERE seq = ? AND state = 'running'`,
  );
  const claimScheduleTick = db.prepare(
    "UPDATE task_schedules SET next_run_at = ? WHERE name = ? AND next_run_at = ?",
  );
  const lease = (where: string) =>
    db.prepare(
      `UPDATE tasks SET state = 'running', consumer = ?, lease_until = ?,
         deliveries = deliveries + 1
       WHERE seq IN (SELECT seq FROM tasks WHERE ${where} ORDER BY due_at, seq LIMIT ?)
       RETURNING *`,
    );
  const leaseReclaimable = lease("state = 'running' AND lease_until < ?");
  /** What selects the ready entries of some queues, after `due_at <= ?` and the queues' names. */
  const readyWhere = (marks: string) => `state = 'ready' AND due_at <= ? AND queue IN (${marks})`;
  const leaseReady = new Map<string, StatementSync>();
  const anyReady = new Map<string, StatementSync>();

  /** The statement of `cache` for `queues`, prepared from `build(marks)` on first use. */
  function forQueues(
    cache: Map<string, StatementSync>,
    queues: readonly QueueName[],
    build: (marks: string) => StatementSync,
  ): StatementSync {
    const names = queues.join(",");
    let statement = cache.get(names);
    if (!statement) cache.set(names, statement = build(queues.map(() => "?").join(", ")));
    return statement;
  }

  /**
   * Whether `queues` hold a ready entry now: a plain read, which needs neither the write lock
   * nor a commit, so a reader woken for work another one took costs no write transaction.
   */
  function hasReady(queues: readonly QueueName[]): boolean {
    const statement = forQueues(
      anyReady,
      queues,
      (marks) => db.prepare(`SELECT 1 FROM tasks WHERE ${readyWhere(marks)} LIMIT 1`),
    );
    return statement.get(Date.now(), ...queues) !== undefined;
  }

  function put(
    task: string,
    args: unknown,
    { queue, dueAt, key, traceparent }: {
      queue: QueueName;
      dueAt: number;
      key?: string;
      traceparent?: string;
    },
  ) {
    if (key) {
      const existing = byUniqueKey.get(key) as Row | undefined;
      if (existing) return String(existing.id);
    }
    const id = crypto.randomUUID();
    insert.run(
      id,
      queue,
      task,
      encodeArgs(args),
      Date.now(),
      dueAt,
      key ?? null,
      traceparent ?? null,
    );
    return id;
  }

  function announce() {
    wake();
    if (announcing) return;
    announcing = true;
    setImmediate(() => {
      announcing = false;
      if (!closed) channel.postMessage(1);
    });
  }

  function readNow(consumer: string, limit: number, queues: readonly QueueName[]): TaskEntry[] {
    const statement = forQueues(leaseReady, queues, (marks) => lease(readyWhere(marks)));
    const now = Date.now();
    const rows = statement.all(consumer, now + leaseMs, now, ...queues, limit) as Row[];
    return rows.map(toEntry).sort((a, b) => a.dueAt - b.dueAt);
  }

  function waitForWork(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });
  }

  return Promise.resolve({
    engine: "sqlite",
    leaseMs,
    locks: createSqliteLockService(db, commits),

    enqueue(task, args, options = {}) {
      const queue = targetQueue(task, options.queue);
      const dueAt = dueTime(options, Date.now());
      return commits.run(() =>
        put(taskName(task), args, {
          queue,
          dueAt,
          key: options.uniqueKey,
          traceparent: options.traceparent,
        })
      ).then((id) => {
        announce();
        return id;
      });
    },

    async read(consumer, { count = 1, blockMs = 0, queues = QUEUES } = {}) {
      const deadline = Date.now() + blockMs;
      for (;;) {
        const entries = hasReady(queues)
          ? await commits.run(() => readNow(consumer, count, queues))
          : [];
        const left = deadline - Date.now();
        if (entries.length > 0 || left <= 0) return entries;
        await waitForWork(Math.min(left, pollMs));
      }
    },

    renew(consumer, entry) {
      return commits.run(() => {
        const { changes } = renewLease.run(Date.now() + leaseMs, Number(entry.entryId), consumer);
        return Number(changes) === 1;
      });
    },

    ack(entry, { next } = {}) {
      return commits.run(() => {
        const { changes } = deleteDone.run(Number(entry.entryId));
        if (Number(changes) === 1) count.run(entry.task, "done");
        return next ? readNow(next.consumer, 1, next.queues ?? QUEUES) : [];
      });
    },

    async fail(entry, error, { maxAttempts, backoff }) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = entry.attempt < maxAttempts;
      const dueAt = Date.now() + backoffDelay(backoff, entry.attempt);
      await commits.run(() => {
        const { changes } = retry
          ? retryLater.run(entry.attempt + 1, dueAt, message, Number(entry.entryId))
          : deadLetter.run(entry.attempt, message, Date.now(), Number(entry.entryId));
        if (Number(changes) === 1) count.run(entry.task, retry ? "retried" : "dead");
      });
      if (retry) announce();
      return retry ? { outcome: "retry", dueAt } : { outcome: "dead" };
    },

    reclaim(consumer, { count = 1 } = {}) {
      return commits.run(() => {
        const now = Date.now();
        return (leaseReclaimable.all(consumer, now + leaseMs, now, count) as Row[]).map(toEntry);
      });
    },

    promoteDue() {
      return Promise.resolve(0);
    },

    initSchedule(schedule, firstAt) {
      db.prepare("INSERT OR IGNORE INTO task_schedules (name, next_run_at) VALUES (?, ?)")
        .run(schedule, firstAt);
      const row = db.prepare("SELECT next_run_at FROM task_schedules WHERE name = ?")
        .get(schedule) as Row;
      return Promise.resolve(Number(row.next_run_at));
    },

    async claimTick({ schedule, expectedAt, nextAt, task, args, queue }) {
      const claimed = await commits.run(() => {
        const { changes } = claimScheduleTick.run(nextAt, schedule, expectedAt);
        if (Number(changes) !== 1) return false;
        const key = tickKey(schedule, expectedAt);
        put(taskName(task), args, { queue: targetQueue(task, queue), dueAt: expectedAt, key });
        return true;
      });
      if (claimed) announce();
      return claimed;
    },

    stats() {
      const now = Date.now();
      const queues = Object.fromEntries(
        QUEUES.map((q) => [q, { ready: 0, pending: 0, delayed: 0 }]),
      ) as QueueStats["queues"];
      const oldestReadyAgeMs = Object.fromEntries(QUEUES.map((q) => [q, 0])) as QueueStats[
        "oldestReadyAgeMs"
      ];
      const rows = db.prepare(
        `SELECT queue, SUM(state = 'ready' AND due_at <= ?) AS ready,
           SUM(state = 'running') AS pending, SUM(state = 'ready' AND due_at > ?) AS delayed,
           MIN(CASE WHEN state = 'ready' AND due_at <= ? THEN due_at END) AS oldest_due
         FROM tasks WHERE state <> 'dead' GROUP BY queue`,
      ).all(now, now, now) as Row[];
      for (const row of rows) {
        const target = queues[row.queue as QueueName];
        if (!target) continue;
        target.ready = Number(row.ready);
        target.pending = Number(row.pending);
        target.delayed = Number(row.delayed);
        if (row.oldest_due !== null) {
          oldestReadyAgeMs[row.queue as QueueName] = Math.max(0, now - Number(row.oldest_due));
        }
      }
      const dead = db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE state = 'dead'").get() as Row;
      const tasks: QueueStats["tasks"] = {};
      for (const row of db.prepare("SELECT task, kind, n FROM task_counts").all() as Row[]) {
        const name = String(row.task);
        tasks[name] ??= { done: 0, retried: 0, dead: 0 };
        tasks[name][row.kind as "done"] = Number(row.n);
      }
      return Promise.resolve({ queues, oldestReadyAgeMs, dead: Number(dead.n), tasks });
    },

    retryDead() {
      const { changes } = db.prepare(
        `UPDATE tasks SET state = 'ready', attempt = 1, deliveries = 0, due_at = ?,
           unique_key = NULL, error = NULL, failed_at = NULL WHERE state = 'dead'`,
      ).run(Date.now());
      if (Number(changes) > 0) announce();
      return Promise.resolve(Number(changes));
    },

    purgeDead() {
      const { changes } = db.prepare("DELETE FROM tasks WHERE state = 'dead'").run();
      return Promise.resolve(Number(changes));
    },

    purgeWaiting() {
      // A row's unique key goes with it; running rows stay for their worker to finish.
      const { changes } = db.prepare("DELETE FROM tasks WHERE state IN ('ready', 'dead')").run();
      return Promise.resolve(Number(changes));
    },

    ping() {
      return measureStatus("queue", "sqlite", () => {
        const row = db.prepare("SELECT sqlite_version() AS v").get() as Row;
        return Promise.resolve(String(row.v));
      });
    },

    close() {
      wake();
      commits.flush();
      if (announcing) channel.postMessage(1);
      closed = true;
      channel.close();
      db.close();
      log.debug("sqlite task queue closed", { path });
      return Promise.resolve();
    },
  });
}

function toEntry(row: Row): TaskEntry {
  const deliveries = Number(row.deliveries);
  return {
    id: String(row.id),
    entryId: String(row.seq),
    queue: row.queue as QueueName,
    task: String(row.task),
    args: decodeArgs(String(row.args)),
    attempt: Number(row.attempt),
    deliveries,
    enqueuedAt: Number(row.enqueued_at),
    dueAt: Number(row.due_at),
    uniqueKey: row.unique_key === null ? undefined : String(row.unique_key),
    traceparent: row.traceparent === null || row.traceparent === undefined
      ? undefined
      : String(row.traceparent),
  };
}
