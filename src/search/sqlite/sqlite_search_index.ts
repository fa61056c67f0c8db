/**
 * The embedded implementation of the search-index seam, over `node:sqlite` (WAL, safe to open
 * from several processes and Web Workers). Aliases live in the catalog table
 * `{prefix}__indexes` (concrete index → resource, role `live` or `rebuild`, mapping); each
 * write transaction reads it, so a rebuild opened by any process is written to by all of them
 * (protocol in `search_index.ts`), and `finish()` swaps roles and drops the old tables in one
 * transaction. Writes are visible when they return, whatever the refresh policy. The query DSL
 * is a documented subset (see `compile_query.ts`, `sqlite_search.ts`).
 */
import { DatabaseSync } from "node:sqlite";
import { measureStatus } from "../../engines/engine_status.ts";
import { ConflictError } from "../../errors.ts";
import { type IndexMapping, withMetaFields } from "../mapping.ts";
import {
  assertIndexName,
  type Rebuild,
  type SearchDoc,
  type SearchIndex,
  SearchIndexWriteError,
  type WriteFailure,
} from "../search_index.ts";
import { runSearch } from "./sqlite_search.ts";
import {
  createTables,
  deleteDoc,
  dropTables,
  type IndexLayout,
  layoutOf,
  RefusedDocError,
  writeDoc,
} from "./sqlite_tables.ts";

/** Options of `createSqliteSearchIndex`. */
export interface SqliteSearchIndexOptions {
  /** The database file (e.g. `{DATA_DIR}/search.db`); `:memory:` for a private index. */
  path: string;
  /** Table name prefix, as the Elasticsearch index prefix. */
  prefix: string;
  /** Milliseconds to wait for another writer's lock. */
  busyTimeoutMs?: number;
}

interface CatalogRow {
  name: string;
  role: "live" | "rebuild";
  mapping: string;
}

/** Opens (creating if needed) the embedded search index. */
export function createSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex {
  const { path, prefix, busyTimeoutMs = 5000 } = options;
  assertIndexName(prefix, "prefix");
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)};`);
  const catalog = `"${prefix}__indexes"`;
  db.exec(`CREATE TABLE IF NOT EXISTS ${catalog} (
    name TEXT PRIMARY KEY, resource TEXT NOT NULL, role TEXT NOT NULL, mapping TEXT NOT NULL,
    UNIQUE (resource, role))`);
  const layouts = new Map<string, IndexLayout>();

  function rows(resource: string): CatalogRow[] {
    return db.prepare(`SELECT name, role, mapping FROM ${catalog} WHERE resource = ?`)
      .all(assertIndexName(resource)) as unknown as CatalogRow[];
  }
  function layout(resource: string, row: CatalogRow): IndexLayout {
    const key = `${row.name}\n${row.mapping}`;
    let found = layouts.get(key);
    if (!found) {
      found = layoutOf(row.name, resource, JSON.parse(row.mapping));
      layouts.set(key, found);
    }
    return found;
  }
  function live(resource: string): IndexLayout | undefined {
    const row = rows(resource).find((r) => r.role === "live");
    return row && layout(resource, row);
  }
  function transaction<T>(work: () => T): T {
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      db.exec("COMMIT");
      return result;
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
  function create(resource: string, mapping: IndexMapping, role: "live" | "rebuild", n: number) {
    const name = `${prefix}_${resource}_${n}`;
    const full = withMetaFields(mapping);
    const created = layoutOf(name, resource, full);
    dropTables(db, name);
    createTables(db, created);
    db.prepare(`INSERT INTO ${catalog} (name, resource, role, mapping) VALUES (?, ?, ?, ?)`)
      .run(name, resource, role, JSON.stringify(full));
    return created;
  }
  function nextNumber(resource: string): number {
    const numbers = rows(resource).map((r) => Number(r.name.slice(r.name.lastIndexOf("_") + 1)));
    return Math.max(0, ...numbers) + 1;
  }
  function write(
    resource: string,
    ids: string[],
    apply: (target: IndexLayout) => WriteFailure[],
  ): void {
    const failures = transaction(() => {
      const targets = rows(resource).map((row) => layout(resource, row));
      if (!targets.some((t) => t.name === live(resource)?.name)) {
        const reason = `no such index [${prefix}_${resource}]`;
        return ids.map((_id) => ({ _id, reason }));
      }
      return targets.flatMap(apply);
    });
    if (failures.length) {
      const unique = [...new Map(failures.map((f) => [f._id, f])).values()];
      throw new SearchIndexWriteError(resource, unique);
    }
  }

  const index: SearchIndex = {
    engine: "sqlite",

    ensureIndex(resource, mapping) {
      transaction(() => {
        if (!live(resource)) create(resource, mapping, "live", nextNumber(resource));
      });
      return Promise.resolve();
    },

    index(resource, docs) {
      if (docs.length) {
        write(resource, docs.map((d) => d._id), (target) => writeAll(db, target, docs, false));
      }
      return Promise.resolve();
    },

    remove(resource, ids) {
      if (ids.length) {
        write(resource, ids, (target) => {
          for (const id of ids) deleteDoc(db, target, id);
          return [];
        });
      }
      return Promise.resolve();
    },

    search(resources, body) {
      const targets = resources.flatMap((resource) => live(resource) ?? []);
      return Promise.resolve(runSearch(db, targets, body));
    },

    getVersions(resource, ids) {
      const versions = new Map<string, string | null>();
      const target = live(resource);
      for (let i = 0; target && i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const found = db.prepare(
          `SELECT id, etag FROM ${target.docs} WHERE id IN (${chunk.map(() => "?").join(",")})`,
        ).all(...chunk) as Array<{ id: string; etag: string | null }>;
        for (const row of found) versions.set(row.id, row.etag);
      }
      return Promise.resolve(versions);
    },

    async *scanVersions(resource, { batchSize = 1000 } = {}) {
      const target = live(resource);
      if (!target) return;
      let after = 0;
      while (true) {
        const batch = db.prepare(
          `SELECT rid, id, etag FROM ${target.docs} WHERE rid > ? ORDER BY rid LIMIT ?`,
        ).all(after, batchSize) as Array<{ rid: number; id: string; etag: string | null }>;
        if (!batch.length) return;
        after = batch[batch.length - 1]!.rid;
        yield batch.map((row) => ({ _id: row.id, _etag: row.etag }));
      }
    },

    count(resource) {
      const target = live(resource);
      if (!target) return Promise.resolve(0);
      const row = db.prepare(`SELECT COUNT(*) AS n FROM ${target.docs}`).get() as { n: number };
      return Promise.resolve(row.n);
    },

    beginRebuild(resource, mapping) {
      const target = transaction(() => {
        const pending = rows(resource).find((r) => r.role === "rebuild");
        if (pending) {
          throw new ConflictError(
            `A rebuild of "${resource}" is already open (${pending.name}); drop or finish it first`,
          );
        }
        if (!live(resource)) create(resource, mapping, "live", nextNumber(resource));
        return create(resource, mapping, "rebuild", nextNumber(resource));
      });
      return Promise.resolve(sqliteRebuild(resource, target));
    },

    drop(resource) {
      transaction(() => {
        for (const row of rows(resource)) dropTables(db, row.name);
        db.prepare(`DELETE FROM ${catalog} WHERE resource = ?`).run(resource);
      });
      return Promise.resolve();
    },

    currentIndex(resource) {
      return Promise.resolve(live(resource)?.name);
    },

    ping() {
      return measureStatus("search", "sqlite", () => {
        const row = db.prepare("SELECT sqlite_version() AS v").get() as { v: string };
        return Promise.resolve(row.v);
      });
    },

    close() {
      if (db.isOpen) db.close();
      return Promise.resolve();
    },
  };

  function sqliteRebuild(resource: string, target: IndexLayout): Rebuild {
    const stillOpen = () => {
      const row = rows(resource).find((r) => r.role === "rebuild");
      if (row?.name !== target.name) {
        throw new Error(`The rebuild of "${resource}" into ${target.name} is no longer open`);
      }
    };
    return {
      target: target.name,
      write(docs) {
        const failures = transaction(() => {
          stillOpen();
          return writeAll(db, target, docs, true);
        });
        if (failures.length) throw new SearchIndexWriteError(resource, failures);
        return Promise.resolve();
      },
      finish() {
        transaction(() => {
          stillOpen();
          const old = live(resource);
          if (old) {
            dropTables(db, old.name);
            db.prepare(`DELETE FROM ${catalog} WHERE name = ?`).run(old.name);
          }
          db.prepare(`UPDATE ${catalog} SET role = 'live' WHERE name = ?`).run(target.name);
        });
        return Promise.resolve();
      },
      abort() {
        transaction(() => {
          dropTables(db, target.name);
          db.prepare(`DELETE FROM ${catalog} WHERE name = ?`).run(target.name);
        });
        return Promise.resolve();
      },
    };
  }

  return index;
}

/** Writes each document; a refused document is a failure, not an abort. */
function writeAll(
  db: DatabaseSync,
  target: IndexLayout,
  docs: SearchDoc[],
  createOnly: boolean,
): WriteFailure[] {
  const failures: WriteFailure[] = [];
  for (const doc of docs) {
    try {
      writeDoc(db, target, doc, { createOnly });
    } catch (error) {
      if (!(error instanceof RefusedDocError)) throw error;
      failures.push({ _id: doc._id, reason: error.message });
    }
  }
  return failures;
}
