/**
 * The airtime date check: `airtime_date` must name a day of the calendar, as Python's
 * `date.fromisoformat` requires in Superdesk's rundowns (the schema's pattern lets `2022-02-30`
 * through, which `Date.parse` would read as the 2nd of March).
 */
import { ValidationError } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";

/** Throws a 400 naming `airtime_date` when `doc` holds one that is no day of the calendar. */
export function checkAirtimeDate(doc: Doc): void {
  const date = doc.airtime_date;
  if (typeof date !== "string" || !date) return;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (date < "0001" || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new ValidationError({ airtime_date: `"${date}" is not a day of the calendar` });
  }
}
