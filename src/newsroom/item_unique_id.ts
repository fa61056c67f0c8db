/**
 * Every new archive item's `unique_id` and `unique_name` (`#<unique_id>`), from the archive's
 * counter (Superdesk's `generate_unique_id_and_name`, which `on_create_item` calls for each new
 * item without one). The counter is atomic (`sequences.ts`): concurrent creates, in this process
 * or another, never share a number. A number whose name another item took meanwhile (a user
 * renamed it `#<n>`) is skipped: the new item takes the next one rather than failing its create.
 */
import { ValidationError } from "../errors.ts";
import { nextSequence, nextSequences } from "../resources/sequences.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { claimUniqueName } from "./item_unique_name.ts";

/** The archive's counter (Superdesk's `ARCHIVE_SEQ`). */
export const ARCHIVE_SEQUENCE = "ARCHIVE_SEQ";

/** Numbers skipped for one item before its create gives up (each was another item's name). */
const NAME_ATTEMPTS = 20;

/**
 * Gives each of `docs` (with their `_id`) without a `unique_id` the next number of the archive's
 * counter (one reservation for all of them) and claims the `unique_name` it makes; an item that
 * has a `unique_id` keeps it and its name.
 */
export async function assignUniqueIds(documents: DocumentStore, docs: Doc[]): Promise<void> {
  const missing = docs.filter((doc) => doc.unique_id === undefined || doc.unique_id === null);
  const numbers = await nextSequences(documents, ARCHIVE_SEQUENCE, { count: missing.length });
  for (const [index, doc] of missing.entries()) {
    let number = numbers[index]!;
    for (let attempt = 1;; attempt++) {
      try {
        await claimUniqueName(documents, `#${number}`, String(doc._id));
        break;
      } catch (error) {
        if (!(error instanceof ValidationError) || attempt >= NAME_ATTEMPTS) throw error;
        number = await nextSequence(documents, ARCHIVE_SEQUENCE);
      }
    }
    doc.unique_id = number;
    doc.unique_name = `#${number}`;
  }
}
