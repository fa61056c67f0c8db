/**
 * The tables behind one concrete embedded index `{prefix}_{resource}_{n}`:
 * - `"{name}"`: one narrow row per document (`rid`, `id`, `etag`, `updated`), what every query
 *   condition runs over;
 * - `"{name}__src"`: the document as indexed (JSON), read only for the hits of a page;
 * - `"{name}__v"`: one row per indexed value (`rid`, dotted `path`, `val`; see
 *   `sqlite_values.ts`), so term, range, exists, sort and aggregations are indexed lookups;
 * - `"{name}__fts"`: FTS5, one row per (document, text field) with rowid `rid << 8 | k`, `k` the
 *   field's position in the mapping's text fields (at most 256), holding the field's analysed
 *   tokens (`fts_terms.ts`);
 * - `"{name}__terms"`: every term ever indexed (one row each, never pruned: a term no document
 *   holds any more only expands to a lookup that finds nothing), for wildcard queries; FTS5's
 *   own vocabulary table counts documents per term, which makes a scan of it slow.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { type IndexMapping, type LeafField, leafFields, textFields } from "../mapping.ts";
import { type SearchDoc, searchVersion, type WriteFailure } from "../search_index.ts";
import { ftsDocument, VALUE_GAP } from "./fts_terms.ts";
import { indexedValues, RefusedDocError, valuesAt } from "./sqlite_values.ts";
import { createStatementCache, type StatementCache } from "../../storage/sqlite/statement_cache.ts";

/** Text fields per index (FTS5 rowids keep 8 bits for the field). */
export const MAX_TEXT_FIELDS = 256;

/** A concrete index with what queries need to know about its mapping. */
export interface IndexLayout {
  name: string;
  resource: string;
  mapping: IndexMapping;
  leaves: Map<string, LeafField>;
  /** Text field paths; a field's position is its FTS5 `k`. */
  text: string[];
  docs: string;
  src: string;
  vals: string;
  fts: string;
  terms: string;
}

/** Builds the layout of concrete index `name` (mapping with meta fields). */
export function layoutOf(name: string, resource: string, mapping: IndexMapping): IndexLayout {
  const text = textFields(mapping);
  if (text.length > MAX_TEXT_FIELDS) {
    throw new Error(`Mapping of "${resource}" has ${text.length} text fields; the limit is 256`);
  }
  return {
    name,
    resource,
    mapping,
    leaves: leafFields(mapping),
    text,
    docs: `"${name}"`,
    src: `"${name}__src"`,
    vals: `"${name}__v"`,
    fts: `"${name}__fts"`,
    terms: `"${name}__terms"`,
  };
}

/** Creates the three tables of a layout. */
export function createTables(db: DatabaseSync, layout: IndexLayout): void {
  db.exec(`
    CREATE TABLE ${layout.docs} (
      rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, etag TEXT, updated TEXT);
    CREATE TABLE ${layout.src} (rid INTEGER PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE ${layout.vals} (rid INTEGER NOT NULL, path TEXT NOT NULL, val);
    CREATE INDEX "${layout.name}__v_path" ON ${layout.vals} (path, val, rid);
    CREATE INDEX "${layout.name}__v_rid" ON ${layout.vals} (rid, path, val);
    CREATE VIRTUAL TABLE ${layout.fts} USING fts5(body, tokenize = 'ascii');
    CREATE TABLE ${layout.terms} (term TEXT PRIMARY KEY) WITHOUT ROWID;
  `);
}

/** Drops the tables of a concrete index. */
export function dropTables(db: DatabaseSync, name: string): void {
  db.exec(`DROP TABLE IF EXISTS "${name}"; DROP TABLE IF EXISTS "${name}__src";
    DROP TABLE IF EXISTS "${name}__v";
    DROP TABLE IF EXISTS "${name}__terms"; DROP TABLE IF EXISTS "${name}__fts";`);
}

/**
 * Upserts one document unless the index holds a newer version of it (`searchVersion`); a
 * `copy` (rebuild) of an unversioned document leaves an existing one as it is. Returns false
 * when nothing was written. Throws `RefusedDocError` before changing anything when a value does
 * not fit the mapping. A new version of a stored document rewrites only the values (per path)
 * and the text fields that changed: a state change leaves the analysed text as it is.
 */
export function writeDoc(
  db: DatabaseSync,
  layout: IndexLayout,
  doc: SearchDoc,
  { copy = false }: { copy?: boolean } = {},
): boolean {
  const values = indexedValues(layout.leaves, layout.resource, doc);
  const texts = layout.text.map((path) => ftsDocument(valuesAt(doc, path).map(String)));
  const json = JSON.stringify(doc);
  const etag = typeof doc._etag === "string" ? doc._etag : null;
  const sql = statements(db, layout);
  const existing = sql("SELECT rid, updated FROM {docs} WHERE id = ?").get(doc._id) as
    | { rid: number; updated: string | null }
    | undefined;
  const version = searchVersion(doc);
  const updated = version === undefined ? null : new Date(version).toISOString();
  if (!existing) {
    const result = sql("INSERT INTO {docs} (id, etag, updated) VALUES (?, ?, ?)")
      .run(doc._id, etag, updated);
    const rid = Number(result.lastInsertRowid);
    sql("INSERT INTO {src} (rid, doc) VALUES (?, ?)").run(rid, json);
    const insertVal = sql("INSERT INTO {vals} (rid, path, val) VALUES (?, ?, ?)");
    for (const [path, val] of values) insertVal.run(rid, path, val);
    writeTexts(sql, rid, texts, new Map());
    return true;
  }
  const held = searchVersion({ _updated: existing.updated }) ?? -1;
  if (version === undefined ? copy : version < held) return false;
  const rid = existing.rid;
  sql("UPDATE {docs} SET etag = ?, updated = ? WHERE rid = ?").run(etag, updated, rid);
  sql("UPDATE {src} SET doc = ? WHERE rid = ?").run(json, rid);
  rewriteValues(sql, rid, values);
  writeTexts(sql, rid, texts, storedTexts(sql, rid));
  return true;
}

/** A layout's statement for SQL written with `{docs}`, `{src}`, `{vals}`, `{fts}`, `{terms}`. */
type Statements = (template: string) => StatementSync;

const preparedByDb = new WeakMap<DatabaseSync, StatementCache>();

/** The SQL text of each template with a layout's table names, resolved once per layout. */
const sqlByLayout = new WeakMap<IndexLayout, Map<string, string>>();

/** Most statements kept prepared per connection. */
const MAX_PREPARED = 256;

/** Prepared statements of `layout` on `db`, prepared once per connection and SQL text. */
function statements(db: DatabaseSync, layout: IndexLayout): Statements {
  let cache = preparedByDb.get(db);
  if (!cache) preparedByDb.set(db, cache = createStatementCache(db, MAX_PREPARED));
  const { prepare } = cache;
  let texts = sqlByLayout.get(layout);
  if (!texts) sqlByLayout.set(layout, texts = new Map());
  return (template) => {
    let text = texts.get(template);
    if (text === undefined) {
      text = template.replace(
        /\{(docs|src|vals|fts|ftsContent|terms)\}/g,
        (_, table) =>
          table === "ftsContent"
            ? `"${layout.name}__fts_content"`
            : layout[table as "docs" | "src" | "vals" | "fts" | "terms"],
      );
      texts.set(template, text);
    }
    return prepare(text);
  };
}

/** Replaces the values of each path whose values changed (as a multiset). */
function rewriteValues(sql: Statements, rid: number, values: Array<[string, SQLInputValue]>) {
  const before = groupByPath(
    (sql("SELECT path, val FROM {vals} WHERE rid = ?").all(rid) as Array<
      { path: string; val: SQLInputValue }
    >).map((row) => [row.path, row.val]),
  );
  const after = groupByPath(values);
  const insertVal = sql("INSERT INTO {vals} (rid, path, val) VALUES (?, ?, ?)");
  for (const [path, old] of before) {
    if (!after.has(path)) sql("DELETE FROM {vals} WHERE rid = ? AND path = ?").run(rid, path);
    else if (!sameValues(old, after.get(path)!)) {
      sql("DELETE FROM {vals} WHERE rid = ? AND path = ?").run(rid, path);
      for (const val of after.get(path)!) insertVal.run(rid, path, val);
    }
  }
  for (const [path, vals] of after) {
    if (!before.has(path)) { for (const val of vals) insertVal.run(rid, path, val); }
  }
}

function groupByPath(pairs: Array<[string, SQLInputValue]>): Map<string, SQLInputValue[]> {
  const grouped = new Map<string, SQLInputValue[]>();
  for (const [path, val] of pairs) {
    const list = grouped.get(path);
    if (list) list.push(val);
    else grouped.set(path, [val]);
  }
  return grouped;
}

/** Whether two lists hold the same values, in any order (a value's type counts). */
function sameValues(a: SQLInputValue[], b: SQLInputValue[]): boolean {
  if (a.length !== b.length) return false;
  const key = (val: SQLInputValue) =>
    val === null ? "n" : `${typeof val === "bigint" ? "number" : typeof val}:${String(val)}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/**
 * Writes the text fields whose analysed text differs from `stored` (by field position; a stored
 * field past `texts` is deleted), and records their terms.
 */
function writeTexts(sql: Statements, rid: number, texts: string[], stored: Map<number, string>) {
  const terms = new Set<string>();
  const positions = new Set([...texts.keys(), ...stored.keys()]);
  for (const k of positions) {
    const body = texts[k] ?? "";
    const before = stored.get(k);
    if (before === body || (before === undefined && !body)) continue;
    const rowid = BigInt(rid * MAX_TEXT_FIELDS + k);
    if (before !== undefined) sql("DELETE FROM {fts} WHERE rowid = ?").run(rowid);
    if (!body) continue;
    sql("INSERT INTO {fts} (rowid, body) VALUES (?, ?)").run(rowid, body);
    for (const term of body.split(" ")) terms.add(term);
  }
  terms.delete(VALUE_GAP);
  const insertTerm = sql("INSERT OR IGNORE INTO {terms} (term) VALUES (?)");
  for (const term of terms) insertTerm.run(term);
}

/** Writes each document (see `writeDoc`); a refused document is a failure, not an abort. */
export function writeDocs(
  db: DatabaseSync,
  layout: IndexLayout,
  docs: SearchDoc[],
  { copy = false }: { copy?: boolean } = {},
): WriteFailure[] {
  const failures: WriteFailure[] = [];
  for (const doc of docs) {
    try {
      writeDoc(db, layout, doc, { copy });
    } catch (error) {
      if (!(error instanceof RefusedDocError)) throw error;
      failures.push({ _id: doc._id, reason: error.message, permanent: true });
    }
  }
  return failures;
}

/** Deletes one document by id; false when it was absent. */
export function deleteDoc(db: DatabaseSync, layout: IndexLayout, id: string): boolean {
  const sql = statements(db, layout);
  const existing = sql("SELECT rid FROM {docs} WHERE id = ?").get(id) as
    | { rid: number }
    | undefined;
  if (!existing) return false;
  const { rid } = existing;
  sql("DELETE FROM {vals} WHERE rid = ?").run(rid);
  writeTexts(sql, rid, [], storedTexts(sql, rid));
  sql("DELETE FROM {docs} WHERE rid = ?").run(rid);
  sql("DELETE FROM {src} WHERE rid = ?").run(rid);
  return true;
}

/**
 * The analysed text of each text field of document `rid`, by field position. FTS5 keeps a row's
 * text in its `_content` shadow table (`id`, `c0`), where a range of ids is a b-tree lookup; a
 * rowid range on the FTS5 table itself (and a `DELETE` over one) scans the whole table.
 */
function storedTexts(sql: Statements, rid: number): Map<number, string> {
  const rows = sql("SELECT id, c0 AS body FROM {ftsContent} WHERE id BETWEEN ? AND ?")
    .all(rid * MAX_TEXT_FIELDS, rid * MAX_TEXT_FIELDS + MAX_TEXT_FIELDS - 1) as Array<
      { id: number; body: string }
    >;
  return new Map(rows.map((row) => [row.id % MAX_TEXT_FIELDS, row.body]));
}
