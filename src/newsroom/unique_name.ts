/**
 * Case-insensitive uniqueness of names (Eve's `iunique`, Superdesk's `iunique_per_parent`),
 * checked before writes; the 400 names the field as Superdesk does (`{name: {unique: 1}}`).
 */
import { ruleIssue, ValidationError } from "../errors.ts";
import type { Collection, Filter } from "../storage/document_store.ts";
import { equalIgnoringCase } from "../storage/equal_ignoring_case.ts";

/** Throws a 400 when another document in `scope` has `name` (ignoring case). */
export async function assertUniqueName(
  collection: Collection,
  name: unknown,
  { scope = {}, exceptId }: { scope?: Filter; exceptId?: string } = {},
): Promise<void> {
  if (typeof name !== "string") return;
  const parts: Filter[] = [scope, equalIgnoringCase("name", name)];
  if (exceptId) parts.push({ _id: { $ne: exceptId } });
  if (await collection.findOne({ $and: parts })) {
    throw new ValidationError({ name: ruleIssue("unique") });
  }
}
