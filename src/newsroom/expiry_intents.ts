/**
 * What content expiry is about to retire (`archive_expiry_intents`): an item's record is written
 * before the item is deleted and removed once its published copies have moved, so a run that
 * stops in between leaves a record the next run finishes from, reading only these records.
 */
import { type DocumentStore, DuplicateKeyError } from "../storage/document_store.ts";

const INTENTS = "archive_expiry_intents";

/** An item being retired, and whether its copies go to `archived`. */
export interface ExpiryIntent {
  itemId: string;
  archive: boolean;
}

/** Records that `itemId` is being retired (replacing an older record of it). */
export async function recordIntent(documents: DocumentStore, intent: ExpiryIntent) {
  const intents = documents.collection(INTENTS);
  const doc = { _id: intent.itemId, archive: intent.archive, at: new Date() };
  try {
    await intents.insertMany([doc]);
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    await intents.replaceOne({ _id: intent.itemId }, doc);
  }
}

/** The retirement of `itemId` is over (done, or not to be done). */
export async function clearIntent(documents: DocumentStore, itemId: string) {
  await documents.collection(INTENTS).deleteOne({ _id: itemId });
}

/** Every recorded retirement, oldest first. */
export async function pendingIntents(documents: DocumentStore): Promise<ExpiryIntent[]> {
  const docs = await documents.collection(INTENTS).find({}, { sort: [["at", 1]] });
  return docs.map((doc) => ({ itemId: String(doc._id), archive: doc.archive === true }));
}
