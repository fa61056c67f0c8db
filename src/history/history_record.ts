/**
 * What one history record holds (Superdesk's `ArchiveHistoryService._save_history`): the item's
 * id and version, who acted, the operation, and what it changed without the fields every write
 * touches (meta, lock, creation) that say nothing about the operation. A creation or a fetch
 * records the whole item, as Superdesk does (the History tab reads the desk and stage it went to).
 */
import type { Doc } from "../storage/document_store.ts";

/** Fields left out of a record's `update` (Superdesk's `fields_to_remove`). */
const UNWANTED = [
  "_id",
  "_etag",
  "versioncreator",
  "originalcreator",
  "versioncreated",
  "_current_version",
  "version",
  "_updated",
  "lock_session",
  "lock_user",
  "lock_time",
  "lock_action",
  "force_unlock",
  "_created",
  "guid",
  "family_id",
  "firstcreated",
  "original_creator",
  // Ours, never stored in Superdesk: the client's kind of document.
  "_type",
];

/** Operations whose record holds the whole item. */
const WHOLE_ITEM = new Set(["create", "fetch"]);

/** One operation to record. */
export interface HistoryEntry {
  /** The item as it is after the operation. */
  item: Doc;
  operation: string;
  /** What the operation changed or names. */
  updates?: Doc | null;
  /** The acting user; none for the system. */
  user?: string | null;
}

/** The record of `entry` (without `_id` and dates). */
export function historyRecord({ item, operation, updates, user }: HistoryEntry): Doc {
  const update = WHOLE_ITEM.has(operation) ? item : updates;
  return {
    item_id: String(item._id),
    user_id: user ?? null,
    operation,
    update: update ? withoutUnwanted(update, item) : null,
    version: versionOf(item),
  };
}

/** A lock or unlock record: who holds the lock, from which session, for what. */
export function lockRecord(item: Doc, operation: string, user?: string | null): Doc {
  return {
    item_id: String(item._id),
    user_id: user ?? null,
    operation,
    update: {
      lock_user: item.lock_user ?? null,
      lock_session: item.lock_session ?? null,
      lock_action: item.lock_action ?? null,
      lock_time: item.lock_time ?? null,
    },
    version: versionOf(item),
  };
}

/** The item's version as Superdesk reads it (`item.get("_current_version", 1)`). */
export function versionOf(item: Doc): number {
  const version = item._current_version;
  return typeof version === "number" ? version : 1;
}

function withoutUnwanted(update: Doc, item: Doc): Doc {
  const copy: Doc = { ...update };
  for (const field of UNWANTED) delete copy[field];
  // An SMS message that only repeats the item's is not a change (Superdesk's rule).
  if (copy.sms_message !== undefined && copy.sms_message === item.sms_message) {
    delete copy.sms_message;
  }
  return copy;
}
