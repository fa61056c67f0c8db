/**
 * Exact count answers of one SQLite collection, remembered until its data may have changed: a
 * write through this connection forgets them, and so does any commit by another connection
 * (another thread or process on the same file), which SQLite's `PRAGMA data_version` reveals.
 * Unlike the MongoDB count cache (`../count_cache.ts`) nothing is served stale: a list repeated
 * with no write between pays a pragma (~1 µs) instead of a count (one `json_extract` per
 * candidate row when the filter is on an unindexed field).
 */
import type { StatementSync } from "node:sqlite";

/** Remembered counts by query. */
export interface CountMemo {
  /** The remembered count of `key` (SQL text and parameters), if nothing changed since. */
  get(key: string): number | undefined;
  /** Remembers `count` for `key` (counted after `get` missed, never inside a write). */
  set(key: string, count: number): void;
  /** Forgets everything: this connection is writing to the collection. */
  written(): void;
}

/** Queries remembered at most; the oldest is forgotten first. */
const MAX_COUNTS = 100;

/**
 * A memo over the connection whose statement cache is `prepareRows` (rows as arrays of column
 * values: `statement_cache.ts`).
 */
export function createCountMemo(prepareRows: (sql: string) => StatementSync): CountMemo {
  const counts = new Map<string, number>();
  let version: unknown;
  const dataVersion = () => (prepareRows("PRAGMA data_version").get() as unknown as [number])[0];
  return {
    get(key) {
      const now = dataVersion();
      if (now !== version) {
        counts.clear();
        version = now;
        return undefined;
      }
      return counts.get(key);
    },
    set(key, count) {
      if (counts.size >= MAX_COUNTS) counts.delete(counts.keys().next().value!);
      counts.set(key, count);
    },
    // `clear` allocates a new table even when empty, and every write calls this.
    written: () => {
      if (counts.size > 0) counts.clear();
    },
  };
}
