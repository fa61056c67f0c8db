/**
 * The part of Cerberus that Superdesk's validators use, with Superdesk's messages: per field
 * `required`, `nullable`, `empty`, `type` (string, integer, number, boolean, list, dict, date),
 * `minlength`, `maxlength`, `allowed`, and nested `schema` for dicts. A required field without
 * `minlength` must not be empty (`get_validator_schema`). Messages are upper-cased labels
 * (`HEADLINE is a required field`, `HEADLINE is too long`), fields carry Cerberus' issue text.
 */
import type { Doc } from "../storage/document_store.ts";
import { htmlToText } from "./formatters/html_fragment.ts";

const LABELS: Record<string, string> = {
  abstract: "Abstract",
  body_html: "Body HTML",
  byline: "Byline",
  dateline: "Dateline",
  ednote: "Ed. Note",
  genre: "Genre",
  headline: "Headline",
  keywords: "Keywords",
  language: "Language",
  place: "Place",
  priority: "Priority",
  sign_off: "Sign Off",
  slugline: "Slugline",
  source: "Source",
  subject: "Subject",
  anpa_category: "Categories",
  urgency: "Urgency",
  usageterms: "Usage Terms",
};

/** The outcome for one item. */
export interface SchemaResult {
  messages: string[];
  /** The field each message is about, in the same order. */
  keys: string[];
  fields: Doc;
}

/** Validates `item` against a validator `schema`. */
export function validateWithSchema(item: Doc, schema: Doc): SchemaResult {
  const result: SchemaResult = { messages: [], keys: [], fields: {} };
  for (const [field, rule] of Object.entries(schema)) {
    if (!rule || typeof rule !== "object") continue;
    const issue = fieldIssue(item[field], field in item, rule as Doc);
    if (issue === undefined) continue;
    result.fields[field] = issue;
    result.keys.push(field);
    result.messages.push(message(field, issue));
  }
  return result;
}

function fieldIssue(value: unknown, present: boolean, rule: Doc): unknown {
  const required = rule.required === true;
  if (!present || value === undefined) return required ? "required field" : undefined;
  if (value === null) {
    if (rule.nullable === true) return undefined;
    return "null value not allowed";
  }
  const mustNotBeEmpty = rule.empty === false || (required && rule.minlength === undefined);
  if (mustNotBeEmpty && isEmpty(value)) {
    // Cerberus still checks an empty dict against its schema, and that issue is the one kept.
    return nestedIssues(value, rule) ?? (required ? "required field" : "empty values not allowed");
  }
  if (typeof rule.type === "string" && !hasType(value, rule.type)) {
    return `must be of ${rule.type} type`;
  }
  const length = lengthOf(value, rule);
  if (typeof rule.minlength === "number" && length !== undefined && length < rule.minlength) {
    return `min length is ${rule.minlength}`;
  }
  if (typeof rule.maxlength === "number" && length !== undefined && length > rule.maxlength) {
    return `max length is ${rule.maxlength}`;
  }
  const allowed = rule.allowed;
  if (Array.isArray(allowed) && !asList(value).every((v) => allowed.includes(v))) {
    return `unallowed value ${typeof value === "string" ? value : JSON.stringify(value)}`;
  }
  return nestedIssues(value, rule);
}

/** The issues of a dict's fields under the rule's nested `schema`, if it has any. */
function nestedIssues(value: unknown, rule: Doc): Doc | undefined {
  if (rule.type !== "dict" || !rule.schema || typeof rule.schema !== "object") return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const nested = validateWithSchema(value as Doc, rule.schema as Doc);
  return Object.keys(nested.fields).length > 0 ? nested.fields : undefined;
}

function isEmpty(value: unknown): boolean {
  if (typeof value === "string") return value.trim() === "" || value === "<p></p>";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object" && value !== null) return Object.keys(value).length === 0;
  return false;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
    case "text":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
    case "float":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "list":
      return Array.isArray(value);
    case "dict":
      return typeof value === "object" && !Array.isArray(value);
    case "date":
    case "datetime":
      return value instanceof Date ||
        (typeof value === "string" && !Number.isNaN(Date.parse(value)));
    default:
      return true;
  }
}

/** Length of strings as text (markup stripped, Superdesk's `_sanitize_fields`) and lists. */
function lengthOf(value: unknown, rule: Doc): number | undefined {
  if (typeof value === "string") {
    return rule.minlength !== undefined || rule.maxlength !== undefined
      ? htmlToText(value).length
      : value.length;
  }
  return Array.isArray(value) ? value.length : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Superdesk's message for a field's issue. */
export function message(field: string, issue: unknown): string {
  const label = (LABELS[field] ?? field).toUpperCase();
  if (typeof issue !== "string" || issue === "required field") {
    return `${label} is a required field`;
  }
  if (issue === "null value not allowed" || issue === "min length is 1") {
    return `${field.toUpperCase()} is a required field`;
  }
  if (issue.startsWith("min length is")) return `${label} is too short`;
  if (issue.startsWith("max length is")) return `${label} is too long`;
  return `${label} ${issue}`;
}
