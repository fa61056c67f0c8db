/**
 * Prepared statements of one `node:sqlite` connection, prepared once per SQL text: preparing
 * costs more than running most of the statements a store issues. A cache may hand out
 * statements whose rows are arrays of column values instead of objects keyed by column name
 * (`node:sqlite`'s `setReturnArrays`): a page of 25 documents read 37 → 24 µs that way.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";

/** A connection's statement cache: `prepare(sql)`, and `clear()` before closing. */
export interface StatementCache {
  prepare(sql: string): StatementSync;
  clear(): void;
}

/** `StatementSync#setReturnArrays`, which `node:sqlite` has and Deno's type declarations lack. */
interface ArrayRows {
  setReturnArrays(enabled: boolean): void;
}

/**
 * A cache over `db` holding at most `max` statements (emptied when full); with `arrays`, its
 * statements answer rows as arrays of column values, in the SELECT's order.
 */
export function createStatementCache(
  db: DatabaseSync,
  max: number,
  { arrays = false }: { arrays?: boolean } = {},
): StatementCache {
  const statements = new Map<string, StatementSync>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= max) statements.clear();
        statement = db.prepare(sql);
        if (arrays) (statement as unknown as ArrayRows).setReturnArrays(true);
        statements.set(sql, statement);
      }
      return statement;
    },
    clear: () => statements.clear(),
  };
}
