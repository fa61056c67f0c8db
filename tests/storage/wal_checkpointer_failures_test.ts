/**
 * When the embedded databases' checkpoints fail (`wal_checkpointer.ts`): a checkpoint thread
 * that stops is logged and its connection checkpoints inline again; failed checkpoints are
 * logged when they begin and when they end, not once per interval; and `idle()` after `close()`
 * resolves at once although a checkpoint's answer was still in its interval.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createLogger } from "../../src/log.ts";
import type { CheckpointReply } from "../../src/storage/sqlite/wal_checkpoint_thread.ts";
import { logTransition, walCheckpointer } from "../../src/storage/sqlite/wal_checkpointer.ts";

/** A logger keeping its records. */
function capturingLogger() {
  const records: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: "debug", sink: (line) => records.push(JSON.parse(line)) });
  return { log, records };
}

/** Runs `test` on a WAL database with one table in a temporary directory. */
async function withDatabase(test: (db: DatabaseSync, dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "wal_checkpointer_failures_" });
  const db = new DatabaseSync(`${dir}/store.db`);
  db.exec(`PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);`);
  try {
    await test(db, dir);
  } finally {
    if (db.isOpen) db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

function autocheckpointPages(db: DatabaseSync): number {
  return Object.values(db.prepare("PRAGMA wal_autocheckpoint").get()!)[0] as number;
}

Deno.test("a checkpoint thread that stops is logged, and the connection checkpoints inline again", async () => {
  await withDatabase(async (db, dir) => {
    const { log, records } = capturingLogger();
    // The thread's own connection cannot open a directory: its first message throws.
    const checkpointer = walCheckpointer(db, dir, { startAfter: 1, heartbeatMs: 0, log });
    db.exec("INSERT INTO t (body) VALUES ('x')");
    checkpointer.committed();
    const outcome = await checkpointer.idle();
    assert.equal(outcome?.type, "failed");
    assert.equal(autocheckpointPages(db), 1000);
    const stopped = records.filter((r) => r.level === "error");
    assert.equal(stopped.length, 1, JSON.stringify(records));
    assert.match(String(stopped[0]!.msg), /checkpoint thread stopped/);
    assert.equal(stopped[0]!.path, dir);
    assert.ok(String(stopped[0]!.error).length > 0);
    await checkpointer.close();
  });
});

Deno.test("failed checkpoints are logged when they begin and when they end", () => {
  const { log, records } = capturingLogger();
  const done: CheckpointReply = {
    type: "done",
    log: 1,
    checkpointed: 1,
    restarted: false,
    count: 1,
  };
  const failed: CheckpointReply = { type: "failed", message: "disk I/O error" };
  const replies = [done, failed, failed, failed, done, done, failed];
  let previous: CheckpointReply | undefined;
  for (const reply of replies) {
    logTransition(log, "/data/documents.db", previous, reply);
    previous = reply;
  }
  assert.deepEqual(records.map((r) => [r.level, r.msg, r.error]), [
    ["warn", "wal checkpoint failed", "disk I/O error"],
    ["info", "wal checkpoints succeed again", undefined],
    ["warn", "wal checkpoint failed", "disk I/O error"],
  ]);
  assert.ok(records.every((r) => r.path === "/data/documents.db"));
});

Deno.test("idle() after close() resolves while a checkpoint's answer waits for its interval", async () => {
  await withDatabase(async (db, dir) => {
    // The thread answers a checkpoint only after its interval: far beyond this test.
    const checkpointer = walCheckpointer(db, `${dir}/store.db`, {
      startAfter: 1,
      heartbeatMs: 0,
      intervalMs: 600_000,
    });
    db.exec("INSERT INTO t (body) VALUES ('x')");
    checkpointer.committed();
    await checkpointer.close();
    let resolved = false;
    void checkpointer.idle().then(() => resolved = true);
    // Nothing is under way after close(): idle() settles within the microtasks before this turn.
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.ok(resolved, "idle() still waiting after close()");
  });
});
