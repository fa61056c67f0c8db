/**
 * Range bounds that are dates no calendar has (`2024-02-30`, `2023-02-29`, hour 25): a 400
 * naming the field on every engine. Elasticsearch's lenient resolver would read `2024-02-30` as
 * the 29th and the embedded index refuses it, so the client's query is checked before either.
 */
import { BadRequestError } from "../errors.ts";
import { namesCalendarTime } from "../resources/schema/calendar_time.ts";

/** A bound written as an ISO date, alone, with a time, or before date math (`||+1d`). */
const DATED = /^\d{4}-\d{2}-\d{2}(?:$|T|\|\|)/;
const BOUNDS = ["gt", "gte", "lt", "lte", "from", "to"];

/** Throws a 400 naming `field` when a bound of `spec` is an ISO date the calendar lacks. */
export function checkRangeDates(field: string, spec: Record<string, unknown>): void {
  for (const bound of BOUNDS) {
    const value = spec[bound];
    if (typeof value === "string" && DATED.test(value) && !namesCalendarTime(value)) {
      throw new BadRequestError(
        `Invalid search: range on "${field}": ${
          JSON.stringify(value)
        } is not a date of the calendar`,
        { issues: { [field]: "must be of datetime type" } },
      );
    }
  }
}
