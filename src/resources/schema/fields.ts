/**
 * Field builders for resource schemas. Schemas are TypeBox declarations: one declaration gives
 * the JSON Schema (validation, OpenAPI, search mappings) and the TypeScript type.
 */
import { FormatRegistry, type TSchema, type TString, Type } from "@sinclair/typebox";
import { namesCalendarTime } from "./calendar_time.ts";

/** An ObjectId-style id: 24 lowercase hex characters (stored as a string). */
export const OBJECT_ID_PATTERN = "^[a-f0-9]{24}$";

/** RFC 1123 (`Tue, 01 Oct 2013 00:59:22 GMT`), older clients' form. */
const RFC_1123 = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** ISO 8601, Superdesk's `2026-01-01T09:30:00+0000` among them. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** An ISO 8601 date-time with seconds and a zone: what a `where` value turns into a date. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
/** An e-mail address: something, one `@`, something, no spaces. */
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** A regular expression (JSON Schema `pattern`) every accepted date matches: either form. */
export const ACCEPTED_DATE_PATTERN = `(${RFC_1123.source})|(${ISO_8601.source})`;

/**
 * True when `value` is a wire date this server accepts: one of the forms, naming a day of the
 * calendar and a time of day (`2024-02-30` or hour 24 are refused, as Python's `strptime` in Eve
 * refuses them, where `Date.parse` would roll them over into the next day or month).
 */
export function isWireDate(value: string): boolean {
  return (RFC_1123.test(value) || ISO_8601.test(value)) && namesCalendarTime(value) &&
    !Number.isNaN(Date.parse(value));
}

/**
 * True when a `where` string has the form of an instant (RFC 1123, or ISO 8601 with time and
 * zone), which Eve turns into a datetime (a bare date stays a string), valid or not.
 */
export function hasWireInstantForm(value: string): boolean {
  return RFC_1123.test(value) || ISO_INSTANT.test(value);
}

/** True when a `where` string is an instant (`hasWireInstantForm`) of the calendar. */
export function isWireInstant(value: string): boolean {
  return hasWireInstantForm(value) && namesCalendarTime(value) && !Number.isNaN(Date.parse(value));
}

FormatRegistry.Set("date-time", isWireDate);
FormatRegistry.Set("email", (value) => EMAIL.test(value));
FormatRegistry.Set("objectid", (value) => /^[a-f0-9]{24}$/.test(value));

/** A reference to another resource's item by id (Eve's `data_relation`). */
export function ObjectIdField(options: { description?: string } = {}): TString {
  return Type.String({ format: "objectid", ...options });
}

/** A date: RFC 1123 or ISO 8601 on the wire, a `Date` in storage and services. */
export function DateTimeField(options: { description?: string } = {}): TString {
  return Type.String({ format: "date-time", ...options });
}

/** An e-mail address ("must be of email type" otherwise, as Superdesk says). */
export function EmailField(options: { maxLength?: number } = {}): TString {
  return Type.String({ format: "email", ...options });
}

/** A value that may also be null. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}
