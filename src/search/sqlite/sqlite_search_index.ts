/**
 * The embedded implementation of the search-index seam, over `node:sqlite` (WAL, safe to open
 * from several processes and Web Workers). Aliases live in a catalog table read inside every
 * write transaction (`sqlite_catalog.ts`), so a rebuild opened by any process is written to by
 * all of them (protocol in `search_index.ts`). Writes are visible when they return, whatever
 * the refresh policy. The query DSL is a documented subset (`compile_query.ts`,
 * `sqlite_search.ts`, `sqlite_aggregations.ts`); anything else answers 400. Searches and counts
 * run in a pool of search threads with read-only connections (`search_pool.ts`), off the
 * caller's event loop.
 */
import { DatabaseSync } from "node:sqlite";
import { measureStatus } from "../../engines/engine_status.ts";
import { ConflictError } from "../../errors.ts";
import type { IndexMapping } from "../mapping.ts";
import {
  assertIndexName,
  type SearchIndex,
  SearchIndexWriteError,
  type SearchResult,
  type WriteFailure,
} from "../search_index.ts";
import { createGroupCommit } from "../../storage/sqlite/group_commit.ts";
import { attempt } from "./_attempt.ts";
import { type Catalog, openCatalog } from "./sqlite_catalog.ts";
import { sqliteRebuild } from "./sqlite_rebuild.ts";
import {
  type CheckpointMode,
  type WalCheckpointerOptions,
  walCheckpoints,
} from "../../storage/sqlite/wal_checkpointer.ts";
import { createSearchPool } from "./search_pool.ts";
import { runSearch } from "./sqlite_search.ts";
import { deleteDoc, type IndexLayout, writeDocs } from "./sqlite_tables.ts";

/** Options of `createSqliteSearchIndex`. */
export interface SqliteSearchIndexOptions {
  /** The database file (e.g. `{DATA_DIR}/search.db`); `:memory:` for a private index. */
  path: string;
  /** Table name prefix, as the Elasticsearch index prefix. */
  prefix: string;
  /** Milliseconds to wait for another writer's lock. */
  busyTimeoutMs?: number;
  /** Where the write-ahead log is checkpointed (`wal_checkpointer.ts`); default inline. */
  checkpoints?: CheckpointMode;
  /** With `checkpoints: "thread"`: its interval, start and log (`wal_checkpointer.ts`). */
  checkpointThread?: WalCheckpointerOptions;
  /**
   * Search threads (`search_pool.ts`): searches and counts run there, off this thread's event
   * loop (default 2). 0, and always for `:memory:` (a thread cannot open another connection's
   * private database), runs them on this thread, without a time limit.
   */
  searchThreads?: number;
  /** Longest a search runs in a thread before it is cancelled with a 503 (default 30 s). */
  searchTimeoutMs?: number;
  /** Most searches waiting for a thread; past it a search is refused with a 503 (1000). */
  searchQueue?: number;
}

/** The defaults of the search threads: Elasticsearch's client timeout, its search queue. */
export const SEARCH_THREAD_DEFAULTS = { threads: 2, timeoutMs: 30_000, queue: 1000 };

/** Opens (creating if needed) the embedded search index. */
export function createSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex {
  const {
    path,
    prefix,
    busyTimeoutMs = 5000,
    checkpoints = "inline",
    checkpointThread,
    searchThreads = SEARCH_THREAD_DEFAULTS.threads,
    searchTimeoutMs = SEARCH_THREAD_DEFAULTS.timeoutMs,
    searchQueue = SEARCH_THREAD_DEFAULTS.queue,
  } = options;
  assertIndexName(prefix, "prefix");
  const db = new DatabaseSync(path);
  // A larger page cache than SQLite's 2 MB default keeps the narrow document, value and FTS
  // index pages of a newsroom's index in memory. Temporary storage in memory: each write runs in
  // a savepoint (`group_commit.ts`), whose journal of the pages it changes (a document touches
  // dozens of value-index pages) would otherwise spill to a temporary file past 64 KB.
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}; PRAGMA cache_size = -65536;
    PRAGMA temp_store = MEMORY;`);
  const catalog = openCatalog(db, prefix);
  const live = (resource: string) => catalog.indexes(resource).live;

  const checkpointer = walCheckpoints(db, path, { mode: checkpoints, ...checkpointThread });
  const commits = createGroupCommit(db, { onCommit: checkpointer?.committed });
  const pool = searchThreads > 0 && path !== ":memory:"
    ? createSearchPool({
      path,
      prefix,
      busyTimeoutMs,
      threads: searchThreads,
      timeoutMs: searchTimeoutMs,
      queueLimit: searchQueue,
    })
    : undefined;

  /**
   * Applies a write to the live index and any open rebuild, in one transaction shared with the
   * writes issued with it (`group_commit.ts`: one commit, the lock taken without blocking).
   */
  async function write(
    resource: string,
    ids: string[],
    apply: (t: IndexLayout) => WriteFailure[],
  ) {
    const failures = await commits.run(() => {
      const { live, rebuild } = catalog.indexes(resource);
      if (!live) {
        return ids.map((_id) => ({ _id, reason: `no such index [${prefix}_${resource}]` }));
      }
      return [live, ...(rebuild ? [rebuild] : [])].flatMap(apply);
    });
    if (failures.length) {
      const unique = [...new Map(failures.map((f) => [f._id, f])).values()];
      throw new SearchIndexWriteError(resource, unique);
    }
  }

  return {
    engine: "sqlite",

    ensureIndex: (resource, mapping) =>
      attempt(() =>
        catalog.transaction(() => {
          if (!live(resource)) catalog.create(resource, mapping, "live");
        })
      ),

    index: async (resource, docs) => {
      if (docs.length) {
        await write(resource, docs.map((d) => d._id), (t) => writeDocs(db, t, docs));
      }
    },

    remove: async (resource, ids) => {
      if (!ids.length) return;
      await write(resource, ids, (target) => {
        for (const id of ids) deleteDoc(db, target, id);
        return [];
      });
    },

    search: (resources, body) =>
      pool
        ? pool.run({ op: "search", resources, body, now: Date.now() }) as Promise<SearchResult>
        : attempt(() => runSearch(db, resources.flatMap((r) => live(r) ?? []), body)),

    getVersions: (resource, ids) => attempt(() => versionsOf(db, live(resource), ids)),

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

    count: (resource) =>
      pool ? pool.run({ op: "count", resource }) as Promise<number> : attempt(() => {
        const target = live(resource);
        if (!target) return 0;
        return (db.prepare(`SELECT COUNT(*) AS n FROM ${target.docs}`).get() as { n: number }).n;
      }),

    beginRebuild: (resource, mapping, { replace = false } = {}) =>
      attempt(() =>
        sqliteRebuild(db, catalog, resource, openRebuild(catalog, resource, mapping, replace))
      ),

    drop: (resource) =>
      attempt(() =>
        catalog.transaction(() => {
          const { live, rebuild } = catalog.indexes(resource);
          for (const layout of [live, rebuild]) if (layout) catalog.remove(layout.name);
        })
      ),

    currentIndex: (resource) => attempt(() => live(resource)?.name),

    liveMapping: (resource) => attempt(() => live(resource)?.mapping),

    ping: () =>
      measureStatus(
        "search",
        "sqlite",
        () => attempt(() => (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v),
      ),

    close: async () => {
      if (!db.isOpen) return;
      await pool?.close();
      await commits.close();
      await checkpointer?.close();
      // Closed meanwhile by a concurrent close().
      if (db.isOpen) db.close();
    },
  };
}

function openRebuild(
  catalog: Catalog,
  resource: string,
  mapping: IndexMapping,
  replace: boolean,
): IndexLayout {
  return catalog.transaction(() => {
    const { live, rebuild } = catalog.indexes(resource);
    if (rebuild && !replace) {
      throw new ConflictError(
        `A rebuild of "${resource}" is already open (${rebuild.name}); finish it or replace it`,
      );
    }
    if (rebuild) catalog.remove(rebuild.name);
    if (!live) catalog.create(resource, mapping, "live");
    return catalog.create(resource, mapping, "rebuild");
  });
}

function versionsOf(
  db: DatabaseSync,
  target: IndexLayout | undefined,
  ids: string[],
): Map<string, string | null> {
  const versions = new Map<string, string | null>();
  for (let i = 0; target && i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = db.prepare(
      `SELECT id, etag FROM ${target.docs} WHERE id IN (${chunk.map(() => "?").join(",")})`,
    ).all(...chunk) as Array<{ id: string; etag: string | null }>;
    for (const row of found) versions.set(row.id, row.etag);
  }
  return versions;
}
