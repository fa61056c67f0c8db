/**
 * Validates wire documents against a resource schema and reports Superdesk-style `_issues`:
 * the rules Superdesk's validator marks (`{"required": 1}`, `{"minlength": 1}`,
 * `{"pattern": 1}`), Cerberus wording for the rest ("unknown field", "must be of string type",
 * ...); then turns date-time strings into `Date` objects for storage.
 */
import { type TObject, type TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import { type ValueError, ValueErrorType } from "@sinclair/typebox/errors";
import { Value } from "@sinclair/typebox/value";
import { type Issues, ruleIssue } from "../../errors.ts";
import "./fields.ts";

/** A compiled validator for one schema. */
export interface DocumentValidator {
  /** Issues keyed like Eve's error tree, or null when valid. */
  issues(doc: unknown): Issues | null;
  /**
   * Whether every top-level field of `fields` is valid on its own value, so `issues` of a
   * document holding them reports none of them (a PATCH's changed fields, checked without the
   * rest of the document); undefined when the schema has a rule that spans fields (anything
   * beyond `properties`, `required` and `additionalProperties` at the top level).
   */
  fieldsValid(fields: Record<string, unknown>): boolean | undefined;
  /** Dotted paths of the date-time fields, for coercion (arrays are marked with `[]`). */
  readonly datePaths: readonly string[];
  /** Dotted paths of the integer and number fields, for `coerceNumbers`. */
  readonly numberPaths: readonly string[];
  /** Dotted paths of the boolean fields, for `coerceBooleans`. */
  readonly booleanPaths: readonly string[];
}

const compiled = new WeakMap<TSchema, DocumentValidator>();

/** Compiles (once per schema object) a validator. */
export function documentValidator(schema: TObject): DocumentValidator {
  const cached = compiled.get(schema);
  if (cached) return cached;
  const check = TypeCompiler.Compile(schema);
  let fieldChecks: FieldChecks | null | undefined;
  const validator: DocumentValidator = {
    issues: (doc) => (check.Check(doc) ? null : collectIssues(check, doc)),
    fieldsValid(fields) {
      if (fieldChecks === undefined) fieldChecks = compileFieldChecks(schema);
      if (fieldChecks === null) return undefined;
      for (const key of Object.keys(fields)) {
        const check = fieldChecks.properties.get(key) ?? fieldChecks.other;
        if (check === false || (check !== true && !check.Check(fields[key]))) return false;
      }
      return true;
    },
    datePaths: findPaths(schema, (node) => node.format === "date-time"),
    numberPaths: findPaths(schema, (node) => node.type === "integer" || node.type === "number"),
    booleanPaths: findPaths(schema, (node) => node.type === "boolean"),
  };
  compiled.set(schema, validator);
  return validator;
}

/** One compiled check per property, and what other keys may hold (`true`: anything). */
interface FieldChecks {
  properties: Map<string, TypeCheck<TSchema>>;
  other: TypeCheck<TSchema> | boolean;
}

/** The top-level keywords whose rules each concern one field. */
const PER_FIELD_KEYWORDS = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "title",
  "description",
]);

/** `schema`'s checks field by field; null when a top-level rule spans fields. */
function compileFieldChecks(schema: TObject): FieldChecks | null {
  if (!Object.keys(schema).every((keyword) => PER_FIELD_KEYWORDS.has(keyword))) return null;
  try {
    const properties = new Map<string, TypeCheck<TSchema>>();
    for (const [key, property] of Object.entries(schema.properties)) {
      properties.set(key, TypeCompiler.Compile(property));
    }
    const extra = schema.additionalProperties;
    const other = typeof extra === "object" ? TypeCompiler.Compile(extra) : extra !== false;
    return { properties, other };
  } catch {
    // A property that needs references to compile (`Type.Ref`): checked with the document.
    return null;
  }
}

function collectIssues(check: TypeCheck<TObject>, doc: unknown): Issues {
  const issues: Issues = {};
  const seen = new Set<string>();
  for (const error of check.Errors(doc)) {
    if (seen.has(error.path)) continue;
    seen.add(error.path);
    // TypeBox escapes `~` and `/` in keys (RFC 6901): issues name the fields as sent.
    const segments = error.path.split("/").slice(1).map(unescapePointer);
    if (segments.length === 0) {
      issues["_document"] = "must be of dict type";
      continue;
    }
    if (error.type === ValueErrorType.Union && setNullableIssues(issues, segments, error)) continue;
    setNested(issues, segments, cerberusMessage(error));
  }
  return issues;
}

/**
 * A nullable list or dict whose value fails its one non-null form gets every issue inside it,
 * each at its own path (Cerberus reports `{"destinations": {"0": {"name": ..., "format": ...}}}`),
 * rather than the first one at the field; false when that form is not a list or dict.
 */
function setNullableIssues(issues: Issues, segments: string[], error: ValueError): boolean {
  const options = ((error.schema as Record<string, unknown>).anyOf ?? []) as TSchema[];
  const nonNull = options.filter((option) => option.type !== "null");
  const [form] = nonNull;
  if (error.value === null || nonNull.length !== 1 || !["array", "object"].includes(form!.type)) {
    return false;
  }
  const seen = new Set<string>();
  for (const inner of Value.Errors(form!, error.value)) {
    if (seen.has(inner.path)) continue;
    seen.add(inner.path);
    const below = inner.path.split("/").slice(1).map(unescapePointer);
    setNested(issues, [...segments, ...below], cerberusMessage(inner));
  }
  return seen.size > 0;
}

function unescapePointer(segment: string): string {
  return segment.includes("~") ? segment.replaceAll("~1", "/").replaceAll("~0", "~") : segment;
}

/**
 * Sets `message` at `segments` unless an issue is there already. Only own keys count, so a
 * field named like an `Object.prototype` member (`constructor`, `toString`) gets its issue.
 */
function setNested(target: Issues, segments: string[], message: unknown) {
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (typeof next !== "object" || next === null) node[segment] = {};
    node = node[segment] as Issues;
  }
  const last = segments[segments.length - 1]!;
  if (!Object.hasOwn(node, last)) node[last] = message;
}

/** Superdesk's issue (a rule marker or Cerberus wording) for a TypeBox error. */
function cerberusMessage(error: ValueError): unknown {
  const schema = error.schema as Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return ruleIssue("required");
    case ValueErrorType.ObjectAdditionalProperties:
      return "unknown field";
    case ValueErrorType.StringMinLength:
      // Cerberus' `empty: False` (a schema marking `empty: false`) words it; `minlength` marks.
      return schema.empty === false && error.value === ""
        ? "empty values not allowed"
        : ruleIssue("minlength");
    case ValueErrorType.ArrayMinItems:
      return ruleIssue("minlength");
    case ValueErrorType.StringMaxLength:
      return `max length is ${schema.maxLength}`;
    case ValueErrorType.ArrayMaxItems:
      return `max length is ${schema.maxItems}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `min value is ${schema.minimum}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `max value is ${schema.maximum}`;
    case ValueErrorType.StringPattern:
      return ruleIssue("pattern");
    case ValueErrorType.StringFormat:
      return schema.format === "date-time"
        ? "must be of datetime type"
        : `must be of ${schema.format} type`;
    case ValueErrorType.Union:
      return unionMessage(schema, error.value);
    case ValueErrorType.Literal:
      return unallowed(error.value);
    case ValueErrorType.ArrayUniqueItems:
      // Superdesk's `unique_list` rule.
      return "Must contain unique items only.";
    case ValueErrorType.Null:
      return "null value not allowed";
    default:
      return error.value === null
        ? "null value not allowed"
        : `must be of ${typeName(schema)} type`;
  }
}

function unionMessage(schema: Record<string, unknown>, value: unknown): unknown {
  const options = (schema.anyOf ?? []) as Array<Record<string, unknown>>;
  // Cerberus checks `nullable` before `allowed`: a null is refused as null, not as a value.
  if (value === null) return "null value not allowed";
  if (options.length > 0 && options.every((option) => "const" in option)) return unallowed(value);
  // A nullable field: report why the value fails its one non-null form (`{pattern: 1}` ...).
  const nonNull = options.filter((option) => option.type !== "null");
  if (nonNull.length === 1) {
    const [first] = Value.Errors(nonNull[0] as TSchema, value);
    if (first) return cerberusMessage(first);
  }
  const types = options.map(typeName).filter((name) => name !== "null");
  return `must be of ${types.join(" or ")} type`;
}

/** Cerberus's `allowed` message: a string as it is (Python's `str`), anything else as JSON. */
function unallowed(value: unknown): string {
  return `unallowed value ${typeof value === "string" ? value : JSON.stringify(value)}`;
}

function typeName(schema: Record<string, unknown>): string {
  switch (schema.type) {
    case "object":
      return "dict";
    case "array":
      return "list";
    case undefined:
      return "valid";
    default:
      return String(schema.type);
  }
}

/** Dotted paths of every node of `schema` that `matches`; `[]` marks array items. */
function findPaths(
  schema: TSchema,
  matches: (node: Record<string, unknown>) => boolean,
  prefix = "",
): string[] {
  const node = schema as Record<string, unknown>;
  if (matches(node)) return [prefix];
  const paths: string[] = [];
  if (node.type === "object" && node.properties) {
    for (const [key, child] of Object.entries(node.properties as Record<string, TSchema>)) {
      paths.push(...findPaths(child, matches, prefix ? `${prefix}.${key}` : key));
    }
  }
  if (node.type === "array" && node.items) {
    paths.push(...findPaths(node.items as TSchema, matches, `${prefix}[]`));
  }
  for (const option of (node.anyOf ?? []) as TSchema[]) {
    paths.push(...findPaths(option, matches, prefix));
  }
  return [...new Set(paths)];
}

/**
 * Eve's serializers: a numeric string where the schema has an integer or number becomes that
 * number before validation (`"4"` → 4, as Python's `int()`); anything else is left for the
 * validator to refuse.
 */
export function coerceNumbers(doc: Record<string, unknown>, paths: readonly string[]): void {
  mapDatePaths(doc, paths, toNumber);
}

function toNumber(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return value;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

/**
 * Eve's boolean serializer: `"true"`/`"false"`/`"1"`/`"0"` in any case, and the numbers 1 and
 * 0, become booleans where the schema has a boolean; anything else is left for the validator.
 */
export function coerceBooleans(doc: Record<string, unknown>, paths: readonly string[]): void {
  mapDatePaths(doc, paths, toBoolean);
}

const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  "1": true,
  false: false,
  "0": false,
};

function toBoolean(value: unknown): unknown {
  if (typeof value !== "string" && typeof value !== "number") return value;
  return BOOLEANS[String(value).toLowerCase()] ?? value;
}

/** Replaces date-time strings at `paths` in `doc` (in place) with `Date` objects. */
export function coerceDates(doc: Record<string, unknown>, paths: readonly string[]): void {
  mapDatePaths(doc, paths, toDate);
}

/**
 * A copy of `doc` with the `Date`s at `paths` written as wire dates, to validate a PATCH whose
 * dotted keys merged stored values (dates are `Date`s in storage, strings in the schema).
 */
export function withWireDates(doc: Record<string, unknown>, paths: readonly string[]) {
  const copy = structuredClone(doc);
  mapDatePaths(copy, paths, toWireDate);
  return copy;
}

function toWireDate(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value;
}

/** Replaces the values at `paths` in `doc` (in place) with `convert(value)`. */
export function mapDatePaths(
  doc: Record<string, unknown>,
  paths: readonly string[],
  convert: (value: unknown) => unknown,
): void {
  for (const path of paths) mapAt(doc, segmentsOf(path), 0, convert);
}

const splitPaths = new Map<string, string[]>();

/** `path` split on dots, once per distinct path (they come from a handful of schemas). */
function segmentsOf(path: string): string[] {
  let segments = splitPaths.get(path);
  if (!segments) splitPaths.set(path, segments = path.split("."));
  return segments;
}

function mapAt(
  node: unknown,
  segments: string[],
  at: number,
  convert: (value: unknown) => unknown,
): void {
  if (node === null || typeof node !== "object" || at >= segments.length) return;
  const head = segments[at]!;
  const last = at === segments.length - 1;
  const isArray = head.endsWith("[]");
  const container = node as Record<string, unknown>;
  const value = container[isArray ? head.slice(0, -2) : head];
  if (isArray) {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      if (last) value[i] = convert(value[i]);
      else mapAt(value[i], segments, at + 1, convert);
    }
  } else if (last) {
    if (value !== undefined) container[head] = convert(value);
  } else {
    mapAt(value, segments, at + 1, convert);
  }
}

function toDate(value: unknown): unknown {
  return typeof value === "string" ? new Date(value) : value;
}
