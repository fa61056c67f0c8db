/**
 * Per-document write serialisation for FerretDB. MongoDB applies `findOneAndUpdate`,
 * `replaceOne` and `deleteOne` atomically, so a filter `{_id, _etag}` is a compare-and-set.
 * FerretDB 1.24 does not: it filters in Go and then writes by `_id`, so concurrent
 * etag-guarded updates can all "win" (measured: 3 of 20). On FerretDB each guarded write first
 * claims `<collection>/<_id>` by inserting into `_docstore_claims` (its unique `_id` is atomic
 * there too), waits while another writer holds it, and releases it after the write. A claim left
 * by a crashed process expires after `CLAIM_TTL_MS`. Not used on MongoDB.
 */
import type { Collection as MongoCollection, Db, Filter as MongoFilter } from "mongodb";
import { ServiceUnavailableError } from "../../errors.ts";
import type { Doc } from "../document_store.ts";

/** The collection holding the claims. */
export const CLAIMS_COLLECTION = "_docstore_claims";

/** A claim older than this is considered abandoned. */
export const CLAIM_TTL_MS = 30_000;

/** How long a writer waits for a claim by default before answering 503. */
export const CLAIM_WAIT_MS = 10_000;

interface Claim {
  _id: string;
  at: Date;
}

/**
 * Runs `body` while holding the claim `key`; other holders of `key` wait their turn, up to
 * `maxWaitMs`, then get a 503 (the write was not made and can be retried).
 */
export async function withClaim<T>(
  db: Db,
  key: string,
  body: () => Promise<T>,
  { maxWaitMs = CLAIM_WAIT_MS }: { maxWaitMs?: number } = {},
): Promise<T> {
  const claims = db.collection<Claim>(CLAIMS_COLLECTION);
  await acquire(claims, key, maxWaitMs);
  try {
    return await body();
  } finally {
    await claims.deleteOne({ _id: key });
  }
}

async function acquire(
  claims: MongoCollection<Claim>,
  key: string,
  maxWaitMs: number,
): Promise<void> {
  const started = Date.now();
  for (let attempt = 0;; attempt++) {
    try {
      await claims.insertOne({ _id: key, at: new Date() });
      return;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
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
}

/** The claim key of a single-document write, by the filter's `_id` (or the whole collection). */
export function claimKey(collection: string, filter: Doc): string {
  return typeof filter._id === "string" ? `${collection}/${filter._id}` : `${collection}/*`;
}
