/**
 * The part of Cerberus that Superdesk's validators and profiles use (its `SchemaValidator`), with
 * Superdesk's messages: per field `required`, `nullable`, `type` (string, integer, number,
 * boolean, list, dict, date, and Superdesk's `text`: a non-empty string; other types such as
 * `media` or `embed` take any value), `empty`, `minlength`, `maxlength`, `allowed`, nested
 * `schema` for dicts and the elements of lists, and `mandatory_in_list`. A required field
 * without `minlength` must not be empty (`get_validator_schema`); an empty list, the editor's
 * `<p></p>` and a subject of other schemes only count as missing. Messages are upper-cased
 * labels (`HEADLINE is a required field`, `HEADLINE is too long`), fields carry Cerberus' issue
 * text.
 */
import { type Doc, isDoc } from "../storage/document_store.ts";
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

/** What the rules read beyond the item. */
export interface SchemaOptions {
  /**
   * Ids of the vocabularies whose `schema_field` is `subject`: their terms count as subjects
   * for a subject that must not be empty and for `mandatory_in_list` (Superdesk's
   * `SchemaValidator`); none when not given.
   */
  subjectSchemes?: ReadonlySet<string>;
}

/** Validates `item` against a validator `schema`. */
export function validateWithSchema(
  item: Doc,
  schema: Doc,
  options: SchemaOptions = {},
): SchemaResult {
  const result: SchemaResult = { messages: [], keys: [], fields: {} };
  const add = (field: string, issue: unknown) => {
    // Own keys only: a field may be named as an inherited member (`constructor`).
    const again = Object.hasOwn(result.fields, field);
    if (!again) result.keys.push(field);
    result.fields[field] = again ? [result.fields[field], issue].flat() : issue;
  };
  for (const [field, rule] of Object.entries(schema)) {
    if (!rule || typeof rule !== "object") continue;
    const present = Object.hasOwn(item, field);
    const issue = fieldIssue(present ? item[field] : undefined, present, rule as Doc, {
      field,
      options,
      add,
    });
    if (issue !== undefined) add(field, issue);
  }
  result.messages = result.keys.map((field) => message(field, result.fields[field]));
  return result;
}

interface Check {
  field: string;
  options: SchemaOptions;
  /** Records an issue on another field (`mandatory_in_list` names the missing scheme). */
  add: (field: string, issue: unknown) => void;
}

function fieldIssue(value: unknown, present: boolean, rule: Doc, check: Check): unknown {
  const required = rule.required === true;
  if (!present || value === undefined) return required ? "required field" : undefined;
  if (value === null) {
    if (rule.nullable === true) return undefined;
    return "null value not allowed";
  }
  if (typeof rule.type === "string" && !hasType(value, rule.type)) {
    return `must be of ${rule.type} type`;
  }
  const mustNotBeEmpty = rule.empty === false || (required && rule.minlength === undefined);
  const issues: unknown[] = [];
  if (mustNotBeEmpty && isEmpty(value)) {
    // Cerberus still checks an empty dict against its schema, and that issue is the one kept.
    // Superdesk words an empty list and the editor's empty paragraph as a missing field.
    const missing = required || Array.isArray(value) || value === "<p></p>";
    return nestedIssues(value, rule, check) ??
      (missing ? "required field" : "empty values not allowed");
  }
  if (mustNotBeEmpty && check.field === "subject" && !hasSubjectTerm(value, check.options)) {
    issues.push("required field");
  }
  const length = lengthOf(value, rule);
  if (typeof rule.minlength === "number" && length !== undefined && length < rule.minlength) {
    issues.push(`min length is ${rule.minlength}`);
  } else if (
    typeof rule.maxlength === "number" && length !== undefined && length > rule.maxlength
  ) {
    issues.push(`max length is ${rule.maxlength}`);
  }
  const allowed = rule.allowed;
  if (Array.isArray(allowed) && !asList(value).every((v) => allowed.includes(v))) {
    issues.push(`unallowed value ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  if (isDoc(rule.mandatory_in_list)) mandatoryInList(value, rule.mandatory_in_list, check);
  // Superdesk's error handler keeps only a field's sub-field issues when it has some.
  const nested = nestedIssues(value, rule, check);
  if (nested !== undefined) return nested;
  return issues.length > 1 ? issues : issues[0];
}

/**
 * Superdesk's subject that must not be empty: terms of a scheme other than the subject codes'
 * (none, `subject_custom`, a vocabulary whose `schema_field` is subject) do not count.
 */
function hasSubjectTerm(value: unknown, options: SchemaOptions): boolean {
  if (!Array.isArray(value)) return true;
  return value.some((term) => {
    const scheme = isDoc(term) ? term.scheme ?? null : null;
    return scheme === null || scheme === "" || scheme === "subject_custom" ||
      (typeof scheme === "string" && options.subjectSchemes?.has(scheme) === true);
  });
}

/**
 * `mandatory_in_list: {scheme: {<id>: {required}}}`: a list (`subject`) must hold a term of each
 * required scheme, else the scheme's id is a required field. As Superdesk's: any term of the
 * scheme, then any term with a scheme at all, satisfies it; for subject, a vocabulary bound to
 * subject makes any term do.
 */
function mandatoryInList(value: unknown, mandatory: Doc, check: Check) {
  const terms = Array.isArray(value) ? value.filter(isDoc) : [];
  const boundToSubject = check.field === "subject" && (check.options.subjectSchemes?.size ?? 0) > 0;
  for (const [key, rules] of Object.entries(mandatory)) {
    if (!isDoc(rules)) continue;
    for (const [scheme, rule] of Object.entries(rules)) {
      if (!isDoc(rule) || !rule.required) continue;
      const present = terms.some((term) =>
        term.scheme === scheme || (boundToSubject && scheme === "subject")
      );
      if (!present || !terms.some((term) => Boolean(term[key]))) {
        check.add(scheme, "required field");
      }
    }
  }
}

/**
 * The issues under the rule's nested `schema`: a dict's fields, or each element of a list (by
 * index), as Cerberus checks them.
 */
function nestedIssues(value: unknown, rule: Doc, check: Check): Doc | undefined {
  if (!isDoc(rule.schema)) return undefined;
  if (Array.isArray(value)) {
    if (rule.type !== "list") return undefined;
    const issues: Doc = {};
    value.forEach((element, index) => {
      const issue = fieldIssue(element, true, rule.schema as Doc, { ...check, field: "" });
      if (issue !== undefined) issues[index] = issue;
    });
    return Object.keys(issues).length > 0 ? issues : undefined;
  }
  if (rule.type !== "dict" || !isDoc(value)) return undefined;
  const nested = validateWithSchema(value, rule.schema, check.options);
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
      return typeof value === "string";
    case "text":
      return typeof value === "string" && value !== "";
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

/** A field's label (`Body HTML`), the field's name when it has none. */
export function fieldLabel(field: string): string {
  return Object.hasOwn(LABELS, field) ? LABELS[field]! : field;
}

/**
 * Superdesk's message for a field's issue; a missing field is named by `displayName` (its
 * vocabulary's display name) when given.
 */
export function message(field: string, issue: unknown, displayName = field): string {
  const label = fieldLabel(field).toUpperCase();
  if (typeof issue !== "string" || issue === "required field") {
    return `${fieldLabel(displayName).toUpperCase()} is a required field`;
  }
  if (issue === "null value not allowed" || issue === "min length is 1") {
    return `${field.toUpperCase()} is a required field`;
  }
  if (issue.startsWith("min length is")) return `${label} is too short`;
  if (issue.startsWith("max length is")) return `${label} is too long`;
  return `${label} ${issue}`;
}
