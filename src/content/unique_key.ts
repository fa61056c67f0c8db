/**
 * Case-insensitive uniqueness that holds under concurrent writers (Eve's `iunique`, Superdesk's
 * `unique_template`): each document stores a hidden normalised key (the scope plus the value in
 * lower case) under a unique index, so of two racing inserts one fails. A friendly check runs
 * first; the index answers the race with the same error.
 */
import { ValidationError } from "../errors.ts";
import type { Collection, Doc } from "../storage/document_store.ts";

/** The hidden field holding the key; resources declare it hidden and uniquely indexed. */
export const UNIQUE_KEY_FIELD = "_unique_key";

/**
 * The key of `value` within `scope` (trimmed, lower case); undefined for a non-string, whose
 * document then stores no key (a stored null would collide with every other null).
 */
export function uniqueKey(value: unknown, scope = ""): string | undefined {
  if (typeof value !== "string") return undefined;
  return `${scope}\u0000${value.trim().toLowerCase()}`;
}

/**
 * The hidden key field holding `key`, for a resource's `derivedFields`: none for an undefined
 * key (the document then stores no key).
 */
export function keyField(key: string | undefined): Doc {
  return key === undefined ? {} : { [UNIQUE_KEY_FIELD]: key };
}

/** Throws `error` when another document (not `exceptId`) holds `key`. */
export async function assertKeyFree(
  collection: Collection,
  key: string | undefined,
  { exceptId, error }: { exceptId?: unknown; error: () => ValidationError },
): Promise<void> {
  if (key === undefined) return;
  const filter: Doc = { [UNIQUE_KEY_FIELD]: key };
  if (exceptId !== undefined) filter._id = { $ne: exceptId };
  if (await collection.findOne(filter)) throw error();
}

/** `error()` when `caught` is the unique-key index refusing a write; `caught` otherwise. */
export function mapKeyConflict(caught: unknown, error: () => ValidationError): unknown {
  if (caught instanceof ValidationError && caught.issues && UNIQUE_KEY_FIELD in caught.issues) {
    return error();
  }
  return caught;
}
