/**
 * MongoDB extended JSON as Superdesk's dumps hold it (Python `bson.json_util`), read through
 * `bson`'s EJSON and turned into the values our document store keeps: an ObjectId becomes its
 * 24-hex string (our ids and references are strings), `$date` a `Date`, `$numberLong`,
 * `$numberInt`, `$numberDouble` and `$numberDecimal` numbers. Other BSON types (binary, regular
 * expressions, timestamps, code) have no place in our documents and are refused with the path,
 * except at the paths the caller names as unused (a change event's `clusterTime`), which read
 * as null.
 * Written back the way `json_util.dumps` writes it: `", "`/`": "` separators, ASCII only,
 * `{"$date": <ms>}`, and `{"$oid": ...}` for an `_id` of 24 hex digits.
 */
import { EJSON } from "bson";
import { DumpFormatError } from "./dump_format_error.ts";

const HEX_ID = /^[0-9a-f]{24}$/;

/**
 * The value of the extended JSON `text` of the file `file`, in our store's types; a BSON type
 * we cannot keep is null at a path `unused` matches (dotted, array indexes as numbers).
 */
export function parseExtendedJson(
  text: string,
  file: string,
  { unused }: { unused?: RegExp } = {},
): unknown {
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DumpFormatError(file, `not MongoDB extended JSON (${reason})`);
  }
  return fromBson(parsed, { file, unused }, "");
}

function fromBson(value: unknown, at: { file: string; unused?: RegExp }, path: string): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const child = (key: string | number) => path ? `${path}.${key}` : String(key);
  if (Array.isArray(value)) return value.map((item, i) => fromBson(item, at, child(i)));
  const type = (value as { _bsontype?: string })._bsontype;
  if (type === undefined) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = fromBson(item, at, child(key));
    }
    return out;
  }
  switch (type) {
    case "ObjectId":
      return (value as { toHexString(): string }).toHexString();
    case "Long":
    case "Int32":
    case "Double":
    case "Decimal128":
      return Number(String(value));
    default:
      if (at.unused?.test(path)) return null;
      throw new DumpFormatError(at.file, `the BSON type ${type} at "${path}" is not supported`);
  }
}

/** `value` as `json_util.dumps` writes it (see the module's doc). */
export function toExtendedJson(value: unknown): string {
  return asciiOnly(write(value, false));
}

function write(value: unknown, isId: boolean): string {
  if (value instanceof Date) return `{"$date": ${value.getTime()}}`;
  if (Array.isArray(value)) return `[${value.map((item) => write(item, false)).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${
      fields.map(([key, item]) => `${JSON.stringify(key)}: ${write(item, key === "_id")}`)
        .join(", ")
    }}`;
  }
  if (isId && typeof value === "string" && HEX_ID.test(value)) return `{"$oid": "${value}"}`;
  return JSON.stringify(value ?? null);
}

/** Python's `ensure_ascii`: every character past ASCII as a `\uXXXX` escape. */
function asciiOnly(json: string): string {
  return json.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
