/**
 * Per-document write serialisation for FerretDB. MongoDB applies `findOneAndUpdate`,
 * `replaceOne` and `deleteOne` atomically, so a filter `{_id, _etag}` is a compare-and-set.
 * FerretDB 1.24 does not: it filters in Go and then writes by `_id`, so concurrent
 * etag-guarded updates can all "win" (measured: 3 of 20). On FerretDB each guarded write first
 * claims `<collection>/<_id>` by inserting into `_docstore_claims` (its unique `_id` is atomic
 * there too), waits while another writer holds it, and releases it after the write. A claim left
 * by a crashed process expires after `CLAIM_TTL_MS`. Not used on MongoDB.
 *
 * The writers of one document in this process wait their turn in line, in arrival order, and only
 * the first of them asks the engine: a crowd polling the claim itself spent its turns refusing
 * one another (300 concurrent increments of one counter: three in four answered 503 after
 * `CLAIM_WAIT_MS`), while a line of writers that keeps moving is never refused. The wait is
 * counted from the last write of the document this line made, so the line gets a 503 only when
 * it has not written for `maxWaitMs`: a holder in another process that keeps the claim (or whose
 * writers keep taking it first, as lines of different processes still poll), or a body that
 * waits for itself.
 */
import { MongoServerError } from "mongodb";
import { TIMED_OUT, within } from "../../deadline.ts";
import { ServiceUnavailableError } from "../../errors.ts";
import type { Doc } from "../document_store.ts";
import { requestBatches } from "./request_batches.ts";

/** The collection holding the claims. */
export const CLAIMS_COLLECTION = "_docstore_claims";

/** A claim older than this is considered abandoned. */
export const CLAIM_TTL_MS = 30_000;

/** How long a writer waits for a claim by default before answering 503. */
export const CLAIM_WAIT_MS = 10_000;

interface Claim {
  _id: string;
  at: Date;
  /** The batch that took it, so a failed batch removes its own claims only. */
  batch: string;
}

/** The writers of one key in this process: each waits for the one before it. */
interface Line {
  /** Settles once the last writer in line has left it. */
  tail: Promise<void>;
  /** When a writer of this line last finished its write (or the line was formed). */
  progress: number;
  /** Writers in line, the one writing included. */
  size: number;
}

/** The claims of one database (one per store). */
export interface Claims {
  /**
   * Runs `body` while holding the claim `key`; other holders of `key` wait their turn, up to
   * `maxWaitMs`, then get a 503 (the write was not made and can be retried).
   */
  withClaim<T>(key: string, body: () => Promise<T>, options?: { maxWaitMs?: number }): Promise<T>;
}

/** Runs one command on the store's database and answers its reply (`ok: 1`). */
export type RunCommand = (command: Doc) => Promise<Doc>;

/**
 * The claims of the database `run` sends its commands to. Claims taken or released while an
 * earlier batch is with the server go together in one `insert` (unordered: each key is taken or
 * refused alone) or one `delete`: each is a SQLite transaction on FerretDB, the bulk of a
 * claim's cost.
 */
export function createClaims(run: RunCommand): Claims {
  const remove = (filter: Doc, limit: 0 | 1) =>
    run({ delete: CLAIMS_COLLECTION, deletes: [{ q: filter, limit }] });
  const take = requestBatches<string, boolean>(async (keys) => {
    const at = new Date();
    const batch = crypto.randomUUID();
    const documents: Claim[] = keys.map((_id) => ({ _id, at, batch }));
    try {
      const reply = await run({ insert: CLAIMS_COLLECTION, documents, ordered: false });
      return takenOf(reply, keys.length);
    } catch (unaccounted) {
      // Some of the batch may be stored although its writers will never release them (they
      // get the error): remove what this batch took, or they would block those documents
      // until CLAIM_TTL_MS. Best effort: the engine may be the reason of the failure.
      await remove({ _id: { $in: keys }, batch }, 0).catch(() => {});
      throw unaccounted;
    }
  });
  const release = requestBatches<string, void>(async (keys) => {
    await remove(keys.length === 1 ? { _id: keys[0]! } : { _id: { $in: keys } }, 0);
    return keys.map(() => undefined);
  });
  /** Takes `key`'s claim, polling while another holds it, until `since()` is `maxWaitMs` old. */
  const acquire = async (key: string, since: () => number, maxWaitMs: number) => {
    for (let attempt = 0;; attempt++) {
      if (await take(key)) return;
      const stale = new Date(Date.now() - CLAIM_TTL_MS);
      await remove({ _id: key, at: { $lt: stale } }, 1);
      if (Date.now() - since() > maxWaitMs) throw heldTooLong(key);
      // Polling: FerretDB offers no change stream or lock to wait on.
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 50)));
    }
  };
  const lines = new Map<string, Line>();
  return {
    async withClaim(key, body, { maxWaitMs = CLAIM_WAIT_MS } = {}) {
      const started = Date.now();
      const line = lines.get(key) ?? { tail: Promise.resolve(), progress: started, size: 0 };
      lines.set(key, line);
      const alone = line.size++ === 0;
      const before = line.tail;
      const { promise: left, resolve: leave } = Promise.withResolvers<void>();
      // A writer that gives up early still keeps the ones behind it waiting for the one before.
      line.tail = before.then(() => left);
      const since = () => Math.max(started, line.progress);
      try {
        if (!alone) await turn(key, before, since, maxWaitMs);
        await acquire(key, since, maxWaitMs);
        try {
          return await body();
        } finally {
          // The write is made or refused by now: a failed release must not turn it into an error
          // (a client retrying a made write would get 412); the claim expires after CLAIM_TTL_MS.
          await release(key).catch(() => {});
          line.progress = Date.now();
        }
      } finally {
        leave();
        if (--line.size === 0) lines.delete(key);
      }
    },
  };
}

/** Waits until `before` settles, refusing once `since()` (the line's last progress) is too old. */
async function turn(key: string, before: Promise<void>, since: () => number, maxWaitMs: number) {
  for (;;) {
    // Never less than 0 ms: a writer with nobody before it goes on, whatever its limit.
    const remaining = Math.max(since() + maxWaitMs - Date.now(), 0);
    if ((await within(before, remaining)) !== TIMED_OUT) return;
    if (Date.now() - since() >= maxWaitMs) throw heldTooLong(key);
  }
}

/** The 503 of a writer that waited `maxWaitMs` without the document's writers moving on. */
function heldTooLong(key: string): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `Cannot write "${key}" now: another writer holds it for too long; retry`,
    { retryAfterSeconds: 1 },
  );
}

/**
 * Which keys of an unordered insert of `count` claims were taken (true) or held by another
 * writer (false, a duplicate key); the server's error for the ones that failed otherwise. A
 * reply that does not account for every claim is thrown.
 */
function takenOf(reply: Doc, count: number): Array<boolean | Error> {
  const failures = (reply.writeErrors ?? []) as Array<
    { index: number; code?: number; errmsg?: string }
  >;
  if (Number(reply.n) + failures.length !== count) {
    throw new MongoServerError({
      ok: 0,
      errmsg: `claims insert accounted for ${reply.n} + ${failures.length} of ${count}`,
      ...(reply.writeConcernError as Doc ?? {}),
    });
  }
  const outcomes: Array<boolean | Error> = Array.from({ length: count }, () => true);
  for (const failure of failures) {
    outcomes[failure.index] = failure.code === 11000 ||
        /UNIQUE constraint failed/.test(failure.errmsg ?? "")
      ? false
      : new MongoServerError({
        ok: 0,
        code: failure.code,
        errmsg: failure.errmsg ?? "claim failed",
      });
  }
  return outcomes;
}

/** The claim key of a single-document write, by the filter's `_id` (or the whole collection). */
export function claimKey(collection: string, filter: Doc): string {
  return typeof filter._id === "string" ? `${collection}/${filter._id}` : `${collection}/*`;
}
