/**
 * The thread side of `search_pool.ts`: a read-only connection of its own to the embedded search
 * index's file, answering searches and counts one at a time. Each job runs in one read
 * transaction, so it sees one snapshot (commits of the writing thread land between jobs, never
 * between a page's query and the reading of its documents) and every write committed before
 * the job began (read-your-writes: the writing thread answers its writers after their COMMIT).
 */
import { DatabaseSync } from "node:sqlite";
import type { SearchBody } from "../search_index.ts";
import { readCatalog } from "./sqlite_catalog.ts";
import { runSearch } from "./sqlite_search.ts";
import { inReadSnapshot } from "./read_snapshot.ts";
import { toWire, type WireError } from "./wire_error.ts";

/** The first message to the thread. */
export interface SearchThreadStart {
  type: "start";
  path: string;
  prefix: string;
  busyTimeoutMs: number;
}

/** What a job asks: a search (as `SearchIndex.search`, at `now`) or a resource's count. */
export type SearchWork =
  | { op: "search"; resources: string[]; body: SearchBody; now: number }
  | { op: "count"; resource: string };

/** A job as sent to the thread. */
export type SearchJob = SearchWork & { type: "job"; id: number };

/** Asks the thread to close its connection (then it answers `closed`). */
export interface SearchThreadClose {
  type: "close";
}

/**
 * The thread's answer to job `id` (`started` first, then its outcome), or to `close`. The limit
 * runs from `started`: a thread's start (loading its modules, opening the file) is not the job's.
 */
export type SearchReply =
  | { started: number }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError }
  | { closed: true };

/** Runs the search thread on `scope` (a Web Worker's `self`); sets `onmessage` at once. */
export function runSearchThread(scope: {
  onmessage:
    | ((event: MessageEvent<SearchThreadStart | SearchJob | SearchThreadClose>) => void)
    | null;
  postMessage(message: SearchReply): void;
}): void {
  let open: (() => ReturnType<typeof connect>) | undefined;
  let connection: ReturnType<typeof connect> | undefined;
  scope.onmessage = ({ data }) => {
    if (data.type === "start") {
      // Opened on the first job: a failure to open is that job's answer.
      open = () => connection ??= connect(data);
      return;
    }
    if (data.type === "close") {
      // Closed here, not left to the thread's end: SQLite removes the write-ahead log when its
      // last connection closes.
      connection?.db.close();
      scope.postMessage({ closed: true });
      return;
    }
    scope.postMessage({ started: data.id });
    try {
      if (!open) throw new Error("search thread job before its start message");
      scope.postMessage({ id: data.id, ok: true, value: runJob(open(), data) });
    } catch (error) {
      scope.postMessage({ id: data.id, ok: false, error: toWire(error) });
    }
  };
}

function connect({ path, prefix, busyTimeoutMs }: SearchThreadStart) {
  const db = new DatabaseSync(path, { readOnly: true });
  // As the writing connection: a large page cache, temporary b-trees (scores, sorts of large
  // aggregations) in memory.
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}; PRAGMA cache_size = -65536;
    PRAGMA temp_store = MEMORY;`);
  return { db, catalog: readCatalog(db, prefix) };
}

function runJob(
  { db, catalog }: ReturnType<typeof connect>,
  job: SearchWork,
): unknown {
  return inReadSnapshot(db, () => {
    if (job.op === "count") {
      const target = catalog.indexes(job.resource).live;
      if (!target) return 0;
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${target.docs}`).get() as { n: number }).n;
    }
    const layouts = job.resources.flatMap((r) => catalog.indexes(r).live ?? []);
    return runSearch(db, layouts, job.body, { now: job.now });
  });
}
