/**
 * Superdesk's step placeholders (`apply_placeholders` in superdesk/tests/steps.py): `#NAME#` is
 * replaced by a stored placeholder (`CONTEXT_USER_ID`, `AUTH_ID`, `USERS_ID` ...), by a field
 * of the last document stored under a resource name (`#desks._id#`, `#desks.incoming_stage#`,
 * `#archive._etag#`), or by a date (`#DATE#`, `#DATE+1#`, `#DATE-2#` in the wire form). An
 * unknown or empty one stays as it is, as in Superdesk.
 */
import { dateToWire } from "../../src/wire_date.ts";
import type { Json } from "./json_match.ts";

/** What placeholders are read from. */
export interface PlaceholderSource {
  /** Named values (`set_placeholder`). */
  placeholders: Record<string, Json>;
  /** The last document per resource name (`setattr(context, resource, item)`). */
  resources: Record<string, Json>;
}

/** `text` with its placeholders replaced. */
export function applyPlaceholders(source: PlaceholderSource, text: string): string {
  for (const [, name] of text.matchAll(/#([^#"]+)#/g)) {
    const value = placeholderValue(source, name!);
    if (value !== undefined) text = text.replaceAll(`#${name}#`, value);
  }
  return text;
}

function placeholderValue(source: PlaceholderSource, name: string): string | undefined {
  if (name.startsWith("DATE")) {
    const shift = /[+-](\d)/.exec(name);
    const days = shift ? Number(shift[1]) * (shift[0].startsWith("-") ? -1 : 1) : 0;
    const value = dateToWire(new Date(Date.now() + days * 86_400_000))!;
    source.placeholders.LAST_DATE_VALUE = value;
    return value;
  }
  if (Object.hasOwn(source.placeholders, name)) return String(source.placeholders[name]);
  const [resource, ...path] = name.split(".");
  if (path.length === 0) return undefined;
  let value: Json = source.resources[resource!];
  for (const segment of path) {
    if (!value) break;
    value = value[segment];
  }
  if (!value) return undefined;
  return typeof value === "boolean" ? (value ? "True" : "False") : String(value);
}
