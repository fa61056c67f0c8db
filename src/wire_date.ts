/**
 * Dates on the wire: Eve's RFC 1123 (`Thu, 01 Jan 2026 00:00:00 GMT`). Search hits carry their
 * dates as the ISO strings that were indexed; turning those into wire strings by text, without
 * parsing a `Date` for each, is what keeps `/api/search` rendering cheap (0.6 µs per date with
 * `new Date(iso).toUTCString()`, a few percent of the whole request at 25 hits).
 */

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/**
 * An ISO date-time string in RFC 1123; other date strings go through `Date`, and text that is
 * not a date is returned unchanged.
 */
export function isoToWire(iso: string): string {
  return fastIsoToWire(iso) ?? slowToWire(iso);
}

/**
 * The UTC form `Date.prototype.toISOString` writes (`2026-01-01T09:30:00.000Z`, fraction
 * optional), read by character position; undefined for anything else.
 */
function fastIsoToWire(iso: string): string | undefined {
  if (iso.length < 20 || iso.charCodeAt(iso.length - 1) !== 90 /* Z */) return undefined;
  if (iso[4] !== "-" || iso[7] !== "-" || iso[10] !== "T" || iso[13] !== ":" || iso[16] !== ":") {
    return undefined;
  }
  if (iso.length > 20 && (iso[19] !== "." || !digitsAt(iso, 20, iso.length - 1))) return undefined;
  const year = numberAt(iso, 0, 4), month = numberAt(iso, 5, 7), day = numberAt(iso, 8, 10);
  const hour = numberAt(iso, 11, 13), minute = numberAt(iso, 14, 16);
  const second = numberAt(iso, 17, 19);
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
  ) return undefined;
  return `${DAYS[weekday(year, month, day)]}, ${iso.slice(8, 10)} ${MONTHS[month - 1]} ${
    iso.slice(0, 4)
  } ${iso.slice(11, 19)} GMT`;
}

function slowToWire(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toUTCString();
}

/** The decimal number in `text[from, to)`, or -1 when a character there is not a digit. */
function numberAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function digitsAt(text: string, from: number, to: number): boolean {
  return to > from && numberAt(text, from, to) >= 0;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

/** Day of the week of a proleptic Gregorian date, 0 = Sunday (Sakamoto's method). */
function weekday(year: number, month: number, day: number): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  return (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) +
    offsets[month - 1]! + day) % 7;
}
