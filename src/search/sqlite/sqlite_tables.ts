/**
 * The tables behind one concrete embedded index `{prefix}_{resource}_{n}`:
 * - `"{name}"`: one narrow row per document (`rid`, `id`, `etag`, `updated`), what every query
 *   condition runs over;
 * - `"{name}__src"`: the document as indexed (JSON), read only for the hits of a page;
 * - `"{name}__v"`: one row per indexed value (`rid`, dotted `path`, `val`; see
 *   `sqlite_values.ts`; a value repeated at a path is one row), so term, range, exists, sort and
 *   aggregations are indexed lookups: clustered by document (the primary key), with an index by
 *   (path, value). Indexes made before session 9 keep a table with rowids and two indexes, which
 *   answers the same (the same statements read and write both);
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
import { indexedValues, pushValues, RefusedDocError, valuesAt } from "./sqlite_values.ts";
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
    CREATE TABLE ${layout.vals} (
      rid INTEGER NOT NULL, path TEXT NOT NULL, val NOT NULL, PRIMARY KEY (rid, path, val))
      WITHOUT ROWID;
    CREATE INDEX "${layout.name}__v_path" ON ${layout.vals} (path, val, rid);
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
 * not fit the mapping. A new document's value rows and terms go in a few multi-row statements.
 * A new version of a stored document rewrites only the values (per path) and the text fields
 * whose input differs from the stored copy's (compared before any analysis): a state change
 * neither analyses nor rewrites the text, and only its changed values are coerced (the same
 * input under the same mapping was accepted before).
 */
export function writeDoc(
  db: DatabaseSync,
  layout: IndexLayout,
  doc: SearchDoc,
  { copy = false }: { copy?: boolean } = {},
): boolean {
  const json = JSON.stringify(doc);
  const etag = typeof doc._etag === "string" ? doc._etag : null;
  const sql = statements(db, layout);
  const existing = sql(
    "SELECT d.rid, d.updated, s.doc FROM {docs} d JOIN {src} s ON s.rid = d.rid WHERE d.id = ?",
  ).get(doc._id) as { rid: number; updated: string | null; doc: string } | undefined;
  const version = searchVersion(doc);
  const updated = version === undefined ? null : new Date(version).toISOString();
  if (!existing) {
    const values = indexedValues(layout.leaves, layout.resource, doc);
    const result = sql("INSERT INTO {docs} (id, etag, updated) VALUES (?, ?, ?)")
      .run(doc._id, etag, updated);
    const rid = Number(result.lastInsertRowid);
    sql("INSERT INTO {src} (rid, doc) VALUES (?, ?)").run(rid, json);
    const rows: SQLInputValue[] = [];
    for (const [path, val] of values) rows.push(rid, path, val);
    insertRows(sql, VALUE_ROWS, rows);
    writeTexts(sql, rid, fieldTexts(layout, doc), new Map());
    return true;
  }
  const held = searchVersion({ _updated: existing.updated }) ?? -1;
  if (version === undefined ? copy : version < held) {
    // Refused all the same, as Elasticsearch parses a document before it compares versions.
    indexedValues(layout.leaves, layout.resource, doc);
    return false;
  }
  const rid = existing.rid;
  const before = JSON.parse(existing.doc) as SearchDoc;
  const changed = changedValues(layout, before, doc);
  sql("UPDATE {docs} SET etag = ?, updated = ? WHERE rid = ?").run(etag, updated, rid);
  sql("UPDATE {src} SET doc = ? WHERE rid = ?").run(json, rid);
  rewriteValues(sql, rid, changed);
  const texts = fieldTexts(layout, doc, changed.paths);
  if (texts.size) writeTexts(sql, rid, texts, storedTexts(sql, rid));
  return true;
}

/**
 * The analysed text (FTS5 body) of `doc`'s text fields, by field position; with `changed` (the
 * leaf paths whose input differs from the stored copy's: a text field is a leaf of its own
 * path), only of those fields.
 */
function fieldTexts(
  layout: IndexLayout,
  doc: SearchDoc,
  changed?: ReadonlySet<string>,
): Map<number, string> {
  const texts = new Map<number, string>();
  for (const [k, path] of layout.text.entries()) {
    if (changed && !changed.has(path)) continue;
    const fold = layout.leaves.get(path)?.fold === true;
    texts.set(k, ftsDocument(valuesAt(doc, path).map(String), fold));
  }
  return texts;
}

/**
 * Whether two lists of values found at one path are the same input to the index: the same
 * primitives in the same order, a `Date` being the same as its JSON text (the stored copy is
 * JSON, the new document holds `Date`s: without this every date would be rewritten on every
 * update). Anything else (an object) counts as changed, which only costs a rewrite.
 */
function sameInput(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = asStored(a[i]);
    if (x !== asStored(b[i]) || (typeof x === "object" && x !== null)) return false;
  }
  return true;
}

/** A value as the stored JSON copy holds it (a valid `Date` as its ISO text). */
function asStored(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value;
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

/** Rows per statement: a list of rows is inserted in chunks of these sizes, largest first. */
const CHUNK_ROWS = [64, 16, 4, 1];

/** A multi-row insert: the parameters of one row, and its SQL template per `CHUNK_ROWS` size. */
interface RowInsert {
  width: number;
  templates: string[];
}

/** The multi-row insert of the statement `head` (up to `VALUES`), `width` parameters a row. */
function rowInsert(head: string, width: number): RowInsert {
  const row = `(${Array(width).fill("?").join(", ")})`;
  return {
    width,
    templates: CHUNK_ROWS.map((size) => `${head} ${Array(size).fill(row).join(", ")}`),
  };
}

const VALUE_ROWS = rowInsert("INSERT OR IGNORE INTO {vals} (rid, path, val) VALUES", 3);
const TERM_ROWS = rowInsert("INSERT OR IGNORE INTO {terms} (term) VALUES", 1);

/** Inserts the rows whose parameters follow each other in `params`, in order. */
function insertRows(sql: Statements, { width, templates }: RowInsert, params: SQLInputValue[]) {
  const rows = params.length / width;
  let row = 0;
  for (const [i, size] of CHUNK_ROWS.entries()) {
    if (rows - row < size) continue;
    const statement = sql(templates[i]!);
    for (; rows - row >= size; row += size) {
      statement.run(...params.slice(row * width, (row + size) * width));
    }
  }
}

/** The paths whose input values differ between two copies of a document, and `doc`'s rows there. */
interface ChangedValues {
  paths: Set<string>;
  rows: Array<[string, SQLInputValue]>;
}

/**
 * The paths whose input values differ between the stored copy (`before`) and `doc`, with
 * `doc`'s (path, value) pairs at those paths (coerced here, so a refusal comes before any
 * write). The same input under the same mapping gives the same rows, so an unchanged path is
 * left as it is.
 */
function changedValues(layout: IndexLayout, before: SearchDoc, doc: SearchDoc): ChangedValues {
  const changed: ChangedValues = { paths: new Set(), rows: [] };
  const old = { ...before, _resource: layout.resource };
  const now = { ...doc, _resource: layout.resource };
  for (const [path, leaf] of layout.leaves) {
    const input = valuesAt(now, leaf.source);
    if (sameInput(valuesAt(old, leaf.source), input)) continue;
    changed.paths.add(path);
    pushValues(changed.rows, path, leaf, input);
  }
  return changed;
}

/** Replaces the value rows of document `rid` at the `changed` paths. */
function rewriteValues(sql: Statements, rid: number, { paths, rows }: ChangedValues) {
  if (!paths.size) return;
  const remove = sql("DELETE FROM {vals} WHERE rid = ? AND path = ?");
  for (const path of paths) remove.run(rid, path);
  const params: SQLInputValue[] = [];
  for (const [path, val] of rows) params.push(rid, path, val);
  insertRows(sql, VALUE_ROWS, params);
}

/**
 * Writes the text fields of `texts` (analysed text by field position) that differ from `stored`
 * (an empty text deletes the field), and records their terms. A term of the stored text is in
 * the terms table already (it was recorded with that text, and terms are never removed), so an
 * edit records only the words it brings.
 */
function writeTexts(
  sql: Statements,
  rid: number,
  texts: Map<number, string>,
  stored: Map<number, string>,
) {
  const terms = new Set<string>();
  for (const [k, body] of texts) {
    const before = stored.get(k);
    if (before === body || (before === undefined && !body)) continue;
    const rowid = BigInt(rid * MAX_TEXT_FIELDS + k);
    if (before !== undefined) sql("DELETE FROM {fts} WHERE rowid = ?").run(rowid);
    if (!body) continue;
    sql("INSERT INTO {fts} (rowid, body) VALUES (?, ?)").run(rowid, body);
    const known = before ? new Set(before.split(" ")) : undefined;
    for (const term of body.split(" ")) if (!known?.has(term)) terms.add(term);
  }
  terms.delete(VALUE_GAP);
  insertRows(sql, TERM_ROWS, [...terms]);
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
  const stored = storedTexts(sql, rid);
  writeTexts(sql, rid, new Map([...stored.keys()].map((k) => [k, ""])), stored);
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
