/**
 * Secondary indexes of the SQLite store: one expression index per `IndexSpec` over the same
 * `json_extract(doc, '$.field')` expressions the queries emit, plus the bookkeeping that lets
 * queries use them. MongoDB indexes arrays element by element; SQLite cannot, so a query on a
 * field that might hold an array needs a `json_each` branch, which defeats the index. The table
 * `_docstore_fields` therefore records, per indexed field, whether any document ever held an
 * array on its path (`multikey`, set by triggers on every write from any connection, and never
 * cleared, like MongoDB's multikey flag). Queries read it in the same transaction as the data.
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

/** Creates missing indexes and field bookkeeping; call inside a write transaction. */
export function createIndexes(db: DatabaseSync, table: string, indexes: IndexSpec[]): void {
  for (const index of indexes) {
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
    for (const field of fields) if (field !== "_id") trackField(db, table, field);
  }
}

/** True when `source` (a JSON doc expression) holds an array on `field` or on a prefix of it. */
function arrayOnPath(source: string, field: string): string {
  const segments = field.split(".");
  return segments.map((_, i) =>
    `json_type(${source}, ${sqlString(jsonPath(segments.slice(0, i + 1).join(".")))}) = 'array'`
  ).join(" OR ");
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
    const trigger = sqlIdentifier(`${table}__multikey__${event.toLowerCase()}__${field}`);
    db.exec(
      `CREATE TRIGGER IF NOT EXISTS ${trigger} AFTER ${event} ON ${sqlIdentifier(table)} ` +
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
