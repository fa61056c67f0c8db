/**
 * The two transaction shapes of the SQLite store. Reads that depend on the index bookkeeping
 * (which indexed fields are scalar, see `sqlite_indexes.ts`) read it in the same snapshot as
 * the data, opening a read transaction only when a query needs it. Writes take the write lock up
 * front (`BEGIN IMMEDIATE`, waiting up to `busy_timeout`), so a select-modify-write can never
 * interleave with another writer in any thread or process.
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

/** Runs `body` in a `BEGIN IMMEDIATE` transaction, committed when it returns. */
export function inWriteTransaction<T>(
  db: DatabaseSync,
  readFields: ReadScalarFields,
  body: (scalarField: ScalarFields) => T,
): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = withSnapshot(db, readFields, body);
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
