/**
 * Secondary indexes of the SQLite store: one expression index per `IndexSpec` over the same
 * `json_extract(doc, '$.field')` expressions the queries emit, plus the bookkeeping that lets
 * queries use them. MongoDB indexes arrays element by element; SQLite cannot, so a query on a
 * field that might hold an array needs a `json_each` branch, which defeats the index. The table
 * `_docstore_fields` therefore records, per indexed field, whether any document ever held an
 * array on its path (`multikey`, set by triggers on every write from any connection, and never
 * cleared, like MongoDB's multikey flag). Queries read it in the same transaction as the data.
 *
 * A field only `scalar` indexes name (`IndexSpec.scalar`: its writers never store an array
 * there) gets no triggers, and loses those an earlier definition gave it: each write of a table
 * with many indexed fields otherwise pays one trigger test per field.
 *
 * Known differences from MongoDB: a unique index lets several documents lack the field (or hold
 * null), as FerretDB does; `sparse` needs no partial index as missing values are NULL.
 */
import type { DatabaseSync } from "node:sqlite";
import type { IndexSpec } from "../document_store.ts";
import { checkFieldName } from "../where_filter.ts";
import { fieldExpression, jsonPath, sqlIdentifier, sqlString } from "./json_path.ts";

/** The bookkeeping table of indexed fields. */
export const FIELDS_TABLE = "_docstore_fields";

/** Creates the bookkeeping table when missing. */
export function createFieldsTable(db: DatabaseSync): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${FIELDS_TABLE} (coll TEXT NOT NULL, field TEXT NOT NULL, ` +
      `multikey INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (coll, field))`,
  );
}

/** The SQL that reads `field → multikey` for one collection (one `?`: the table name). */
export const FIELDS_SQL = `SELECT field, multikey FROM ${FIELDS_TABLE} WHERE coll = ?`;

/** The SQLite name of the index `name` of `table`. */
export function indexName(table: string, name: string): string {
  return `${table}__${name}`;
}

/**
 * Creates missing indexes and field bookkeeping, and removes `dropped` ones; call inside a write
 * transaction. A field named only by `scalar` indexes of `indexes` is declared scalar (see the
 * module comment).
 */
export function createIndexes(db: DatabaseSync, table: string, indexes: IndexSpec[]): void {
  for (const index of indexes) {
    if (index.dropped) {
      db.exec(`DROP INDEX IF EXISTS ${sqlIdentifier(indexName(table, index.name))}`);
    }
  }
  const live = indexes.filter((index) => !index.dropped);
  const tracked = new Set(live.flatMap((index) => index.scalar ? [] : Object.keys(index.keys)));
  for (const index of live) {
    const fields = Object.keys(index.keys);
    if (fields.length === 0) throw new Error(`Index "${index.name}" has no keys`);
    fields.forEach(checkFieldName);
    const columns = Object.entries(index.keys).map(([field, direction]) =>
      `${field === "_id" ? "id" : fieldExpression(field)}${direction === -1 ? " DESC" : ""}`
    );
    db.exec(
      `CREATE ${index.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS ` +
        `${sqlIdentifier(indexName(table, index.name))} ON ${sqlIdentifier(table)} ` +
        `(${columns.join(", ")})`,
    );
    for (const field of fields) {
      if (field === "_id") continue;
      if (tracked.has(field)) trackField(db, table, field);
      else declareScalar(db, table, field);
    }
  }
}

/** True when `source` (a JSON doc expression) holds an array on `field` or on a prefix of it. */
function arrayOnPath(source: string, field: string): string {
  const segments = field.split(".");
  return segments.map((_, i) =>
    `json_type(${source}, ${sqlString(jsonPath(segments.slice(0, i + 1).join(".")))}) = 'array'`
  ).join(" OR ");
}

/** The trigger that flags `field` of `table` multikey on `event` (INSERT or UPDATE). */
function multikeyTrigger(table: string, event: string, field: string): string {
  return sqlIdentifier(`${table}__multikey__${event.toLowerCase()}__${field}`);
}

/**
 * Records `field` as indexed without triggers (its writers store no arrays there); a field
 * already flagged multikey stays so, as its stored documents may hold arrays.
 */
function declareScalar(db: DatabaseSync, table: string, field: string): void {
  db.prepare(`INSERT OR IGNORE INTO ${FIELDS_TABLE} (coll, field) VALUES (?, ?)`).run(table, field);
  for (const event of ["INSERT", "UPDATE"]) {
    db.exec(`DROP TRIGGER IF EXISTS ${multikeyTrigger(table, event, field)}`);
  }
}

function trackField(db: DatabaseSync, table: string, field: string): void {
  const coll = sqlString(table);
  const name = sqlString(field);
  db.prepare(`INSERT OR IGNORE INTO ${FIELDS_TABLE} (coll, field) VALUES (?, ?)`).run(table, field);
  db.prepare(
    `UPDATE ${FIELDS_TABLE} SET multikey = 1 WHERE coll = ? AND field = ? AND EXISTS ` +
      `(SELECT 1 FROM ${sqlIdentifier(table)} WHERE ${arrayOnPath("doc", field)})`,
  ).run(table, field);
  for (const event of ["INSERT", "UPDATE"]) {
    db.exec(
      `CREATE TRIGGER IF NOT EXISTS ${multikeyTrigger(table, event, field)} AFTER ${event} ON ${
        sqlIdentifier(table)
      } ` +
        `WHEN ${arrayOnPath("NEW.doc", field)} BEGIN UPDATE ${FIELDS_TABLE} SET multikey = 1 ` +
        `WHERE coll = ${coll} AND field = ${name} AND multikey = 0; END`,
    );
  }
}

/** The first field of the SQLite index `sqliteName`, from its definition (error path only). */
export function indexedField(db: DatabaseSync, sqliteName: string): string | undefined {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")
    .get(sqliteName) as { sql?: string } | undefined;
  const path = /json_extract\(doc, '\$\.((?:[^']|'')*)'\)/.exec(row?.sql ?? "")?.[1];
  return path?.replaceAll("''", "'").replaceAll('"', "");
}
