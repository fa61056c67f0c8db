/**
 * Helpers of the group commit tests: a WAL database in a temporary folder, the runtime's disk
 * flushes held or recorded (`Deno.FsFile.prototype.syncData` / `sync` replaced for the test), and
 * whether a promise has settled.
 */
import { DatabaseSync } from "node:sqlite";
import { createGroupCommit, type GroupCommit } from "../../src/storage/sqlite/group_commit.ts";

/** Runs `body` over a new WAL database (`t (id, v)`) at `path` in a folder removed after it. */
export async function withDatabase(body: (db: DatabaseSync, path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "group_commit_" });
  const path = `${dir}/data.db`;
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  try {
    await body(db, path);
  } finally {
    if (db.isOpen) db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** The number of rows of `t`. */
export function rowCount(db: DatabaseSync): number {
  return (db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n;
}

/** `Deno.FsFile.prototype.syncData` replaced by a flush the test ends itself. */
export function holdFlushes() {
  const original = Deno.FsFile.prototype.syncData;
  const started: Array<PromiseWithResolvers<void>> = [];
  const waiters: Array<() => void> = [];
  Deno.FsFile.prototype.syncData = function () {
    const flush = Promise.withResolvers<void>();
    started.push(flush);
    waiters.splice(0).forEach((wake) => wake());
    return flush.promise;
  };
  return {
    started,
    /** Resolves once `n` flushes have started. */
    async startedCount(n: number) {
      while (started.length < n) await new Promise<void>((wake) => waiters.push(wake));
    },
    restore() {
      Deno.FsFile.prototype.syncData = original;
    },
  };
}

/**
 * Runs `body` over a new WAL database with a group commit flushing its log (`walPath`) through
 * held flushes (`holdFlushes`), restored after it.
 */
export async function withHeldWalCommits(
  body: (
    run: {
      db: DatabaseSync;
      commits: GroupCommit;
      flushes: ReturnType<typeof holdFlushes>;
    },
  ) => Promise<void>,
) {
  await withDatabase(async (db, path) => {
    const flushes = holdFlushes();
    try {
      await body({ db, commits: createGroupCommit(db, { walPath: `${path}-wal` }), flushes });
    } finally {
      flushes.restore();
    }
  });
}

/** One flush to disk: of a file's data (`fdatasync`) or of a whole file or folder (`fsync`). */
export interface RecordedFlush {
  call: "syncData" | "sync";
  ino: number | null;
  isDirectory: boolean;
}

/** `syncData` and `sync` of `Deno.FsFile` recorded (which file, which call), then run. */
export function recordFlushes() {
  const { syncData, sync } = Deno.FsFile.prototype;
  const flushes: RecordedFlush[] = [];
  const recorded = (call: RecordedFlush["call"], run: () => Promise<void>) =>
    async function (this: Deno.FsFile) {
      const { ino, isDirectory } = await this.stat();
      flushes.push({ call, ino, isDirectory });
      return run.call(this);
    };
  Deno.FsFile.prototype.syncData = recorded("syncData", syncData);
  Deno.FsFile.prototype.sync = recorded("sync", sync);
  return {
    flushes,
    restore() {
      Object.assign(Deno.FsFile.prototype, { syncData, sync });
    },
  };
}

/** Whether `promise` has settled after the current turns of the event loop. */
export async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => done = true, () => done = true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}
