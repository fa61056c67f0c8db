/**
 * One collection of the SQLite document store: a table `(id TEXT PRIMARY KEY, doc TEXT)` with
 * the document as JSON (`json_codec.ts`). Reads run in one snapshot with the index bookkeeping
 * they depend on; every write runs in a `BEGIN IMMEDIATE` transaction shared with the
 * connection's other waiting writes (select, change in JavaScript, write back:
 * `group_commit.ts`), so concurrent writers in other threads or processes wait for each other
 * and an etag-guarded update can never be lost. Counts are remembered until the data changes
 * (`count_memo.ts`).
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import { checkIncrement } from "../increment_check.ts";
import {
  type Collection,
  type Doc,
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type JsonDoc,
} from "../document_store.ts";
import { valueAt } from "../value_at.ts";
import { validateFilter } from "../where_filter.ts";
import { validateFindOptions, validateProjection } from "../find_options.ts";
import { applyUpdate } from "./apply_update.ts";
import { createCountMemo } from "./count_memo.ts";
import { filterToSql } from "./filter_to_sql.ts";
import { type IdLookup, idLookup, matchesEqualities } from "../id_lookup.ts";
import { decodeJson, encodeJson } from "./json_codec.ts";
import { storedTopLevelDateMs, storedTopLevelString, storedToWireJson } from "./stored_text.ts";
import { withTopLevelFields } from "./top_level_fields.ts";
import { sqlIdentifier } from "./json_path.ts";
import { applyProjection } from "./projection.ts";
import { createIndexes, FIELDS_SQL, indexedField } from "./sqlite_indexes.ts";
import { sortToSql } from "./sort_to_sql.ts";
import { type ScalarFields, withSnapshot } from "./transactions.ts";
import type { GroupCommit } from "./group_commit.ts";
import type { SqlParam } from "./value_conditions.ts";
import type { RegexBudget } from "./regex_function.ts";

/** What a collection needs from its store. */
export interface SqliteCollectionOptions {
  db: DatabaseSync;
  table: string;
  /** Returns the cached prepared statement for `sql`. */
  prepare(sql: string): StatementSync;
  /** `prepare` for statements answering rows as arrays of column values (the JSON reads). */
  prepareRows(sql: string): StatementSync;
  /** Bounds `$regex` matching per statement; every read and write runs under it. */
  regexBudget: RegexBudget;
  /** Where writes run: in the connection's shared transactions. */
  commits: GroupCommit;
}

/** A `Collection` plus the query-plan helper used by tests. */
export interface SqliteCollection extends Collection {
  /** The `EXPLAIN QUERY PLAN` lines of the SELECT that `find(filter, options)` runs. */
  explain(filter: Filter, options?: FindOptions): string[];
}

interface Row {
  doc: string;
}

interface JsonRow {
  id: string;
  doc: string;
}

/** A row of `SELECT id, doc` from `prepareRows`. */
type JsonCells = [id: string, doc: string];

/** A row of `SELECT doc` from `prepareRows`. */
type DocCells = [doc: string];

interface Found {
  id: string;
  doc: Doc;
}

/**
 * The stored document with a number added to one field, unchanged when the field holds anything
 * but a number (as MongoDB's `$inc`, which refuses it); parameters: path, path, path, amount.
 */
const ADDED = "CASE WHEN coalesce(json_type(doc, ?), 'integer') IN ('integer', 'real') " +
  "THEN json_set(doc, ?, coalesce(json_extract(doc, ?), 0) + ?) ELSE doc END";

/** What an increment returns: the document, and its field's JSON type (parameter: path). */
const ADDED_RETURNING = "RETURNING doc, json_type(doc, ?) AS kind";

/** Creates the table when missing and returns the collection over it. */
export function createSqliteCollection(
  { db, table, prepare, prepareRows, regexBudget, commits }: SqliteCollectionOptions,
): SqliteCollection {
  const t = sqlIdentifier(table);
  db.exec(`CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
  const fixedSql = {
    byId: `SELECT doc FROM ${t} WHERE id = ?`,
    insert: `INSERT INTO ${t} (id, doc) VALUES (?, ?)`,
    update: `UPDATE ${t} SET doc = ? WHERE id = ?`,
    delete: `DELETE FROM ${t} WHERE id = ?`,
    /** `incrementOne`: one statement, so no other write comes between its read and write. */
    add: `UPDATE ${t} SET doc = ${ADDED} WHERE id = ? ${ADDED_RETURNING}`,
    upsertAdd:
      `INSERT INTO ${t} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = ${ADDED} ${ADDED_RETURNING}`,
  };

  const readFields = () => {
    const rows = prepare(FIELDS_SQL).all(table) as Array<{ field: string; multikey: number }>;
    return new Map(rows.map((row) => [row.field, row.multikey === 0]));
  };
  const read = <T>(body: (scalarField: ScalarFields) => T) =>
    withSnapshot(db, readFields, (scalar) => regexBudget.guard(() => body(scalar)));
  const counts = createCountMemo(prepareRows);
  const write = <T>(body: (scalarField: ScalarFields) => T) =>
    commits.run(() => {
      counts.written();
      return withSnapshot(db, readFields, (scalar) => regexBudget.guard(() => body(scalar)));
    });

  function where(filter: Filter, scalarField: ScalarFields) {
    return filterToSql(validateFilter(filter), { scalarField });
  }

  function selectSql(
    filter: Filter,
    options: FindOptions,
    scalar: ScalarFields,
    columns = "doc",
  ) {
    validateFindOptions(options);
    const { sql, params } = where(filter, scalar);
    let text = `SELECT ${columns} FROM ${t} WHERE ${sql}${sortToSql(options.sort)}`;
    const all: SqlParam[] = [...params];
    if (options.limit || options.skip) {
      text += " LIMIT ? OFFSET ?";
      all.push(options.limit || -1, options.skip ?? 0);
    }
    return { text, params: all };
  }

  /** The document a primary-key lookup finds, when it has the lookup's other values. */
  function lookedUp(lookup: IdLookup): Found | undefined {
    const row = prepare(fixedSql.byId).get(lookup.id) as Row | undefined;
    if (!row) return undefined;
    const doc = decodeJson(row.doc);
    return matchesEqualities(doc, lookup.equalities) ? { id: lookup.id, doc } : undefined;
  }

  /** The first document matching `filter`, decoded, with its id. */
  function firstDoc(filter: Filter, scalar: ScalarFields): Found | undefined {
    const lookup = idLookup(filter);
    if (lookup) return lookedUp(lookup);
    const row = firstRow(filter, scalar);
    return row && { id: row.id, doc: decodeJson(row.doc) };
  }

  /** The row of `id`, as stored. */
  function idRow(id: string): JsonRow | undefined {
    const row = prepareRows(fixedSql.byId).get(id) as DocCells | undefined;
    return row && { id, doc: row[0] };
  }

  /** The first row matching `filter`, as stored. */
  function firstRow(filter: Filter, scalar: ScalarFields): JsonRow | undefined {
    const { sql, params } = where(filter, scalar);
    return prepare(`SELECT id, doc FROM ${t} WHERE ${sql} LIMIT 1`).get(...params) as
      | JsonRow
      | undefined;
  }

  function duplicate(error: unknown, doc: Doc): unknown {
    const errcode = (error as { errcode?: number }).errcode;
    if (errcode === 1555) return new DuplicateKeyError("_id", doc._id);
    if (errcode !== 2067) return error;
    const name = /index '([^']+)'/.exec((error as Error).message)?.[1];
    const field = (name && indexedField(db, name)) || "_id";
    return new DuplicateKeyError(field, valueAt(doc, field));
  }

  /** Writes `next` in place of the document `id` (its `_id` unchanged, else a 400). */
  function replaceFound(id: string, next: Doc, original: Doc): void {
    if (next._id !== id) throw new BadRequestError(`Cannot replace "${id}": _id is immutable`);
    save(id, next, original);
  }

  function save(id: string, doc: Doc, original: Doc): void {
    try {
      prepare(fixedSql.update).run(encodeJson(doc), id);
    } catch (error) {
      throw duplicate(error, original);
    }
  }

  /**
   * Sets the top-level fields of `set` in the document `id` stored as `text`; the new text. The
   * fields are spliced into the text (`withTopLevelFields`: keys kept in place, new ones
   * appended, as a spread of the decoded document would), so the document is not decoded.
   */
  function setFields(id: string, text: string, set: Doc): string {
    const fields: Array<[string, string]> = [];
    for (const key of Object.keys(set)) fields.push([key, encodeJson(set[key])]);
    const next = withTopLevelFields(text, fields) ?? encodeJson({ ...decodeJson(text), ...set });
    try {
      prepare(fixedSql.update).run(next, id);
    } catch (error) {
      throw duplicate(error, { _id: id, ...set });
    }
    return next;
  }

  /** Inserts `doc`; its stored text. */
  function insert(doc: Doc): string {
    if (typeof doc._id !== "string") throw new BadRequestError("A document _id must be a string");
    const text = encodeJson(doc);
    try {
      prepare(fixedSql.insert).run(doc._id, text);
    } catch (error) {
      throw duplicate(error, doc);
    }
    return text;
  }

  const collection: SqliteCollection = {
    insertMany: (docs) => docs.length === 0 ? Promise.resolve() : write(() => docs.forEach(insert)),
    insertManyJson: (docs) =>
      docs.length === 0
        ? Promise.resolve([])
        : write(() => docs.map((doc) => writtenItem(doc._id as string, insert(doc), doc))),
    findOne: (filter, options = {}) =>
      settle(() => {
        if (options.projection) validateProjection(options.projection);
        // One primary-key statement needs no snapshot and runs no `$regex`.
        const lookup = idLookup(filter);
        const found = lookup ? lookedUp(lookup) : read((scalar) => firstDoc(filter, scalar));
        return found ? applyProjection(found.doc, options.projection) : null;
      }),
    find: (filter, options = {}) =>
      settle(() => {
        const rows = read((scalar) => {
          const { text, params } = selectSql(filter, options, scalar);
          return prepareRows(text).all(...params) as unknown as DocCells[];
        });
        return rows.map((row) => applyProjection(decodeJson(row[0]), options.projection));
      }),
    findJson: (filter, options = {}) =>
      settle(() => {
        const rows = read((scalar) => {
          const { text, params } = selectSql(filter, options, scalar, "id, doc");
          return prepareRows(text).all(...params) as unknown as JsonCells[];
        });
        return rows.map(jsonDoc);
      }),
    findOneJson: (filter) =>
      settle(() => {
        const lookup = idLookup(filter);
        if (lookup?.equalities.length === 0) {
          // The id is the one asked for: reading it back would only cost its string.
          const row = idRow(lookup.id);
          return row ? jsonItem(row.id, row.doc) : null;
        }
        const row = read((scalar) => firstRow(filter, scalar));
        return row ? jsonItem(row.id, row.doc) : null;
      }),
    count: (filter) =>
      settle(() =>
        read((scalar) => {
          const { sql, params } = where(filter, scalar);
          const text = `SELECT count(*) AS n FROM ${t} WHERE ${sql}`;
          const key = params.length === 0 ? text : `${text}\n${JSON.stringify(params)}`;
          let n = counts.get(key);
          if (n === undefined) {
            n = Number((prepareRows(text).get(...params) as unknown as [number])[0]);
            counts.set(key, n);
          }
          return n;
        })
      ),
    updateOne: (filter, update) =>
      write((scalar) => {
        const found = firstDoc(filter, scalar);
        if (!found) return null;
        applyUpdate(found.doc, update);
        save(found.id, found.doc, update.$set ?? {});
        return found.doc;
      }),
    modify: (filter, change) =>
      write((scalar) => {
        const found = firstDoc(filter, scalar);
        if (!found) return null;
        const next = change(found.doc);
        replaceFound(found.id, next, next);
        return next;
      }),
    setFieldsJson: (filter, change) =>
      write((scalar) => {
        const lookup = idLookup(filter);
        const row = lookup?.equalities.length === 0 ? idRow(lookup.id) : firstRow(filter, scalar);
        if (!row) return null;
        const set = change({
          etag: storedTopLevelString(row.doc, "_etag"),
          updated: storedTopLevelDateMs(row.doc, "_updated"),
        });
        return writtenItem(row.id, setFields(row.id, row.doc, set), set);
      }),
    incrementOne: (id, field, by, { insert } = {}) =>
      write(() => {
        checkIncrement(field, by);
        const path = `$.${field}`;
        const added = [path, path, path, by];
        const row = (insert
          ? prepare(fixedSql.upsertAdd).get(
            id,
            encodeJson({ ...insert, _id: id, [field]: by }),
            ...added,
            path,
          )
          : prepare(fixedSql.add).get(...added, id, path)) as
            | { doc: string; kind: string }
            | undefined;
        if (!row) return null;
        // As MongoDB's `$inc`: a field holding anything but a number is not counted over.
        if (row.kind !== "integer" && row.kind !== "real") {
          throw new BadRequestError(
            `Cannot increment the field ${JSON.stringify(field)}: it holds no number`,
          );
        }
        return decodeJson(row.doc);
      }),
    replaceOne: (filter, replacement) =>
      write((scalar) => {
        const found = firstDoc(filter, scalar);
        if (!found) return false;
        replaceFound(found.id, { _id: found.id, ...replacement }, replacement);
        return true;
      }),
    deleteOne: (filter) =>
      write((scalar) => {
        const found = firstDoc(filter, scalar);
        if (!found) return false;
        prepare(fixedSql.delete).run(found.id);
        return true;
      }),
    deleteMany: (filter) =>
      write((scalar) => {
        const { sql, params } = where(filter, scalar);
        return Number(prepare(`DELETE FROM ${t} WHERE ${sql}`).run(...params).changes);
      }),
    ensureIndexes: (indexes) =>
      indexes.length === 0 ? Promise.resolve() : write(() => createIndexes(db, table, indexes)),
    drop: () => write(() => void prepare(`DELETE FROM ${t}`).run()),
    explain(filter, options = {}) {
      return read((scalar) => {
        const { text, params } = selectSql(filter, options, scalar);
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params);
        return rows.map((row) => String((row as { detail: string }).detail));
      });
    },
    // Every guarded write is one transaction that reads, checks and writes: nothing to hold.
    // Reusing the service's read instead (a view per PATCH, an UPDATE guarded by the text read)
    // measured ~10 µs slower per PATCH than this primary-key re-read.
    reserve: (_id, body) => body(collection),
  };
  return collection;
}

/** A row as `findJson` answers it. */
function jsonDoc(row: JsonCells): JsonDoc {
  const doc = row[1];
  return {
    id: row[0],
    json: storedToWireJson(doc),
    updated: storedTopLevelDateMs(doc, "_updated"),
  };
}

/** The document `id` stored as `text`, as `findOneJson` answers it (with the etag). */
function jsonItem(id: string, text: string): JsonDoc {
  return {
    id,
    json: storedToWireJson(text),
    updated: storedTopLevelDateMs(text, "_updated"),
    etag: storedTopLevelString(text, "_etag"),
  };
}

/**
 * `jsonItem` of the text a write of `set` (some fields, or a whole document) made: its
 * `_updated` and `_etag` taken from `set` when it sets them (a date, a string), not searched
 * for in the text.
 */
function writtenItem(id: string, text: string, set: Doc): JsonDoc {
  const { _updated: updated, _etag: etag } = set;
  const ms = updated instanceof Date ? updated.getTime() : Number.NaN;
  return {
    id,
    json: storedToWireJson(text),
    updated: Number.isNaN(ms) ? storedTopLevelDateMs(text, "_updated") : ms,
    etag: typeof etag === "string" ? etag : storedTopLevelString(text, "_etag"),
  };
}

/** Runs synchronous `body` as a promise, so its errors become rejections. */
function settle<T>(body: () => T): Promise<T> {
  try {
    return Promise.resolve(body());
  } catch (error) {
    return Promise.reject(error);
  }
}
