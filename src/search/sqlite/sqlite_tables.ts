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
import type { DatabaseSync } from "node:sqlite";
import { type IndexMapping, type LeafField, leafFields, textFields } from "../mapping.ts";
import { type SearchDoc, searchVersion, type WriteFailure } from "../search_index.ts";
import { ftsDocument, VALUE_GAP } from "./fts_terms.ts";
import { indexedValues, RefusedDocError, valuesAt } from "./sqlite_values.ts";

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
 * not fit the mapping.
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
  const existing = db.prepare(`SELECT rid, updated FROM ${layout.docs} WHERE id = ?`)
    .get(doc._id) as { rid: number; updated: string | null } | undefined;
  const version = searchVersion(doc);
  const updated = version === undefined ? null : new Date(version).toISOString();
  let rid: number;
  if (existing) {
    const held = searchVersion({ _updated: existing.updated }) ?? -1;
    if (version === undefined ? copy : version < held) return false;
    rid = existing.rid;
    clearValues(db, layout, rid);
    db.prepare(`UPDATE ${layout.docs} SET etag = ?, updated = ? WHERE rid = ?`)
      .run(etag, updated, rid);
    db.prepare(`UPDATE ${layout.src} SET doc = ? WHERE rid = ?`).run(json, rid);
  } else {
    const result = db.prepare(`INSERT INTO ${layout.docs} (id, etag, updated) VALUES (?, ?, ?)`)
      .run(doc._id, etag, updated);
    rid = Number(result.lastInsertRowid);
    db.prepare(`INSERT INTO ${layout.src} (rid, doc) VALUES (?, ?)`).run(rid, json);
  }
  const insertVal = db.prepare(`INSERT INTO ${layout.vals} (rid, path, val) VALUES (?, ?, ?)`);
  for (const [path, val] of values) insertVal.run(rid, path, val);
  const insertText = db.prepare(`INSERT INTO ${layout.fts} (rowid, body) VALUES (?, ?)`);
  const terms = new Set<string>();
  texts.forEach((body, k) => {
    if (!body) return;
    insertText.run(BigInt(rid * MAX_TEXT_FIELDS + k), body);
    for (const term of body.split(" ")) terms.add(term);
  });
  terms.delete(VALUE_GAP);
  const insertTerm = db.prepare(`INSERT OR IGNORE INTO ${layout.terms} (term) VALUES (?)`);
  for (const term of terms) insertTerm.run(term);
  return true;
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
  const existing = db.prepare(`SELECT rid FROM ${layout.docs} WHERE id = ?`).get(id) as
    | { rid: number }
    | undefined;
  if (!existing) return false;
  clearValues(db, layout, existing.rid);
  db.prepare(`DELETE FROM ${layout.docs} WHERE rid = ?`).run(existing.rid);
  db.prepare(`DELETE FROM ${layout.src} WHERE rid = ?`).run(existing.rid);
  return true;
}

function clearValues(db: DatabaseSync, layout: IndexLayout, rid: number): void {
  db.prepare(`DELETE FROM ${layout.vals} WHERE rid = ?`).run(rid);
  db.prepare(`DELETE FROM ${layout.fts} WHERE rowid BETWEEN ? AND ?`)
    .run(rid * MAX_TEXT_FIELDS, rid * MAX_TEXT_FIELDS + MAX_TEXT_FIELDS - 1);
}
