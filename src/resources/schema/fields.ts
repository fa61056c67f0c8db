/**
 * Field builders for resource schemas. Schemas are TypeBox declarations: one declaration gives
 * the JSON Schema (validation, OpenAPI, search mappings) and the TypeScript type.
 */
import { FormatRegistry, type TSchema, type TString, Type } from "@sinclair/typebox";

/** An ObjectId-style id: 24 lowercase hex characters (stored as a string). */
export const OBJECT_ID_PATTERN = "^[a-f0-9]{24}$";

/** RFC 1123 (`Tue, 01 Oct 2013 00:59:22 GMT`) or ISO 8601. */
const RFC_1123 = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** True when `value` is a wire date this server accepts. */
export function isWireDate(value: string): boolean {
  return (RFC_1123.test(value) || ISO_8601.test(value)) && !Number.isNaN(Date.parse(value));
}

FormatRegistry.Set("date-time", isWireDate);
FormatRegistry.Set("objectid", (value) => /^[a-f0-9]{24}$/.test(value));

/** A reference to another resource's item by id (Eve's `data_relation`). */
export function ObjectIdField(options: { description?: string } = {}): TString {
  return Type.String({ format: "objectid", ...options });
}

/** A date: RFC 1123 or ISO 8601 on the wire, a `Date` in storage and services. */
export function DateTimeField(options: { description?: string } = {}): TString {
  return Type.String({ format: "date-time", ...options });
}

/** A value that may also be null. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}
