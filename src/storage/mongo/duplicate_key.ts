/**
 * Turns a unique-constraint failure from MongoDB or FerretDB into a `DuplicateKeyError` that
 * names the field. MongoDB reports it in `keyPattern`/`keyValue`. FerretDB 1.24 (CI) reports
 * neither: an insert fails with a bare `E11000` and an update with code 1 and the message of
 * its SQLite backend (`UNIQUE constraint failed: index '<table>_<index name>'`), so the field is
 * found from the index list or by looking the conflicting values up (error path only).
 */
import type {
  Collection as MongoCollection,
  Filter as MongoFilter,
  IndexDescription,
} from "mongodb";
import { type Doc, DuplicateKeyError } from "../document_store.ts";
import { valueAt } from "../value_at.ts";

interface ServerErrorShape {
  code?: number;
  message?: string;
  keyPattern?: Record<string, unknown>;
  keyValue?: Record<string, unknown>;
  writeErrors?: Array<{ index?: number; err?: { index?: number; op?: Doc } }>;
}

/** True when `error` is a duplicate-key failure from either server. */
export function isDuplicateKeyFailure(error: unknown): boolean {
  const shape = error as ServerErrorShape | null;
  return shape?.code === 11000 || /UNIQUE constraint failed/.test(shape?.message ?? "");
}

/** The index of the first failed document of an ordered bulk insert, when the error says so. */
export function failedWriteIndex(error: unknown): number | undefined {
  const first = (error as ServerErrorShape | null)?.writeErrors?.[0];
  return first?.index ?? first?.err?.index;
}

/**
 * Builds the `DuplicateKeyError` for a failed write of `candidate` (the inserted document or
 * the `$set` of an update). Call before any compensation so conflicting documents still exist.
 */
export async function toDuplicateKeyError(
  error: unknown,
  collection: MongoCollection<Doc>,
  candidate: Doc,
): Promise<DuplicateKeyError> {
  const shape = error as ServerErrorShape;
  if (shape.keyPattern) {
    const field = Object.keys(shape.keyPattern)[0] ?? "_id";
    return new DuplicateKeyError(field, shape.keyValue?.[field] ?? candidate[field]);
  }
  const indexes = await collection.listIndexes().toArray() as IndexDescription[];
  const backendIndex = /index '([^']+)'/.exec(shape.message ?? "")?.[1];
  if (backendIndex) {
    const named = indexes.find((index) => index.name && backendIndex.endsWith(`_${index.name}`));
    const field = named ? Object.keys(named.key)[0] : undefined;
    if (field) return new DuplicateKeyError(field, valueAt(candidate, field));
  }
  if (
    "_id" in candidate &&
    await collection.countDocuments({ _id: candidate._id } as MongoFilter<Doc>) > 0
  ) {
    return new DuplicateKeyError("_id", candidate._id);
  }
  for (const index of indexes) {
    if (!index.unique || index.name === "_id_") continue;
    const fields = Object.keys(index.key);
    const query: Doc = Object.fromEntries(fields.map((f) => [f, valueAt(candidate, f) ?? null]));
    if (await collection.countDocuments(query) > 0) {
      return new DuplicateKeyError(fields[0]!, query[fields[0]!]);
    }
  }
  return new DuplicateKeyError("_id", candidate._id);
}
