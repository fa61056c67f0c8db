/**
 * A failed flush of the write-ahead log (`wal_flush.ts`): its writers and every later writer are
 * refused with a 503, a batch committed meanwhile included (its frames follow the lost ones, so a
 * later flush that seemed to succeed would not save it); a log missing where a commit was just
 * made is such a failure, never "nothing to flush".
 */
import assert from "node:assert/strict";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { ServiceUnavailableError } from "../../src/errors.ts";
import {
  holdFlushes,
  rowCount,
  settled,
  withDatabase,
  withHeldWalCommits,
} from "./_group_commit_db.ts";

/** Whether `error` is the store's refusal: a 503 naming the flush's failure. */
function refusal(reason: RegExp) {
  return (error: unknown) =>
    error instanceof ServiceUnavailableError && error.status === 503 &&
    /write-ahead log/.test(error.message) && reason.test(error.message);
}

Deno.test("group commit with walPath: after a failed flush, the batch committed meanwhile and every later write are refused with a 503", async () => {
  await withHeldWalCommits(async ({ db, commits, flushes }) => {
    const insert = (v: string) =>
      commits.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v));
    const first = insert("a");
    await flushes.startedCount(1);
    const second = insert("b");
    assert.equal(await settled(second), false);
    assert.equal(rowCount(db), 2, "the second batch committed while the first flush ran");
    flushes.started[0]!.reject(new Error("Input/output error (os error 5)"));
    await assert.rejects(first, refusal(/Input\/output error/));
    assert.equal(await settled(second), true, "the second batch is not flushed on its own");
    await assert.rejects(second, refusal(/Input\/output error/));
    assert.equal(flushes.started.length, 1);
    await assert.rejects(insert("c"), refusal(/Input\/output error/));
    commits.flush();
    assert.equal(rowCount(db), 2, "a refused write is not committed");
    assert.ok(commits.failure instanceof ServiceUnavailableError);
    await commits.close();
    assert.equal(flushes.started.length, 1);
  });
});

Deno.test("group commit with walPath: a log missing after a commit fails the writers loudly", async () => {
  await withDatabase(async (db, path) => {
    const commits = createGroupCommit(db, { walPath: `${path}-elsewhere-wal` });
    const write = commits.run(() => db.prepare("INSERT INTO t (v) VALUES ('a')").run());
    await assert.rejects(write, refusal(/does not exist although this connection committed/));
    await assert.rejects(commits.run(() => 1), refusal(/does not exist/));
    await commits.close();
  });
});

Deno.test("sqlite store: after a failed flush writes answer 503 and the store reports itself down", async () => {
  const dir = await Deno.makeTempDir({ prefix: "group_commit_store_" });
  const flushes = holdFlushes();
  try {
    const store = createSqliteDocumentStore({ path: `${dir}/data.db` });
    const items = store.collection("items");
    assert.equal((await store.ping()).ok, true);
    const written = items.insertMany([{ _id: "a", n: 1 }]);
    await flushes.startedCount(1);
    flushes.started[0]!.reject(new Error("No space left on device (os error 28)"));
    await assert.rejects(written, refusal(/No space left/));
    await assert.rejects(items.insertMany([{ _id: "b", n: 2 }]), refusal(/No space left/));
    await assert.rejects(items.deleteMany({}), refusal(/No space left/));
    const status = await store.ping();
    assert.equal(status.ok, false);
    assert.match(status.error ?? "", /refuses every write/);
    assert.equal(await items.findOne({ _id: "b" }), null);
    await store.close();
  } finally {
    flushes.restore();
    await Deno.remove(dir, { recursive: true });
  }
});
