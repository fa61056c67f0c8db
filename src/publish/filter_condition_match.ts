/**
 * Whether an item matches a filter condition (Superdesk's `FilterCondition.does_match` with its
 * field and operator classes): the field's value is read from the item (codes for vocabulary
 * fields, the desk and stage from `task`, text for HTML fields), the condition's value is typed
 * like the field and split on commas for list operators, and strings compare without case.
 * Unlike Superdesk, `like`/`startswith`/`endswith` treat the value as text, not as a regular
 * expression, so a filter cannot be a ReDoS. A field that is a manageable vocabulary is read by
 * its `field_type` (`FieldTypes`): a text one from `extra`, one of codes from `subject` (present
 * when a subject has the vocabulary as its `scheme`; then every subject code counts, as in
 * Superdesk).
 */
import type { Doc } from "../storage/document_store.ts";
import { htmlToText } from "./formatters/html_fragment.ts";

/** Operators (Superdesk's `FilterConditionOperatorsEnum`). */
export const FILTER_OPERATORS = [
  "in",
  "nin",
  "like",
  "notlike",
  "startswith",
  "endswith",
  "match",
  "eq",
  "ne",
  "lt",
  "lte",
  "gt",
  "gte",
  "exists",
] as const;

type FieldType = "string" | "int" | "bool";

interface FieldReader {
  type: FieldType;
  present(item: Doc): boolean;
  value(item: Doc): unknown;
}

const codes = (name: string): FieldReader => ({
  type: "string",
  present: (item) => Array.isArray(item[name]),
  value: (item) => (item[name] as Doc[]).map((entry) => entry?.qcode),
});

const taskField = (name: string): FieldReader => ({
  type: "string",
  present: (item) => typeof item.task === "object" && item.task !== null && name in item.task,
  value: (item) => String((item.task as Doc)[name]),
});

const plain = (name: string, type: FieldType = "string"): FieldReader => ({
  type,
  present: (item) => item[name] !== undefined && item[name] !== null,
  value: (item) => typeof item[name] === "string" ? htmlToText(item[name]).trim() : item[name],
});

const READERS: Record<string, FieldReader> = {
  anpa_category: codes("anpa_category"),
  genre: codes("genre"),
  subject: codes("subject"),
  place: codes("place"),
  desk: taskField("desk"),
  stage: taskField("stage"),
  urgency: plain("urgency", "int"),
  priority: plain("priority", "int"),
  language: plain("language"),
  sms: {
    type: "bool",
    present: (item) =>
      typeof item.flags === "object" && item.flags !== null &&
      "marked_for_sms" in item.flags,
    value: (item) => String((item.flags as Doc).marked_for_sms),
  },
  embargo: {
    type: "bool",
    present: (item) => Boolean(item.embargo),
    value: (item) => String(new Date(String(item.embargo)).getTime() > Date.now()),
  },
  featuremedia: {
    type: "bool",
    present: (item) => Boolean(featureMediaId(item)),
    value: featureMediaId,
  },
  // Superdesk's `FilterConditionLanguagesField`: the `languages` vocabulary tests `language`.
  languages: plain("language"),
};

/** Vocabulary id → its `field_type` ("" for a vocabulary of codes). */
export type FieldTypes = ReadonlyMap<string, string>;

const customText = (name: string): FieldReader => ({
  type: "string",
  present: (item) => typeof item.extra === "object" && item.extra !== null && name in item.extra,
  value: (item) => (item.extra as Doc)[name] ?? "",
});

const vocabularyCodes = (name: string): FieldReader => ({
  type: "string",
  present: (item) =>
    Array.isArray(item.subject) && (item.subject as Doc[]).some((s) => s?.scheme === name),
  value: (item) => (item.subject as Doc[]).map((s) => s?.qcode),
});

function readerOf(field: string, fieldTypes: FieldTypes | undefined): FieldReader {
  if (Object.hasOwn(READERS, field)) return READERS[field]!;
  const fieldType = fieldTypes?.get(field);
  if (fieldType === "text") return customText(field);
  if (fieldType !== undefined) return vocabularyCodes(field);
  return plain(field);
}

function featureMediaId(item: Doc): unknown {
  const associations = item.associations as Doc | undefined;
  return (associations?.featuremedia as Doc | undefined)?._id;
}

/** A filter condition as stored. */
export interface FilterCondition {
  field: string;
  operator: string;
  value: string;
}

/** True when `item` matches `condition`; `fieldTypes` tells vocabulary fields apart. */
export function matchesCondition(
  condition: FilterCondition,
  item: Doc,
  fieldTypes?: FieldTypes,
): boolean {
  const reader = readerOf(condition.field, fieldTypes);
  const { operator } = condition;
  if (!reader.present(item) && operator !== "exists") {
    return operator === "nin" || operator === "notlike" || operator === "ne" ||
      (operator === "eq" && isFalse(condition.value));
  }
  const articleValue = reader.value(item);
  switch (operator) {
    case "in":
    case "match": {
      const wanted = listValue(condition.value, reader.type).map(lower);
      return asList(articleValue).some((value) => wanted.includes(lower(value)));
    }
    case "nin": {
      const unwanted = listValue(condition.value, reader.type).map(lower);
      return asList(articleValue).every((value) => !unwanted.includes(lower(value)));
    }
    case "like":
      return lower(articleValue).includes(lower(condition.value));
    case "notlike":
      return !lower(articleValue).includes(lower(condition.value));
    case "startswith":
      return lower(articleValue).startsWith(lower(condition.value));
    case "endswith":
      return lower(articleValue).endsWith(lower(condition.value));
    case "exists":
      return isTrue(condition.value) ? Boolean(articleValue) : !articleValue;
    default:
      return compare(operator, articleValue, typed(condition.value, reader.type));
  }
}

function compare(operator: string, articleValue: unknown, filterValue: unknown): boolean {
  let left: unknown = articleValue;
  let right = filterValue;
  if (typeof filterValue === "boolean") left = isTrue(String(articleValue));
  else if (typeof filterValue === "number") left = Number(articleValue);
  else {
    left = lower(articleValue).trim();
    right = lower(filterValue).trim();
  }
  if (typeof left === "number" && Number.isNaN(left)) return false;
  switch (operator) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "lt":
      return (left as number) < (right as number);
    case "lte":
      return (left as number) <= (right as number);
    case "gt":
      return (left as number) > (right as number);
    case "gte":
      return (left as number) >= (right as number);
    default:
      return false;
  }
}

function listValue(value: string, type: FieldType): unknown[] {
  const parts = value.indexOf(",") > 0 ? value.trim().split(",") : [value];
  return parts.map((part) => typed(part, type));
}

function typed(value: string, type: FieldType): unknown {
  if (type === "int") return Number.parseInt(value, 10);
  if (type === "bool") return isTrue(value);
  return value;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function lower(value: unknown): string {
  return String(value).toLowerCase();
}

function isTrue(value: string): boolean {
  return ["yes", "true", "t", "1"].includes(value.toLowerCase());
}

function isFalse(value: string): boolean {
  return ["no", "false", "f", "0"].includes(value.toLowerCase());
}
