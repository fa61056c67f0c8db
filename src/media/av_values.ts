/**
 * How Superdesk writes audio and video metadata values: hachoir's plain-text export (each value
 * `str()`-ed: a duration as Python prints a `timedelta`, a date as `2012-05-06 10:11:12`, text
 * stripped and cut at 300 characters, numbers kept within sane bounds), then Superdesk's
 * `decode_metadata`, which turns every value that reads as an ISO 8601 date into
 * `2012-05-06T10:11:12+00:00` (so Elasticsearch does not guess it).
 */

/** Seconds from 1904-01-01 (QuickTime's and MP4's epoch) to 1970-01-01. */
const MAC_EPOCH_OFFSET = 2_082_844_800;
/** hachoir keeps durations from a millisecond to a year. */
const MAX_DURATION_SECONDS = 365 * 86_400;
/** hachoir drops a date before this year (`MIN_YEAR` of its date filter). */
const MIN_YEAR = 1850;
/** hachoir cuts longer text (`MAX_STR_LENGTH`), marking the cut. */
const MAX_TEXT = 300;

/** How hachoir writes control characters (others as `\xNN`). */
const ESCAPES: Readonly<Record<string, string>> = {
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\x07": "\\a",
  "\b": "\\b",
};

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** `seconds` as Python's `str(timedelta(seconds=...))`: `0:00:20.088163`, `1 day, 2:03:04`. */
export function durationText(seconds: number): string | undefined {
  if (!(seconds >= 0.001 && seconds <= MAX_DURATION_SECONDS)) return undefined;
  const micros = Math.round(seconds * 1e6);
  const totalSeconds = Math.floor(micros / 1e6);
  const fraction = micros - totalSeconds * 1e6;
  const days = Math.floor(totalSeconds / 86_400);
  const rest = totalSeconds - days * 86_400;
  const clock = `${Math.floor(rest / 3600)}:${two(Math.floor(rest / 60) % 60)}:${two(rest % 60)}`;
  const dayPart = days === 0 ? "" : `${days} day${days === 1 ? "" : "s"}, `;
  return `${dayPart}${clock}${fraction === 0 ? "" : `.${String(fraction).padStart(6, "0")}`}`;
}

/** A QuickTime time (seconds since 1904-01-01 UTC) as `1904-01-01 00:00:00`. */
export function macDateText(seconds: number): string | undefined {
  const date = new Date((seconds - MAC_EPOCH_OFFSET) * 1000);
  // Python's datetime ends with year 9999 (and hachoir drops a date it cannot hold).
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) return undefined;
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/**
 * A tag's date as hachoir reads it (`parseDatetime`): `2012`, `2012-05-06`, `2012-05-06 10:11:12`,
 * `05-06-2012 10:11:12` (month first) or `May 2012`, separators any of `-/.: `; else undefined,
 * as for a date before 1850 (hachoir's date filter; its end at 2030 is not kept: see README).
 */
export function tagDate(text: string): string | undefined {
  const date = parsedTagDate(text);
  return date && Number(date.slice(0, 4)) >= MIN_YEAR ? date : undefined;
}

function parsedTagDate(text: string): string | undefined {
  const parts = text.trim().split(/[-/.: ]+/);
  const n = parts.map(Number);
  const digits = (i: number, min: number, max = min) =>
    new RegExp(`^\\d{${min},${max}}$`).test(parts[i] ?? "");
  if (parts.length === 1 && digits(0, 4)) return dateText(n[0]!, 1, 1);
  if (parts.length === 3 && digits(0, 4) && digits(1, 2) && digits(2, 2)) {
    return dateText(n[0]!, n[1]!, n[2]!);
  }
  if (parts.length === 6 && digits(3, 1, 2) && digits(4, 2) && digits(5, 1, 2)) {
    const time = [n[3]!, n[4]!, n[5]!] as const;
    if (digits(0, 4) && digits(1, 2) && digits(2, 2)) return dateText(n[0]!, n[1]!, n[2]!, time);
    if (digits(0, 1, 2) && digits(1, 2) && digits(2, 4)) return dateText(n[2]!, n[0]!, n[1]!, time);
  }
  const month = MONTHS.indexOf(parts[0]?.toLowerCase() ?? "");
  if (parts.length === 2 && month >= 0 && digits(1, 4)) return dateText(n[1]!, month + 1, 1);
  return undefined;
}

/**
 * Tag text as hachoir exports it: stripped, runs of line breaks made one, cut at 300 characters,
 * then control characters escaped (`\n`, `\x13`, `\0` before a non-octal digit); undefined
 * when nothing is left.
 */
export function tagText(text: string): string | undefined {
  const kept = stripped(text).replace(/[\r\n]+/g, "\n");
  if (kept === "") return undefined;
  const cut = kept.length > MAX_TEXT ? `${kept.slice(0, MAX_TEXT)}(...)` : kept;
  // Control characters are what is matched here: they are written out as escapes.
  // deno-lint-ignore no-control-regex
  return cut.replace(/[\x00-\x1f\x7f]/g, (c) => ESCAPES[c] ?? `\\x${hex(c.charCodeAt(0))}`)
    .replace(/\\x0([0-7])(?=[^0-7]|$)/g, "\\$1");
}

/** `text` without the spaces, tabs, line breaks and NULs at its ends (Python's `strip`). */
function stripped(text: string): string {
  // A loop, not a regular expression: `[...]+$` is quadratic on a long run of spaces inside.
  const blank = (i: number) => " \t\v\n\r\0".includes(text[i]!);
  let start = 0;
  let end = text.length;
  while (start < end && blank(start)) start++;
  while (end > start && blank(end - 1)) end--;
  return text.slice(start, end);
}

/** Text of `bytes` as UTF-8, or as ISO-8859-1 when they are not UTF-8 (hachoir's fallback). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // In pieces: spreading a long tag into one `fromCharCode` call overflows the call stack.
    let text = "";
    for (let at = 0; at < bytes.byteLength; at += 4096) {
      text += String.fromCharCode(...bytes.subarray(at, at + 4096));
    }
    return text;
  }
}

/** A percentage of an 8.8 fixed-point `ratio` with one decimal, ties to even (Python's `%.1f`). */
export function percentText(ratio: number): string {
  // ratio / 256 * 100 in tenths is ratio * 1000 / 256: a whole quotient and a remainder.
  const scaled = Math.abs(ratio) * 1000;
  let tenths = Math.floor(scaled / 256);
  const rest = scaled % 256;
  if (rest > 128 || (rest === 128 && tenths % 2 === 1)) tenths++;
  const sign = ratio < 0 && tenths > 0 ? "-" : "";
  return `${sign}${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** `n` as text when it lies in `min`..`max` (hachoir's number filters). */
export function boundedText(n: number, min: number, max: number): string | undefined {
  return n >= min && n <= max ? String(n) : undefined;
}

/**
 * A value as Superdesk stores it (`decode_val`): one that reads whole as a date, perhaps with a
 * time after a space and an offset, becomes `YYYY-MM-DDTHH:MM:SS[.ffffff]+HH:MM`, UTC unless it
 * names another offset; any other value (one with a `T` already) is kept.
 */
export function storedValue(value: string): string {
  const match = value.match(
    /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/,
  );
  if (!match) return value;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction, zone] = match;
  const day = dateText(Number(y), Number(mo), Number(d), [Number(h), Number(mi), Number(s)]);
  if (!day) return value;
  const micros = fraction ? Math.round(Number(`0.${fraction}`) * 1e6) : 0;
  const fractionText = micros > 0 && micros < 1e6 ? `.${String(micros).padStart(6, "0")}` : "";
  return `${day.replace(" ", "T")}${fractionText}${offsetText(zone)}`;
}

/** An offset (`Z`, `+02`, `+0200`, `+02:00`) as `+HH:MM`. */
function offsetText(zone: string | undefined): string {
  if (!zone || zone === "Z") return "+00:00";
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
}

/** `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD` without `time`) when the date exists. */
function dateText(
  year: number,
  month: number,
  day: number,
  time?: readonly [number, number, number],
): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  if (year < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const ymd = `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}`;
  if (!time) return ymd;
  const [h, mi, s] = time;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return `${ymd} ${two(h)}:${two(mi)}:${two(s)}`;
}

function hex(n: number): string {
  return n.toString(16).padStart(2, "0");
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}
