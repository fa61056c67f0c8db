/**
 * One read transaction around a search's statements (count, page, documents, aggregations), so
 * they read one snapshot of the index file: a commit by another connection (another process, the
 * writer of a search thread's file) lands before or after them, never between, so a total agrees
 * with its hits and a paged document is still there to read. A connection already in a
 * transaction (a search thread's job) reads within it.
 */
import type { DatabaseSync } from "node:sqlite";

/** Runs `work` in a read transaction of `db`, unless `db` is in one already. */
export function inReadSnapshot<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec("BEGIN");
  try {
    return work();
  } finally {
    // A failed statement may have ended the transaction already.
    if (db.isTransaction) db.exec("COMMIT");
  }
}
