/**
 * A search's per-connection temporary table (relevance scores, first sort keys): created on the
 * connection's first use and emptied after each use on every path, so a connection (each search
 * thread keeps one) never holds the last search's rows in memory and the next one starts empty.
 */
import type { DatabaseSync } from "node:sqlite";

/**
 * Runs `body` with `temp.<name>` (`columns` its definition, `options` such as `WITHOUT ROWID`
 * after it, `index` the columns of a secondary index) existing and empty, then empties it.
 */
export function withScratchTable<T>(
  db: DatabaseSync,
  table: { name: string; columns: string; options?: string; index?: string },
  body: () => T,
): T {
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${table.name} (${table.columns}) ${table.options ?? ""}`,
  );
  if (table.index) {
    db.exec(`CREATE INDEX IF NOT EXISTS temp.${table.name}_by ON ${table.name} (${table.index})`);
  }
  try {
    return body();
  } finally {
    db.exec(`DELETE FROM temp.${table.name}`);
  }
}
