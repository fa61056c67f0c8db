/**
 * The version of the stored document text, kept in SQLite's `user_version`, and the upgrade of
 * older databases when they are opened. Version 1 writes the date marker U+10FFFF as the ASCII
 * JSON escape `DATE_ESCAPE` (see `json_codec.ts`); version 0 (databases written before) holds
 * the raw character. Both decode to the same values, so queries and indexes answer the same on
 * either, and the reader accepts both: the upgrade only rewrites the text so that reads of
 * those rows stay one-byte strings. It runs once per database, in one write transaction, and
 * whichever thread or process opens the file first does it.
 */
import type { DatabaseSync } from "node:sqlite";
import { DATE_ESCAPE, DATE_PREFIX } from "./json_codec.ts";
import { sqlIdentifier, sqlString } from "./json_path.ts";

/** The version this code writes. */
export const STORED_FORMAT_VERSION = 1;

/** Brings the database's documents to `STORED_FORMAT_VERSION`; a no-op when they are. */
export function upgradeStoredFormat(db: DatabaseSync): void {
  if (version(db) >= STORED_FORMAT_VERSION) return;
  db.exec("BEGIN IMMEDIATE");
  try {
    if (version(db) < STORED_FORMAT_VERSION) {
      const marker = sqlString(DATE_PREFIX);
      for (const table of documentTables(db)) {
        db.exec(
          `UPDATE ${sqlIdentifier(table)} SET doc = replace(doc, ${marker}, ${
            sqlString(DATE_ESCAPE)
          }) WHERE instr(doc, ${marker}) > 0`,
        );
      }
      db.exec(`PRAGMA user_version = ${STORED_FORMAT_VERSION}`);
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

function version(db: DatabaseSync): number {
  const row = db.prepare("PRAGMA user_version").get() as { user_version: number };
  return row.user_version;
}

/** The collections' tables: exactly the columns `id` and `doc`. */
export function documentTables(db: DatabaseSync): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<
    { name: string }
  >;
  return tables.map((row) => row.name).filter((name) => {
    const columns = db.prepare(`PRAGMA table_info(${sqlIdentifier(name)})`).all() as Array<
      { name: string }
    >;
    return columns.map((column) => column.name).join() === "id,doc";
  });
}
