/**
 * Dates in formatted output as Superdesk writes them (`json_serialize_datetime_objectId`):
 * `2026-01-01T09:30:00+0000`, always UTC, no fraction.
 */
import { epochMs } from "../../epoch_ms.ts";

/** `value` (a Date or a date string) in Superdesk's output form; undefined when not a date. */
export function superdeskDate(value: unknown): string | undefined {
  const ms = epochMs(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().slice(0, 19) + "+0000";
}

/** `value` as an ISO 8601 UTC date-time without fraction (`2026-01-01T09:30:00Z`). */
export function isoSeconds(value: unknown): string | undefined {
  const ms = epochMs(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

/** `value` in NewsML 1.2 / NITF's compact form (`20260101T093000+0000`), UTC. */
export function compactDate(value: unknown): string | undefined {
  const ms = epochMs(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, "") + "+0000";
}
