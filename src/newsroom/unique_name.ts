/**
 * Case-insensitive uniqueness of names (Eve's `iunique`, Superdesk's `iunique_per_parent`),
 * checked before writes; the 422 names the field as Eve does.
 */
import { ValidationError } from "../errors.ts";
import type { Collection, Filter } from "../storage/document_store.ts";

/** Longest pattern the stores' `$regex` accepts; longer names compare exactly. */
const MAX_PATTERN = 250;

/** Throws a 422 when another document in `scope` has `name` (ignoring case). */
export async function assertUniqueName(
  collection: Collection,
  name: unknown,
  { scope = {}, exceptId }: { scope?: Filter; exceptId?: string } = {},
): Promise<void> {
  if (typeof name !== "string") return;
  const pattern = `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
  const match: Filter = pattern.length <= MAX_PATTERN
    ? { name: { $regex: pattern, $options: "i" } }
    : { name };
  const parts: Filter[] = [scope, match];
  if (exceptId) parts.push({ _id: { $ne: exceptId } });
  if (await collection.findOne({ $and: parts })) {
    throw new ValidationError({ name: `value '${name}' is not unique` });
  }
}
