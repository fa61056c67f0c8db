/**
 * Encodes task arguments for storage and for crossing a worker boundary: JSON where Dates
 * become `{$date: iso}` and ObjectId-like values `{$oid: hex}`, revived on decode. Class
 * instances lose their prototype in structured clone, so tasks carry this text instead.
 */

/** Something that behaves like a BSON ObjectId (has a 24-hex `toHexString`). */
interface ObjectIdLike {
  toHexString(): string;
}

/** How `{$oid}` values are revived; by default they stay `{ $oid: hex }` objects. */
export type OidReviver = (hex: string) => unknown;

/** Serialises `args` to text; throws when they are not JSON-representable. */
export function encodeArgs(args: unknown): string {
  return JSON.stringify(args === undefined ? null : args, function (key, value) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (isObjectIdLike(raw)) return { $oid: raw.toHexString() };
    return value;
  });
}

/** Parses text made by `encodeArgs`, reviving Dates and (through `reviveOid`) ObjectIds. */
export function decodeArgs(
  text: string,
  { reviveOid = (hex: string) => ({ $oid: hex }) }: { reviveOid?: OidReviver } = {},
): unknown {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && typeof value.$date === "string") return new Date(value.$date);
      if (keys.length === 1 && typeof value.$oid === "string") return reviveOid(value.$oid);
    }
    return value;
  });
}

function isObjectIdLike(value: unknown): value is ObjectIdLike {
  return typeof value === "object" && value !== null &&
    typeof (value as Partial<ObjectIdLike>).toHexString === "function" &&
    /^[0-9a-f]{24}$/.test((value as ObjectIdLike).toHexString());
}
