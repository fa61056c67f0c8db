/**
 * Opens the SQLite task store: WAL (readers never block the writer), a busy timeout so threads
 * and processes sharing the file wait instead of failing, and the schema. One connection per
 * thread; the queue's writes go through a group commit (`storage/sqlite/group_commit.ts`).
 */
import { DatabaseSync } from "node:sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tasks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  queue TEXT NOT NULL,
  task TEXT NOT NULL,
  args TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  enqueued_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  unique_key TEXT,
  state TEXT NOT NULL CHECK (state IN ('ready', 'running', 'dead')),
  consumer TEXT,
  lease_until INTEGER,
  deliveries INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  failed_at INTEGER,
  traceparent TEXT
);
CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks (state, queue, due_at, seq);
CREATE UNIQUE INDEX IF NOT EXISTS tasks_by_unique_key ON tasks (unique_key)
  WHERE unique_key IS NOT NULL AND state <> 'dead';
CREATE TABLE IF NOT EXISTS task_counts (
  task TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (task, kind)
);
CREATE TABLE IF NOT EXISTS task_schedules (name TEXT PRIMARY KEY, next_run_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS task_locks (
  name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL
);
`;

/** How long a writer waits for the write lock another thread or process holds. */
const TASK_DB_BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating if needed) the task store at `path`. */
export function openTaskDatabase(
  path: string,
  { busyTimeoutMs = TASK_DB_BUSY_TIMEOUT_MS } = {},
): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA busy_timeout = ${Math.round(busyTimeoutMs)}`);
  enableWal(db, busyTimeoutMs);
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(SCHEMA);
    addMissingColumns(db);
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
  return db;
}

/** Columns added after the first release, for stores created before them. */
function addMissingColumns(db: DatabaseSync) {
  const columns = db.prepare("PRAGMA table_info(tasks)").all().map((row) => String(row.name));
  if (!columns.includes("traceparent")) db.exec("ALTER TABLE tasks ADD COLUMN traceparent TEXT");
}

/**
 * Switches to WAL. Two connections opening a new file at once can get "database is locked"
 * here (the switch does not always wait on the busy timeout), so it is retried.
 */
function enableWal(db: DatabaseSync, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (error) {
      if (!/locked|busy/i.test(String(error)) || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
