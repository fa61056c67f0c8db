/**
 * Prepared statements of one `node:sqlite` connection, prepared once per SQL text: preparing
 * costs more than running most of the statements a store issues.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";

/** A connection's statement cache: `prepare(sql)`, and `clear()` before closing. */
export interface StatementCache {
  prepare(sql: string): StatementSync;
  clear(): void;
}

/** A cache over `db` holding at most `max` statements (emptied when full). */
export function createStatementCache(db: DatabaseSync, max: number): StatementCache {
  const statements = new Map<string, StatementSync>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= max) statements.clear();
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    clear: () => statements.clear(),
  };
}
