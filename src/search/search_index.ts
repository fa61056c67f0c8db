/**
 * The search-index seam: where search-backed resources are listed and searched. Two
 * implementations, `elastic/elastic_search_index.ts` (Elasticsearch 8) and
 * `sqlite/sqlite_search_index.ts` (embedded FTS5, a documented DSL subset), pass one contract
 * suite (`tests/contracts/search_index_contract.ts`). MongoDB stays the truth: this index holds
 * copies, each carrying the `_etag` it was indexed at, so drift can be measured and repaired.
 *
 * Layout: one concrete index per resource, `{prefix}_{resource}_{n}`, reached through the alias
 * `{prefix}_{resource}`. A rebuild fills `{prefix}_{resource}_{n+1}` and swaps the alias.
 *
 * Rebuild and concurrent writes: while a rebuild is open, the new index is also reachable as
 * `{prefix}_{resource}.rebuild` and every `index()`/`remove()` call from any process writes to
 * both the live and the new index (the engine holds that state, not memory). The rebuild's own
 * `write()` never replaces a newer copy, so a copy read before a live write never overwrites it.
 * A delete racing the copy of the same document can leave an orphan in the new index, which the
 * reconciler's orphan check removes.
 *
 * Versions: a document's `_updated` time orders its writes (`nextUpdated` keeps it strictly
 * increasing per document), so both engines keep the newest copy whatever order index requests
 * arrive in: a copy older than the one held is skipped, not an error; an equal one replaces it
 * (a retry). Documents without `_updated` are written unconditionally (rebuild copies of them
 * only when absent). Deletes are not versioned; on Elasticsearch a deleted copy's tombstone
 * (kept `index.gc_deletes`, 60 s) also refuses a late older write, and refuses re-indexing the
 * same version within that minute, which only a copy deleted from the index alone (never by our
 * write paths) would need: the next reconcile restores it.
 */
import type { EngineStatus } from "../engines/engine_status.ts";
import { epochMs } from "../epoch_ms.ts";
import type { IndexMapping } from "./mapping.ts";

/** A document to index: `_id` is required; `_etag` is what drift checks compare. */
export type SearchDoc = Record<string, unknown> & { _id: string; _etag?: string };

/** The version of a document copy: its `_updated` time in ms, if it has a valid one. */
export function searchVersion(doc: Record<string, unknown>): number | undefined {
  const ms = epochMs(doc._updated);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * When a write becomes visible to searches: `wait_for` (on return, waits for a refresh),
 * `true` (forces a refresh, visible on return), `false` (within the refresh interval).
 */
export type RefreshPolicy = "wait_for" | "true" | "false";

/** Per-call write options; `refresh` overrides the index's default policy. */
export interface WriteOptions {
  refresh?: RefreshPolicy;
}

/**
 * An Elasticsearch request body (`query`, `sort`, `from`, `size`, `aggs`/`aggregations`,
 * `highlight`, `_source`, ...). Legacy 1.x/2.x syntax must go through `rewriteLegacyDsl` first.
 */
export type SearchBody = Record<string, unknown>;

/** One hit: `_source` is the document as indexed, `_id` included, dates as ISO strings. */
export interface SearchHit {
  _id: string;
  _resource: string;
  _source: Record<string, unknown>;
  /** Field → highlighted fragments, when the body asked for highlights and the field matched. */
  highlight?: Record<string, string[]>;
}

/** The answer to a search: the requested page, the exact total, and aggregations if asked. */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
  aggregations?: Record<string, unknown>;
}

/** What the index holds for one document: its `_etag` (null when it was indexed without). */
export interface IndexedVersion {
  _id: string;
  _etag: string | null;
}

/** An open rebuild of one resource (see the module doc for the concurrency rules). */
export interface Rebuild {
  /** The concrete index being filled. */
  readonly target: string;
  /** Copies documents into the new index, never over a newer copy a live write put there. */
  write(docs: SearchDoc[]): Promise<void>;
  /** Makes the new index visible (refresh), swaps the alias atomically, drops the old index. */
  finish(): Promise<void>;
  /** Drops the new index and leaves the live one untouched. */
  abort(): Promise<void>;
}

/** The seam itself. Resource names are lowercase `[a-z0-9_]`. */
export interface SearchIndex {
  readonly engine: "elasticsearch" | "sqlite";
  /** Creates `{prefix}_{resource}_1` behind the alias when the alias is missing; idempotent. */
  ensureIndex(resource: string, mapping: IndexMapping): Promise<void>;
  /**
   * Bulk upsert by `_id` (whole documents), keeping the newest version of each (module doc).
   * Throws `SearchIndexWriteError` on any failure.
   */
  index(resource: string, docs: SearchDoc[], options?: WriteOptions): Promise<void>;
  /** Removes by `_id`; ids that are absent are ignored. Throws `SearchIndexWriteError`. */
  remove(resource: string, ids: string[], options?: WriteOptions): Promise<void>;
  /**
   * Searches one or more resources at once; each hit names its resource. Bad or unsupported
   * DSL throws `BadRequestError` with the engine's reason; an unreachable engine an HTTP 503.
   * A resource without an index contributes no hits.
   */
  search(resources: string[], body: SearchBody): Promise<SearchResult>;
  /** `_id` → `_etag` for those of `ids` the index holds (absent ids are not in the map). */
  getVersions(resource: string, ids: string[]): Promise<Map<string, string | null>>;
  /** Every document id and etag the index holds, in batches (for drift and orphan checks). */
  scanVersions(
    resource: string,
    options?: { batchSize?: number },
  ): AsyncIterable<IndexedVersion[]>;
  /** How many documents the index holds (after a refresh). */
  count(resource: string): Promise<number>;
  /**
   * Opens a rebuild into a new concrete index with `mapping` (creating the live index first if
   * there is none). One at a time per resource: another open rebuild is a `ConflictError`,
   * unless `replace` drops it (one left behind by a crashed process).
   */
  beginRebuild(
    resource: string,
    mapping: IndexMapping,
    options?: { replace?: boolean },
  ): Promise<Rebuild>;
  /** Deletes the resource's alias and indices (flush commands and tests). */
  drop(resource: string): Promise<void>;
  /** The concrete index the alias points at, or undefined when there is none. */
  currentIndex(resource: string): Promise<string | undefined>;
  /**
   * The mapping (meta fields included) the live index was created with: undefined when there
   * is no index, null when the index does not record one (it predates recorded mappings).
   */
  liveMapping(resource: string): Promise<IndexMapping | null | undefined>;
  ping(): Promise<EngineStatus>;
  close(): Promise<void>;
}

/** One document the engine refused, with the engine's reason. */
export interface WriteFailure {
  _id: string;
  reason: string;
  /**
   * The engine refuses this document as it is (a value its mapping rejects, too large):
   * sending it again cannot succeed. Otherwise the failure may pass (engine down, overloaded).
   */
  permanent?: boolean;
}

/**
 * An index or remove call did not fully succeed. `failures` names the refused documents;
 * `unavailable` is true when the engine could not be reached at all (then every document of
 * the call failed). Callers record the ids for retry: MongoDB already holds the truth.
 */
export class SearchIndexWriteError extends Error {
  readonly resource: string;
  readonly failures: WriteFailure[];
  readonly unavailable: boolean;
  constructor(
    resource: string,
    failures: WriteFailure[],
    { unavailable = false, cause }: { unavailable?: boolean; cause?: unknown } = {},
  ) {
    const first = failures[0];
    super(
      `Cannot index ${failures.length} document(s) of "${resource}": ${
        first ? first.reason : "unknown"
      }`,
      { cause },
    );
    this.name = "SearchIndexWriteError";
    this.resource = resource;
    this.failures = failures;
    this.unavailable = unavailable;
  }
}

const RESOURCE_NAME = /^[a-z0-9][a-z0-9_]*$/;

/** Throws unless `name` is a valid resource or prefix name (it ends up in index/table names). */
export function assertIndexName(name: string, what = "resource"): string {
  if (!RESOURCE_NAME.test(name)) {
    throw new Error(`Invalid search ${what} name "${name}": use lowercase [a-z0-9_]`);
  }
  return name;
}
