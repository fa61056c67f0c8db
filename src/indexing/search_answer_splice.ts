/**
 * `/api/search`'s answer written straight from Elasticsearch's text, without parsing the hits
 * into objects and encoding them again: one pass over the answer finds each hit's `_source`
 * members (a small scanner that respects strings and escapes) and the answer is spliced from
 * their raw text, with only the edits the parse path makes (`_resource` and hidden fields
 * dropped, dates at the resource's top-level date paths in wire form, `_id`, `_type` and
 * `_links` appended). Anything it does not expect (another answer layout, escapes or numbers
 * `JSON.stringify` would write otherwise, keys `JSON.parse` would reorder, nested date paths,
 * kept-aside HTML originals, members the parse path would replace in place, malformed text)
 * makes it answer undefined, and the caller takes the parse path: the two write the same bytes.
 * (A lone surrogate, which `JSON.stringify` escapes, sends it there too; text decoded from
 * UTF-8 has none.)
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { documentValidator } from "../resources/schema/validate_document.ts";
import { isoToWire } from "../wire_date.ts";
import { HTML_ORIGINALS } from "./search_doc.ts";

/** What a top-level `_source` member asks of the splice. */
const enum Edit {
  Drop = 1,
  Date = 2,
  Id = 3,
}

/** How one resource's hits are written. */
export interface HitShape {
  /** Member keys with an edit, grouped by key length. */
  edits: Array<Array<[string, Edit]> | undefined>;
  /** The item's `_type` and `_links` up to the href's JSON text. */
  tail: string;
  /** The href before the hit's id. */
  hrefHead: string;
}

const shapes = new WeakMap<ResourceDefinition, HitShape | null>();

/**
 * The shape of `definition`'s hits, or undefined when its answer cannot be spliced (a date path
 * below the top level). `title`: the item's `_links.self.title`.
 */
export function hitShape(definition: ResourceDefinition, title: string): HitShape | undefined {
  let shape = shapes.get(definition);
  if (shape === undefined) shapes.set(definition, shape = makeShape(definition, title));
  return shape ?? undefined;
}

function makeShape(definition: ResourceDefinition, title: string): HitShape | null {
  const dates = ["_created", "_updated", ...documentValidator(definition.schema).datePaths];
  if (dates.some((path) => path.includes(".") || path.includes("["))) return null;
  const keys = new Map<string, Edit>();
  for (const path of dates) keys.set(path, Edit.Date);
  for (const field of definition.hiddenFields) keys.set(field, Edit.Drop);
  keys.set("_resource", Edit.Drop);
  keys.set("_id", Edit.Id);
  const edits: HitShape["edits"] = [];
  for (const [key, edit] of keys) (edits[key.length] ??= []).push([key, edit]);
  return {
    edits,
    tail: `,"_type":${JSON.stringify(definition.name)},"_links":{"self":{"title":${
      JSON.stringify(title)
    },"href":`,
    hrefHead: `${definition.url}/`,
  };
}

/**
 * Keys whose presence anywhere sends the answer down the parse path before any scanning: the
 * kept-aside HTML originals (put back in place), members the parse path sets in place (`_type`,
 * `_links`), and the one key a parse treats apart.
 */
const GIVE_UP = [HTML_ORIGINALS, "_type", "_links", "__proto__"].map((key) => `"${key}":`);
/** A raw control character, which JSON text never holds (`JSON.parse` refuses it). */
const CONTROL = /[\x00-\x1f]/;
const INT = String.raw`(?:0|[1-9]\d*)`;
const NUMBER = String.raw`-?${INT}(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const NAME = String.raw`"[^"\\\x00-\x1f]*"`;
const HEAD = new RegExp(
  String.raw`\{"took":${INT},"timed_out":false,"_shards":\{"total":${INT},"successful":${INT},` +
    String.raw`"skipped":${INT},"failed":0\},"hits":\{"total":(0|[1-9]\d{0,14}),` +
    String.raw`"max_score":(?:null|${NUMBER}),"hits":\[`,
  "y",
);
const HIT = new RegExp(
  String.raw`\{"_index":"([^"\\\x00-\x1f]*)","_id":"([^"\\\x00-\x1f]*)","_score":(?:null|${NUMBER})` +
    String.raw`(?:,"_ignored":\[(?:${NAME}(?:,${NAME})*)?\])?,"_source":\{`,
  "y",
);

/**
 * The `/api/search` answer written from `text` (Elasticsearch's answer), or undefined when it
 * cannot be spliced. `shapeOf`: each hit's shape by its `_index`; `page` and `maxResults`: the
 * envelope's `_meta` (written as `JSON.stringify` writes them: `NaN` is `null`).
 */
export function spliceSearchAnswer(
  text: string,
  shapeOf: (index: string) => HitShape | undefined,
  page: number,
  maxResults: number,
): string | undefined {
  if (
    !text.isWellFormed() || CONTROL.test(text) || hasForeignEscape(text) ||
    GIVE_UP.some((key) => text.includes(key))
  ) return undefined;
  HEAD.lastIndex = 0;
  const head = HEAD.exec(text);
  if (!head) return undefined;
  const out: string[] = ['{"_items":['];
  let i = HEAD.lastIndex;
  if (text.charCodeAt(i) !== 93) {
    for (;;) {
      HIT.lastIndex = i;
      const hit = HIT.exec(text);
      if (!hit) return undefined;
      const shape = shapeOf(hit[1]!);
      if (!shape) return undefined;
      i = spliceSource(text, HIT.lastIndex, shape, hit[2]!, out);
      if (i < 0) return undefined;
      // The hit's other members (`sort`, …): read by nothing, checked as JSON.
      while (text.charCodeAt(i) === 44) {
        if (text.charCodeAt(i + 1) !== 34) return undefined;
        const keyEnd = stringEnd(text, i + 1);
        if (keyEnd < 0 || text.charCodeAt(keyEnd) !== 58) return undefined;
        i = valueEnd(text, keyEnd + 1, 0);
        if (i < 0) return undefined;
      }
      if (text.charCodeAt(i) !== 125) return undefined;
      const next = text.charCodeAt(++i);
      if (next === 93) break;
      if (next !== 44) return undefined;
      out.push(",");
      i++;
    }
  }
  if (i + 3 !== text.length || !text.startsWith("]}}", i)) return undefined;
  out.push(
    `],"_links":{"parent":{"title":"home","href":"/"},"self":{"title":"search","href":"search"}},` +
      `"_meta":{"page":${JSON.stringify(page)},"max_results":${
        JSON.stringify(maxResults)
      },"total":${head[1]}}}`,
  );
  return out.join("");
}

/**
 * Writes the item of the hit whose `_source` members start at `i` to `out`; answers the index
 * after the `_source` object, or -1.
 */
function spliceSource(text: string, i: number, shape: HitShape, id: string, out: string[]): number {
  out.push("{");
  let wrote = false; // a member is written: the next one needs a comma
  let hasId = false;
  let from = i; // the start of members not yet written
  if (text.charCodeAt(i) === 125) i++;
  else {
    for (;;) {
      if (text.charCodeAt(i) !== 34) return -1;
      const keyEnd = stringEnd(text, i);
      if (keyEnd < 0 || text.charCodeAt(keyEnd) !== 58) return -1;
      const first = text.charCodeAt(i + 1);
      if (first >= 48 && first <= 57) return -1; // `JSON.parse` puts index keys first
      const valueAt = keyEnd + 1;
      const end = valueEnd(text, valueAt, 0);
      if (end < 0) return -1;
      const edit = editOf(text, i, keyEnd, shape);
      if (edit !== 0) {
        if (from < i - 1) {
          out.push(wrote ? "," : "", text.slice(from, i - 1));
          wrote = true;
        }
        if (edit === Edit.Id) {
          out.push(wrote ? ',"_id":"' : '"_id":"', id, '"');
          wrote = hasId = true;
        } else if (edit === Edit.Date) {
          out.push(wrote ? "," : "", text.slice(i, valueAt), wireDate(text, valueAt, end));
          wrote = true;
        }
        from = end + 1;
      }
      const after = text.charCodeAt(end);
      i = end + 1;
      if (after === 125) break;
      if (after !== 44) return -1;
    }
    if (from < i - 1) {
      out.push(wrote ? "," : "", text.slice(from, i - 1));
      wrote = true;
    }
  }
  if (!hasId) out.push(wrote ? ',"_id":"' : '"_id":"', id, '"');
  out.push(shape.tail, JSON.stringify(shape.hrefHead + id), "}}}");
  return i;
}

/** The edit of the member whose key starts at `at` (its quote) and ends before `keyEnd`. */
function editOf(text: string, at: number, keyEnd: number, shape: HitShape): Edit | 0 {
  const candidates = shape.edits[keyEnd - at - 2];
  if (candidates === undefined) return 0;
  for (const [key, edit] of candidates) {
    if (text.startsWith(key, at + 1)) return edit;
  }
  return 0;
}

/** The JSON text of the date value at `at`..`end` in wire form, as `mapDatePaths` makes it. */
function wireDate(text: string, at: number, end: number): string {
  const raw = text.slice(at, end);
  if (text.charCodeAt(at) !== 34) return raw;
  const value = raw.includes("\\") ? JSON.parse(raw) as string : raw.slice(1, -1);
  const wire = isoToWire(value);
  return wire === value ? raw : JSON.stringify(wire);
}

/** Whether a backslash escape of `text` is one `JSON.stringify` would not write, or invalid. */
function hasForeignEscape(text: string): boolean {
  for (let at = text.indexOf("\\"); at >= 0; at = text.indexOf("\\", at + 2)) {
    const c = text.charCodeAt(at + 1);
    if (c === 117) {
      // `\u00XX`: only the control characters without a short escape.
      if (text.charCodeAt(at + 2) !== 48 || text.charCodeAt(at + 3) !== 48) return true;
      const high = text.charCodeAt(at + 4);
      const low = text.charCodeAt(at + 5);
      if (high === 48) {
        if (!((low >= 48 && low <= 55) || low === 98 || low === 101 || low === 102)) return true;
      } else if (high === 49) {
        if (!((low >= 48 && low <= 57) || (low >= 97 && low <= 102))) return true;
      } else return true;
      at += 4;
    } else if (
      c !== 34 && c !== 92 && c !== 98 && c !== 102 && c !== 110 && c !== 114 && c !== 116
    ) return true; // `\/` (written as `/`) or not an escape
  }
  return false;
}

/** The index after the string whose opening quote is at `at`, or -1. */
function stringEnd(text: string, at: number): number {
  let quote = text.indexOf('"', at + 1);
  while (quote > 0 && text.charCodeAt(quote - 1) === 92) {
    let slashes = 1;
    while (text.charCodeAt(quote - 1 - slashes) === 92) slashes++;
    if ((slashes & 1) === 0) break;
    quote = text.indexOf('"', quote + 1);
  }
  return quote < 0 ? -1 : quote + 1;
}

const MAX_DEPTH = 200;

/**
 * The index after the JSON value at `at`, or -1 when it is not one `JSON.stringify` would
 * write back the same (whitespace, a number in another form, an index key, bad nesting).
 */
function valueEnd(text: string, at: number, depth: number): number {
  const c = text.charCodeAt(at);
  if (c === 34) return stringEnd(text, at);
  if (c === 123 || c === 91) {
    if (depth >= MAX_DEPTH) return -1;
    const close = c + 2;
    let i = at + 1;
    if (text.charCodeAt(i) === close) return i + 1;
    for (;;) {
      if (c === 123) {
        if (text.charCodeAt(i) !== 34) return -1;
        const first = text.charCodeAt(i + 1);
        if (first >= 48 && first <= 57) return -1;
        i = stringEnd(text, i);
        if (i < 0 || text.charCodeAt(i) !== 58) return -1;
        i++;
      }
      i = valueEnd(text, i, depth + 1);
      if (i < 0) return -1;
      const after = text.charCodeAt(i++);
      if (after === close) return i;
      if (after !== 44) return -1;
    }
  }
  if (c === 116) return text.startsWith("true", at) ? at + 4 : -1;
  if (c === 102) return text.startsWith("false", at) ? at + 5 : -1;
  if (c === 110) return text.startsWith("null", at) ? at + 4 : -1;
  return numberEnd(text, at);
}

/** The index after the number at `at` when `JSON.stringify` writes it back the same, or -1. */
function numberEnd(text: string, at: number): number {
  let i = at;
  let c = text.charCodeAt(i);
  if (c === 45) c = text.charCodeAt(++i);
  if (c >= 49 && c <= 57) {
    // An integer of up to 15 digits is written back as it is.
    let end = i + 1;
    while ((c = text.charCodeAt(end)) >= 48 && c <= 57) end++;
    if (c !== 46 && c !== 101 && c !== 69 && end - i <= 15) return end;
  }
  let end = at;
  while (
    ((c = text.charCodeAt(end)) >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 ||
    c === 101 || c === 69
  ) end++;
  const number = text.slice(at, end);
  return end > at && String(Number(number)) === number ? end : -1;
}
