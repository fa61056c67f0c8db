/**
 * The date forms agency feeds use: ISO 8601 (with `Z`, `+00:00` or Superdesk's `+0000`, with or
 * without seconds and fractions), RFC 822 (RSS `pubDate`), NITF's compact `norm` form
 * (`20240101T093000+0000`) and ANPA's trailer (`01-05-24 0930`). A date without a zone is UTC, as
 * in Superdesk. An unreadable date throws, so the item is reported rather than stored wrong.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ZONES: Record<string, number> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};
const RFC822 =
  /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?$/;

/** Parses any of the supported forms; throws a message naming the value otherwise. */
export function parseFeedDate(value: string): Date {
  const text = value.trim();
  const date = isoDate(text) ?? compactDate(text) ?? rfc822Date(text);
  if (!date || Number.isNaN(date.getTime())) throw new Error(`Unreadable date "${value}"`);
  return date;
}

/** Parses `value` when present; undefined for absent or empty values. */
export function optionalDate(value: string | undefined | null): Date | undefined {
  if (value === undefined || value === null || value.trim() === "") return undefined;
  return parseFeedDate(value);
}

function isoDate(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = m;
  const ms = fraction ? Math.round(Number(fraction) * 1000) : 0;
  return utc(+y!, +mo!, +d!, +h, +mi, +s, ms, zoneMinutes(zone));
}

function compactDate(text: string): Date | undefined {
  const m = COMPACT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", zone] = m;
  return utc(+y!, +mo!, +d!, +h, +mi, +s, 0, zoneMinutes(zone));
}

function rfc822Date(text: string): Date | undefined {
  const m = RFC822.exec(text);
  if (!m) return undefined;
  const [, d, monthName, yearText, h, mi, s = "0", zone] = m;
  const month = MONTHS.indexOf(monthName!.toLowerCase()) + 1;
  if (month === 0) return undefined;
  let year = +yearText!;
  if (yearText!.length === 2) year += year < 50 ? 2000 : 1900;
  let offset = 0;
  if (zone && /^[+-]/.test(zone)) offset = zoneMinutes(zone);
  else if (zone) {
    const hours = ZONES[zone.toUpperCase()];
    if (hours === undefined) return undefined;
    offset = hours * 60;
  }
  return utc(year, month, +d!, +h!, +mi!, +s, 0, offset);
}

/** ANPA's trailer date `mm-dd-yy HHMM` (UTC). */
export function anpaDate(text: string): Date | undefined {
  const m = /^(\d{1,2})-(\d{1,2})-(\d{2}) (\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [, mo, d, y, h, mi] = m;
  return utc(2000 + +y!, +mo!, +d!, +h!, +mi!, 0, 0, 0);
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const digits = zone.replace(":", "");
  const sign = digits.startsWith("-") ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function utc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMinutes: number,
): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000);
}
