/**
 * The search-index contract against the embedded SQLite FTS5 index, in a temporary file: with
 * SQLite's automatic log checkpoints, and with the checkpoints in a thread of their own (as the
 * server's API thread opens it; the peer, as a worker thread, leaves them to that thread). Closed,
 * neither leaves a connection open (the thread's included): the last to close removes the log.
 */
import assert from "node:assert/strict";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { searchIndexContract } from "../contracts/search_index_contract.ts";

for (const checkpoints of ["inline", "thread"] as const) {
  searchIndexContract(
    checkpoints === "inline" ? "sqlite" : "sqlite, checkpoints in a thread",
    async () => {
      const dir = await Deno.makeTempDir({ prefix: "search_index_" });
      const index = createSqliteSearchIndex({
        path: `${dir}/search.db`,
        prefix: "test",
        checkpoints,
        // The thread from the first commit on, checkpointing as often as commits come.
        checkpointThread: { startAfter: 1, intervalMs: 0 },
      });
      const peer = createSqliteSearchIndex({
        path: `${dir}/search.db`,
        prefix: "test",
        checkpoints: checkpoints === "thread" ? "deferred" : "inline",
      });
      return {
        index,
        peer,
        async cleanup() {
          try {
            await index.close();
            await peer.close();
            await assert.rejects(Deno.stat(`${dir}/search.db-wal`), Deno.errors.NotFound);
          } finally {
            await Deno.remove(dir, { recursive: true });
          }
        },
      };
    },
  );
}
