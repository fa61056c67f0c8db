/**
 * `unique_name` is unique across the archive (Superdesk's schema says `unique`), safely under
 * concurrent writers: a name is claimed by inserting it as the `_id` of a claim document before
 * the item is written, so of two items racing for one name exactly one gets it. A claim whose
 * item no longer holds the name (its write failed, or it changed name) is taken over.
 */
import { ruleIssue, ValidationError } from "../errors.ts";
import { type DocumentStore, DuplicateKeyError } from "../storage/document_store.ts";

/** The collection of claims: `{_id: name, item: itemId}`. */
const CLAIMS = "archive_unique_names";

/** Attempts before a contended claim gives up. */
const ATTEMPTS = 5;

/** Claims `name` for item `itemId`; a 400 `{unique_name: {unique: 1}}` when another item has it. */
export async function claimUniqueName(
  documents: DocumentStore,
  name: string,
  itemId: string,
): Promise<void> {
  const claims = documents.collection(CLAIMS);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      await claims.insertMany([{ _id: name, item: itemId }]);
      return;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const claim = await claims.findOne({ _id: name });
    if (!claim) continue;
    if (claim.item === itemId) return;
    const holder = await documents.collection("archive").findOne({
      _id: claim.item,
      unique_name: name,
    });
    if (holder) throw new ValidationError({ unique_name: ruleIssue("unique") });
    if (await claims.updateOne({ _id: name, item: claim.item }, { $set: { item: itemId } })) return;
  }
  throw new ValidationError({ unique_name: ruleIssue("unique") });
}

/** Releases item `itemId`'s claim on `name` (after it changed name or was removed). */
export async function releaseUniqueName(
  documents: DocumentStore,
  name: unknown,
  itemId: string,
): Promise<void> {
  if (typeof name !== "string" || name === "") return;
  await documents.collection(CLAIMS).deleteMany({ _id: name, item: itemId });
}
