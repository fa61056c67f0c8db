/**
 * The embedded implementation of the document store over Deno's built-in `node:sqlite`: one
 * database file, WAL mode (readers never block the writer), a `busy_timeout` so several Web
 * Worker threads and processes can open the same file and take turns writing, one table per
 * collection created on first use, prepared statements cached per SQL text, writes committed in
 * groups (`group_commit.ts`), the log checkpointed off the writing threads when asked
 * (`wal_checkpointer.ts`); databases of an older stored format are upgraded when opened
 * (`stored_format.ts`).
 */
import { DatabaseSync } from "node:sqlite";
import { measureStatus } from "../../engines/engine_status.ts";
import type { DocumentStore, Filter, FindOptions } from "../document_store.ts";
import { createSqliteCollection, type SqliteCollection } from "./sqlite_collection.ts";
import { createFieldsTable } from "./sqlite_indexes.ts";
import { registerRegexp } from "./regex_function.ts";
import { createGroupCommit } from "./group_commit.ts";
import { createStatementCache } from "./statement_cache.ts";
import { documentTables, upgradeStoredFormat } from "./stored_format.ts";
import {
  type CheckpointMode,
  type WalCheckpointerOptions,
  walCheckpoints,
} from "./wal_checkpointer.ts";
import type { CheckpointReply } from "./wal_checkpoint_thread.ts";

/** Options for `createSqliteDocumentStore`. */
export interface SqliteDocumentStoreOptions {
  /** The database file (created when missing). */
  path: string;
  /** How long a writer waits for another one before failing, in milliseconds. */
  busyTimeoutMs?: number;
  /**
   * `FULL` survives power loss: a write is answered once the log is on disk, flushed off the
   * thread (`group_commit.ts`); `NORMAL` (faster) survives a crash of the process.
   */
  synchronous?: "FULL" | "NORMAL";
  /** Matching time one statement may spend on `$regex` (see `regex_function.ts`). */
  regexBudgetMs?: number;
  /** Where the write-ahead log is checkpointed (`wal_checkpointer.ts`); default inline. */
  checkpoints?: CheckpointMode;
  /** With `checkpoints: "thread"`: its interval, restart point, start and log. */
  checkpointThread?: WalCheckpointerOptions;
}

/** The SQLite store, with helpers for tests and diagnostics. */
export interface SqliteDocumentStore extends DocumentStore {
  /** The `EXPLAIN QUERY PLAN` lines of what `collection(name).find(filter, options)` runs. */
  explain(collection: string, filter: Filter, options?: FindOptions): string[];
  /**
   * Resolves once the checkpoint thread (`checkpoints: "thread"`) has copied what the writes so
   * far committed, with its outcome; at once without a thread.
   */
  checkpointed(): Promise<CheckpointReply | undefined>;
}

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const MAX_CACHED_STATEMENTS = 500;

/** Opens (or creates) the database at `path`. */
export function createSqliteDocumentStore(
  {
    path,
    busyTimeoutMs = 5000,
    synchronous = "FULL",
    regexBudgetMs,
    checkpoints = "inline",
    checkpointThread,
  }: SqliteDocumentStoreOptions,
): SqliteDocumentStore {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  const { journal_mode: journal } = db.prepare("PRAGMA journal_mode = WAL").get() as {
    journal_mode: string;
  };
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  const regexBudget = registerRegexp(db, { budgetMs: regexBudgetMs });
  createFieldsTable(db);
  upgradeStoredFormat(db);
  const checkpointer = journal === "wal"
    ? walCheckpoints(db, path, { mode: checkpoints, ...checkpointThread })
    : undefined;
  // A file that could not switch to WAL (an in-memory one) keeps SQLite's own FULL commits.
  const commits = createGroupCommit(db, {
    walPath: synchronous === "FULL" && journal === "wal" ? walPathOf(db) : undefined,
    onCommit: checkpointer?.committed,
  });

  const statements = createStatementCache(db, MAX_CACHED_STATEMENTS);
  const prepare = statements.prepare;
  // The JSON reads' statements, their rows as arrays (`statement_cache.ts`).
  const rowStatements = createStatementCache(db, MAX_CACHED_STATEMENTS, { arrays: true });
  const prepareRows = rowStatements.prepare;
  const collections = new Map<string, SqliteCollection>();
  const collection = (name: string) => {
    let found = collections.get(name);
    if (!found) {
      if (!COLLECTION_NAME.test(name)) {
        throw new Error(`Collection name "${name}" must match ${COLLECTION_NAME}`);
      }
      found = createSqliteCollection({
        db,
        table: name,
        prepare,
        prepareRows,
        regexBudget,
        commits,
      });
      collections.set(name, found);
    }
    return found;
  };

  return {
    engine: "sqlite",
    collection,
    collectionNames: () => Promise.resolve(documentTables(db).sort()),
    explain: (name, filter, options) => collection(name).explain(filter, options),
    checkpointed: () => checkpointer?.idle() ?? Promise.resolve(undefined),
    ping: () =>
      measureStatus("documents", "sqlite", () => {
        if (commits.failure) throw commits.failure;
        const row = prepare("SELECT sqlite_version() AS version").get();
        return Promise.resolve(String((row as { version: string }).version));
      }),
    async close() {
      await commits.close();
      await checkpointer?.close();
      statements.clear();
      rowStatements.clear();
      collections.clear();
      db.close();
    },
  };
}

/**
 * The write-ahead log of `db`'s main database: beside the file SQLite opened, symbolic links
 * resolved, which `PRAGMA database_list` names (not beside the path the store was given).
 */
function walPathOf(db: DatabaseSync): string {
  const { file } = db.prepare("PRAGMA database_list").get() as { file: string };
  return `${file}-wal`;
}
