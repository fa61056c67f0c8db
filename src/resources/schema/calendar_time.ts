/**
 * Whether a date string's fields name a real day and time of day: `Date.parse` rolls
 * `2024-02-30` over into March and `T24:00` into the next day, where Python's `strptime` (Eve's
 * `str_to_date`) refuses them. Only the fields are checked; the form is the caller's regex.
 */
import { daysInMonth, numberAt } from "../../wire_date.ts";

/** `YYYY-MM-DD` and an optional `THH:MM[:SS]` at the start of an ISO 8601 text. */
const ISO_FIELDS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;
/** `Sat, 02 Mar 2024 10:00:00 GMT`: day, month name, year, time. */
const RFC_1123_FIELDS = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) /;
const MONTH_NAMES = "JanFebMarAprMayJunJulAugSepOctNovDec";

/**
 * True when `text` (ISO 8601 or RFC 1123) names a day its month has (29 February only in leap
 * years) and a time within 00:00:00–23:59:59; false for any other text.
 */
export function namesCalendarTime(text: string): boolean {
  const iso = ISO_FIELDS.exec(text);
  if (iso) return validFields(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso.slice(4));
  const rfc = RFC_1123_FIELDS.exec(text);
  if (!rfc) return false;
  const monthIndex = MONTH_NAMES.indexOf(rfc[2]!);
  if (monthIndex % 3 !== 0) return false;
  return validFields(Number(rfc[3]), monthIndex / 3 + 1, Number(rfc[1]), rfc.slice(4));
}

function validFields(
  year: number,
  month: number,
  day: number,
  time: readonly (string | undefined)[],
): boolean {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const [hour = "00", minute = "00", second = "00"] = time;
  return numberAt(hour, 0, 2) <= 23 && numberAt(minute, 0, 2) <= 59 &&
    numberAt(second, 0, 2) <= 59;
}
