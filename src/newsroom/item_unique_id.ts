/**
 * Every new archive item's `unique_id` and `unique_name` (`#<unique_id>`), from the archive's
 * counter (Superdesk's `generate_unique_id_and_name`, which `on_create_item` calls for each new
 * item without one). The counter is atomic (`sequences.ts`): concurrent creates, in this process
 * or another, never share a number.
 */
import { nextSequences } from "../resources/sequences.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";

/** The archive's counter (Superdesk's `ARCHIVE_SEQ`). */
export const ARCHIVE_SEQUENCE = "ARCHIVE_SEQ";

/**
 * Gives each of `docs` without a `unique_id` the next number of the archive's counter (one
 * reservation for all of them) and the `unique_name` it makes; an item that has one keeps both.
 */
export async function assignUniqueIds(documents: DocumentStore, docs: Doc[]): Promise<void> {
  const missing = docs.filter((doc) => doc.unique_id === undefined || doc.unique_id === null);
  const numbers = await nextSequences(documents, ARCHIVE_SEQUENCE, { count: missing.length });
  missing.forEach((doc, index) => {
    doc.unique_id = numbers[index];
    doc.unique_name = `#${numbers[index]}`;
  });
}
