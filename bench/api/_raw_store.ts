/**
 * The "raw driver" ceiling: the benchmark's four operations done with the minimum of work on
 * each driver, no validation, no hooks, no auth. Item GET is one lookup by id; list is one page
 * of 25 plus a count (Eve's and our envelope carry `_meta.total`); POST is one insert; PATCH is
 * one etag-guarded compare-and-set that returns the new document. The collection has the index
 * the resource declares (`kind`), as ours and Eve's have: every write maintains it (`indexed:
 * false` opens another system's data without touching its indexes). SQLite writes are durable
 * the way our store's are: the writes issued in one turn of the event loop committed together
 * and answered once the write-ahead log is flushed to disk off the thread (`group_commit.ts`
 * with `walPath`, the same code and settings as our FULL store), so the ceiling does the same
 * disk work per write as ours, not one commit per write.
 */
import type { Db } from "mongodb";
import { DatabaseSync } from "node:sqlite";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { BENCH_RESOURCE } from "./_bench_module.ts";

/** A stored document. */
export type Doc = Record<string, unknown>;

/** The four operations (plus bulk seeding and cleanup) on one driver. */
export interface RawStore {
  insertMany(docs: Doc[]): Promise<Doc[]>;
  get(id: string): Promise<Doc | null>;
  list(limit: number): Promise<{ items: Doc[]; total: number }>;
  create(doc: Doc): Promise<Doc>;
  /** Applies `set` when the stored etag is `etag`; the new document, or null on a mismatch. */
  patch(id: string, etag: string, set: Doc): Promise<Doc | null>;
  /** Deletes the documents the POST runs created (`kind: "post"`). */
  deletePosted(): Promise<void>;
  close(): Promise<void>;
}

/** How long a SQLite writer waits for the lock (our store's default too). */
const BUSY_TIMEOUT_MS = 5000;

/** The meta fields a new document gets (ids are 24-hex strings, as ours). */
function stamped(doc: Doc): Doc {
  const now = new Date().toISOString();
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), hex).join("");
  return { ...doc, _id: id, _created: now, _updated: now, _etag: crypto.randomUUID() };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

/**
 * node:sqlite over the same layout as our store (`id TEXT PRIMARY KEY, doc TEXT`), WAL, writes
 * in group commits flushed to disk before they are answered.
 */
export function rawSqliteStore(path: string, { indexed = true } = {}): RawStore {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`CREATE TABLE IF NOT EXISTS ${BENCH_RESOURCE} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
  if (indexed) {
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${BENCH_RESOURCE}_kind ON ${BENCH_RESOURCE} ` +
        `(json_extract(doc, '$.kind'))`,
    );
  }
  const insert = db.prepare(`INSERT INTO ${BENCH_RESOURCE} (id, doc) VALUES (?, ?)`);
  const byId = db.prepare(`SELECT doc FROM ${BENCH_RESOURCE} WHERE id = ?`);
  const page = db.prepare(`SELECT doc FROM ${BENCH_RESOURCE} LIMIT ?`);
  const count = db.prepare(`SELECT count(*) AS n FROM ${BENCH_RESOURCE}`);
  const patch = db.prepare(
    `UPDATE ${BENCH_RESOURCE} SET doc = json_patch(doc, ?)
     WHERE id = ? AND json_extract(doc, '$._etag') = ? RETURNING doc`,
  );
  const deletePosted = db.prepare(
    `DELETE FROM ${BENCH_RESOURCE} WHERE json_extract(doc, '$.kind') = 'post'`,
  );
  const parse = (row: unknown) => JSON.parse((row as { doc: string }).doc) as Doc;
  const commits = createGroupCommit(db, { walPath: `${path}-wal` });
  return {
    insertMany(docs) {
      const stored = docs.map(stamped);
      return commits.run(() => {
        for (const doc of stored) insert.run(String(doc._id), JSON.stringify(doc));
        return stored;
      });
    },
    get(id) {
      const row = byId.get(id);
      return Promise.resolve(row ? parse(row) : null);
    },
    list(limit) {
      const items = page.all(limit).map(parse);
      const total = Number((count.get() as { n: number }).n);
      return Promise.resolve({ items, total });
    },
    create(doc) {
      const stored = stamped(doc);
      return commits.run(() => {
        insert.run(String(stored._id), JSON.stringify(stored));
        return stored;
      });
    },
    patch(id, etag, set) {
      const changes = { ...set, _updated: new Date().toISOString(), _etag: crypto.randomUUID() };
      return commits.run(() => {
        const row = patch.get(JSON.stringify(changes), id, etag);
        return row ? parse(row) : null;
      });
    },
    deletePosted() {
      return commits.run(() => void deletePosted.run());
    },
    async close() {
      await commits.close();
      db.close();
    },
  };
}

/** npm:mongodb on `db`: findOne, find+countDocuments, insertOne, findOneAndUpdate. */
export function rawMongoStore(db: Db, { indexed = true } = {}): RawStore {
  const collection = db.collection<Doc & { _id: string }>(BENCH_RESOURCE);
  const withDates = (doc: Doc) => ({
    ...doc,
    _id: String(doc._id),
    _created: new Date(String(doc._created)),
    _updated: new Date(String(doc._updated)),
  });
  const ready = indexed ? collection.createIndex({ kind: 1 }).then(() => {}) : Promise.resolve();
  return {
    async insertMany(docs) {
      await ready;
      const stored = docs.map((doc) => withDates(stamped(doc)));
      await collection.insertMany(stored);
      return stored;
    },
    get: (id) => collection.findOne({ _id: id }),
    async list(limit) {
      const [items, total] = await Promise.all([
        collection.find({}).limit(limit).toArray(),
        collection.countDocuments({}),
      ]);
      return { items, total };
    },
    async create(doc) {
      const stored = withDates(stamped(doc));
      await collection.insertOne(stored);
      return stored;
    },
    patch: (id, etag, set) =>
      collection.findOneAndUpdate(
        { _id: id, _etag: etag },
        { $set: { ...set, _updated: new Date(), _etag: crypto.randomUUID() } },
        { returnDocument: "after" },
      ),
    async deletePosted() {
      await collection.deleteMany({ kind: "post" });
    },
    close: () => ready.catch(() => {}),
  };
}
