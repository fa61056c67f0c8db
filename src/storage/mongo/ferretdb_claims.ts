/**
 * Per-document write serialisation for FerretDB. MongoDB applies `findOneAndUpdate`,
 * `replaceOne` and `deleteOne` atomically, so a filter `{_id, _etag}` is a compare-and-set.
 * FerretDB 1.24 does not: it filters in Go and then writes by `_id`, so concurrent
 * etag-guarded updates can all "win" (measured: 3 of 20). On FerretDB each guarded write first
 * claims `<collection>/<_id>` by inserting into `_docstore_claims` (its unique `_id` is atomic
 * there too), waits while another writer holds it, and releases it after the write. A claim left
 * by a crashed process expires after `CLAIM_TTL_MS`. Not used on MongoDB.
 */
import { type Db, type Filter as MongoFilter, MongoBulkWriteError, type WriteError } from "mongodb";
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

/** The claims of one database (one per store). */
export interface Claims {
  /**
   * Runs `body` while holding the claim `key`; other holders of `key` wait their turn, up to
   * `maxWaitMs`, then get a 503 (the write was not made and can be retried).
   */
  withClaim<T>(key: string, body: () => Promise<T>, options?: { maxWaitMs?: number }): Promise<T>;
}

/**
 * The claims of `db`. Claims taken or released while an earlier batch is with the server go
 * together in one `insert` (unordered: each key is taken or refused alone) or one `delete`:
 * each is a SQLite transaction on FerretDB, the bulk of a claim's cost.
 */
export function createClaims(db: Db): Claims {
  const claims = db.collection<Claim>(CLAIMS_COLLECTION);
  const take = requestBatches<string, boolean>(async (keys) => {
    const at = new Date();
    const batch = crypto.randomUUID();
    try {
      await claims.insertMany(keys.map((_id) => ({ _id, at, batch })), { ordered: false });
      return keys.map(() => true);
    } catch (error) {
      try {
        return takenDespite(error, keys.length);
      } catch (unaccounted) {
        // Some of the batch may be stored although its writers will never release them (they
        // get the error): remove what this batch took, or they would block those documents
        // until CLAIM_TTL_MS. Best effort: the engine may be the reason of the failure.
        await claims.deleteMany({ _id: { $in: keys }, batch } as MongoFilter<Claim>).catch(
          () => {},
        );
        throw unaccounted;
      }
    }
  });
  const release = requestBatches<string, void>(async (keys) => {
    const filter = keys.length === 1 ? { _id: keys[0]! } : { _id: { $in: keys } };
    await claims.deleteMany(filter as MongoFilter<Claim>);
    return keys.map(() => undefined);
  });
  const acquire = async (key: string, maxWaitMs: number) => {
    const started = Date.now();
    for (let attempt = 0;; attempt++) {
      if (await take(key)) return;
      const stale = new Date(Date.now() - CLAIM_TTL_MS);
      await claims.deleteOne({ _id: key, at: { $lt: stale } } as MongoFilter<Claim>);
      if (Date.now() - started > maxWaitMs) {
        throw new ServiceUnavailableError(
          `Cannot write "${key}" now: another writer holds it for too long; retry`,
          { retryAfterSeconds: 1 },
        );
      }
      // Polling: FerretDB offers no change stream or lock to wait on.
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 50)));
    }
  };
  return {
    async withClaim(key, body, { maxWaitMs = CLAIM_WAIT_MS } = {}) {
      await acquire(key, maxWaitMs);
      try {
        return await body();
      } finally {
        // The write is made or refused by now: a failed release must not turn it into an error
        // (a client retrying a made write would get 412); the claim expires after CLAIM_TTL_MS.
        await release(key).catch(() => {});
      }
    },
  };
}

/**
 * Which keys of a failed unordered insert of `count` claims were taken (true) or held by
 * another writer (false); `error` itself for the ones that failed otherwise. An error that does
 * not account for every claim (a lost connection) is thrown.
 */
function takenDespite(error: unknown, count: number): Array<boolean | Error> {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const failures = ([] as WriteError[]).concat(error.writeErrors ?? []);
  if (failures.length === 0 || error.insertedCount + failures.length !== count) throw error;
  const outcomes: Array<boolean | Error> = Array.from({ length: count }, () => true);
  for (const failure of failures) outcomes[failure.index] = failure.code === 11000 ? false : error;
  return outcomes;
}

/** The claim key of a single-document write, by the filter's `_id` (or the whole collection). */
export function claimKey(collection: string, filter: Doc): string {
  return typeof filter._id === "string" ? `${collection}/${filter._id}` : `${collection}/*`;
}
