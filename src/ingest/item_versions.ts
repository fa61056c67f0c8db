/**
 * Whether an incoming item is a newer version of the stored one (Superdesk's `is_new_version`
 * in `superdesk/io/commands/update_ingest.py`): an explicit `version`, else `versioncreated`,
 * decides; with neither, any changed field (bookkeeping aside) makes it new.
 */
import type { Doc } from "../storage/document_store.ts";

/** Fields that differ between deliveries of one version without making it new. */
const IGNORED = new Set([
  "expiry",
  "_id",
  "_etag",
  "_created",
  "_updated",
  "unique_id",
  "unique_name",
  "family_id",
  "ingest_provider_sequence",
  "routing_pending",
  "archived",
  "state",
]);

/** True when `item` should replace `stored`. */
export function isNewVersion(item: Doc, stored: Doc): boolean {
  for (const field of ["version", "versioncreated"]) {
    const next = comparable(item[field]);
    const previous = comparable(stored[field]);
    if (next !== undefined && previous !== undefined) return next > previous;
  }
  for (const [field, value] of Object.entries(item)) {
    if (IGNORED.has(field) || value === null || value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(normalise(stored[field]))) return true;
  }
  return false;
}

/** Numbers stay numbers; dates and date strings become epoch milliseconds. */
function comparable(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number") return value;
  if (value instanceof Date) return value.getTime();
  const text = String(value);
  if (/^\d+$/.test(text)) return Number(text);
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
