/**
 * HTTP dates (RFC 9110's IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, what `Date#toUTCString`
 * gives) for `Last-Modified`, spelt from the date's UTC fields: about a quarter of
 * `toUTCString`'s time, and every item and list answer carries one.
 */
import { TWO_DIGITS } from "../wire_date.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `date.toUTCString()`, faster for years 1000–9999 (others go through `toUTCString`). */
export function httpDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toUTCString();
  return `${DAYS[date.getUTCDay()]}, ${TWO_DIGITS[date.getUTCDate()]} ${
    MONTHS[date.getUTCMonth()]
  } ${year} ${TWO_DIGITS[date.getUTCHours()]}:${TWO_DIGITS[date.getUTCMinutes()]}:${
    TWO_DIGITS[date.getUTCSeconds()]
  } GMT`;
}
