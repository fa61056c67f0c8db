/**
 * Changing top-level fields of a stored document's JSON text without parsing it: one forward
 * pass over the top-level keys finds where each value to replace starts and ends (strings
 * skipped by search, nested objects and arrays by a bracket count), and the new values are
 * spliced in. The result means what `JSON.stringify({...JSON.parse(text), ...fields})` does:
 * existing keys keep their place, new ones are appended in the order given (only integer-like
 * keys, which a parsed object would list first, sit elsewhere).
 */
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  escapedQuote,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./json_text_scan.ts";

/**
 * `text` (a JSON object) with each `[key, json]` of `fields` set at the top level (`json` the
 * value's JSON text); undefined when `text` is not a JSON object this pass can read.
 */
export function withTopLevelFields(
  text: string,
  fields: ReadonlyArray<readonly [string, string]>,
): string | undefined {
  // Where each field's value is in `text` (the last occurrence, as `JSON.parse` keeps), by index
  // in `fields`; `order` lists the fields found, by position (a few fields: no map).
  const starts: number[] = [];
  const ends: number[] = [];
  const order: number[] = [];
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  i = skipSpace(text, i + 1);
  let empty = true;
  while (text.charCodeAt(i) !== CLOSE_BRACE) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const raw = text.slice(i + 1, keyEnd - 1);
    const key = raw.includes("\\") ? JSON.parse(text.slice(i, keyEnd)) as string : raw;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return undefined;
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    if (end < 0) return undefined;
    const field = fields.findIndex(([name]) => name === key);
    if (field >= 0) {
      if (starts[field] === undefined) order.push(field);
      else order.push(order.splice(order.indexOf(field), 1)[0]!);
      starts[field] = start;
      ends[field] = end;
    }
    empty = false;
    i = skipSpace(text, end);
    if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
    else if (text.charCodeAt(i) !== CLOSE_BRACE) return undefined;
  }
  if (skipSpace(text, i + 1) !== text.length) return undefined;
  let out = "";
  let from = 0;
  for (const field of order) {
    out += text.slice(from, starts[field]) + fields[field]![1];
    from = ends[field]!;
  }
  out += text.slice(from, i);
  for (let field = 0; field < fields.length; field++) {
    if (starts[field] !== undefined) continue;
    const [key, json] = fields[field]!;
    out += `${empty ? "" : ","}${JSON.stringify(key)}:${json}`;
    empty = false;
  }
  return out + text.slice(i);
}

function skipSpace(text: string, at: number): number {
  let i = at;
  for (let ch = text.charCodeAt(i); ch === 32 || ch === 9 || ch === 10 || ch === 13;) {
    ch = text.charCodeAt(++i);
  }
  return i;
}

/** Just after the string whose opening quote is at `at`; -1 when it does not close. */
function stringEnd(text: string, at: number): number {
  let close = text.indexOf('"', at + 1);
  while (close > 0 && escapedQuote(text, close)) close = text.indexOf('"', close + 1);
  return close < 0 ? -1 : close + 1;
}

/** Just after the JSON value starting at `at`; -1 when it does not end. */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number, true, false or null: up to the next delimiter.
    let i = at;
    for (let ch = first; i < text.length; ch = text.charCodeAt(++i)) {
      if (ch === COMMA || ch === CLOSE_BRACE || ch === CLOSE_BRACKET || ch <= 32) break;
    }
    return i > at ? i : -1;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      i = stringEnd(text, i) - 1;
      if (i < 0) return -1;
    } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) depth++;
    else if ((ch === CLOSE_BRACE || ch === CLOSE_BRACKET) && --depth === 0) return i + 1;
  }
  return -1;
}
