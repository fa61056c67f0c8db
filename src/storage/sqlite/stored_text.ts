/**
 * Reading stored document text (`json_codec.ts`) without parsing it. `storedToWireJson` turns it
 * into JSON text in the wire form by one pass over the text: each stored date `"<DATE_ESCAPE><ISO>"` becomes `"<wire date>"` (`dateToWire`) and the
 * rest is copied. A list answered this way skips `JSON.parse`, a `Date` per stored date, the
 * copies of the date walk and `JSON.stringify` for every document (measured for a page of 25
 * bench items: ~17 µs against ~100 µs). The answer means what
 * `JSON.stringify(withWireDates(decodeJson(text)))` does; its bytes differ only where parsing
 * would have changed them (integer-like keys first, the marker inside a string kept escaped).
 * `storedTopLevelDateMs` and `storedTopLevelString` read one top-level field (`Last-Modified`
 * needs `_updated`, `ETag` `_etag`): cheaper than SQLite's `json_extract`, which parses the
 * whole document (~1 µs a bench item).
 */
import { dateToWire } from "../../wire_date.ts";
import { DATE_ESCAPE, isoMs } from "./json_codec.ts";
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  escapedQuote,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./json_text_scan.ts";

/** A string that opens with the date marker, as the stored text spells it. */
const OPEN = `"${DATE_ESCAPE}`;

/** `text` (written by `encodeJson`) with its dates in the wire form. */
export function storedToWireJson(text: string): string {
  let at = nextOpen(text, 0);
  if (at < 0) return text;
  let out = "";
  let from = 0;
  while (at >= 0) {
    const iso = at + OPEN.length;
    const close = text.indexOf('"', iso);
    const wire = close > iso && opensString(text, at) && text.charCodeAt(close + 1) !== COLON
      ? wireDate(text.slice(iso, close))
      : undefined;
    if (wire === undefined) {
      at = nextOpen(text, at + 1);
      continue;
    }
    out += text.slice(from, wire === null ? at : at + 1) + (wire === null ? "null" : `${wire}"`);
    from = close + 1;
    at = nextOpen(text, from);
  }
  return out + text.slice(from);
}

/**
 * `text.indexOf(OPEN, from)`, found by the marker alone and the quote before it: a search for a
 * pattern that opens with `"`, JSON's commonest character, takes several times longer (~0.3 µs
 * more for a bench item).
 */
function nextOpen(text: string, from: number): number {
  let at = text.indexOf(DATE_ESCAPE, from + 1);
  while (at >= 0 && text.charCodeAt(at - 1) !== QUOTE) at = text.indexOf(DATE_ESCAPE, at + 1);
  return at < 0 ? -1 : at - 1;
}

/**
 * Whether the quote at `at` is a real one (not `\"` inside a string): followed by the marker,
 * it opens a string (a closing quote is followed by `,`, `:`, `}` or `]`).
 */
function opensString(text: string, at: number): boolean {
  return !escapedQuote(text, at);
}

/**
 * The wire form of a stored date's ISO text (null for an invalid one, as `dateToWire`);
 * undefined when the text is not a date (a key or string that merely starts with the marker).
 * `toISOString`'s fixed form (years 0–9999) is cut and suffixed, as `dateToWire` would write it.
 */
function wireDate(iso: string): string | null | undefined {
  if (iso.includes("\\")) return undefined;
  if (
    iso.length === 24 && iso.charCodeAt(4) === 45 && iso.charCodeAt(10) === 84 &&
    iso.charCodeAt(19) === 46 && iso.charCodeAt(23) === 90
  ) return `${iso.slice(0, 19)}+0000`;
  return dateToWire(new Date(iso));
}

/**
 * The milliseconds of the date stored at top-level `key` of `text` (written by `encodeJson`);
 * undefined when the document has no such key or its value is not a valid date.
 */
export function storedTopLevelDateMs(text: string, key: string): number | undefined {
  const at = topLevelValueAt(text, key);
  if (at < 0 || !text.startsWith(OPEN, at)) return undefined;
  const close = text.indexOf('"', at + OPEN.length);
  const ms = isoMs(text, at + OPEN.length, close);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The string stored at top-level `key` of `text`; undefined when the document has no such key or
 * its value is not a string (a date is not).
 */
export function storedTopLevelString(text: string, key: string): string | undefined {
  const at = topLevelValueAt(text, key);
  if (at < 0 || text.charCodeAt(at) !== QUOTE || text.startsWith(OPEN, at)) return undefined;
  let close = text.indexOf('"', at + 1);
  while (!opensString(text, close)) close = text.indexOf('"', close + 1);
  const value = text.slice(at + 1, close);
  return value.includes("\\") ? JSON.parse(`"${value}"`) : value;
}

/**
 * Where the value of top-level `key` starts in `text`, or -1. A `"key":` whose quote is not
 * escaped is a key (inside a string every quote is); the last one at depth 1 is the document's,
 * found by walking back from the end, where the server's fields (`_updated`, `_etag`) sit.
 */
function topLevelValueAt(text: string, key: string): number {
  // `key":`, its opening quote checked apart (see `nextOpen`: a pattern opening with `"` is
  // searched several times slower).
  let needle = needles.get(key);
  if (needle === undefined) needles.set(key, needle = `${JSON.stringify(key).slice(1)}:`);
  // Depth below the document's own braces between `i` and the end.
  let depth = 0;
  let i = text.length - 2;
  for (let end = text.lastIndexOf(needle); end > 0; end = text.lastIndexOf(needle, end - 1)) {
    const at = end - 1;
    if (text.charCodeAt(at) !== QUOTE || !opensString(text, at)) continue;
    while (i >= at) {
      const ch = text.charCodeAt(i);
      if (ch === QUOTE) i = stringStart(text, i) - 1;
      else {
        if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) depth++;
        else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) depth--;
        i--;
      }
    }
    if (depth === 0) return end + needle.length;
  }
  return -1;
}

/** `key":` per key asked for (a few constant keys). */
const needles = new Map<string, string>();

/** Where the string whose closing quote is at `end` opens. */
function stringStart(text: string, end: number): number {
  let at = text.lastIndexOf('"', end - 1);
  while (at > 0 && !opensString(text, at)) at = text.lastIndexOf('"', at - 1);
  return at;
}
