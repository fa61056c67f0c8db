/**
 * Snapshot reads of the SQLite store. Reads that depend on the index bookkeeping (which indexed
 * fields are scalar, see `sqlite_indexes.ts`) read it in the same snapshot as the data, opening a
 * read transaction only when a query needs it; inside a write's transaction (`group_commit.ts`,
 * which takes the write lock up front with `BEGIN IMMEDIATE`, so a select-modify-write can never
 * interleave with another writer in any thread or process) they read that transaction.
 */
import type { DatabaseSync } from "node:sqlite";

/** Whether an indexed field is known never to hold an array. */
export type ScalarFields = (field: string) => boolean;

/** Reads the field → scalar map of a collection. */
export type ReadScalarFields = () => Map<string, boolean>;

/** Runs `body` with a lazy, snapshot-consistent `ScalarFields`. */
export function withSnapshot<T>(
  db: DatabaseSync,
  readFields: ReadScalarFields,
  body: (scalarField: ScalarFields) => T,
): T {
  let fields: Map<string, boolean> | undefined;
  let began = false;
  const scalarField = (field: string) => {
    if (!fields) {
      if (!db.isTransaction) {
        db.exec("BEGIN");
        began = true;
      }
      fields = readFields();
    }
    return fields.get(field) === true;
  };
  try {
    const result = body(scalarField);
    if (began) db.exec("COMMIT");
    return result;
  } catch (error) {
    if (began && db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
