/**
 * The answer of a validation (Superdesk's `ValidateService._validate`) from a schema's issues:
 * a missing field is named by its vocabulary's display name (`Test is a required field` for a
 * custom field, `VOCABULARY 1 is a required field` for a scheme `mandatory_in_list` wants, the
 * display name of the vocabulary bound to `subject`), custom fields (`extra`) by that name as
 * written; a correction ignores the dateline (it cannot change after publishing) and a kill of
 * an item with a profile its headline, abstract and body (the kill template sets them).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { ValidationResult } from "./item_validator.ts";
import { fieldLabel, message, type SchemaResult } from "./validator_schema.ts";

/** How the issues are read. */
export interface MessageOptions {
  act: string;
  /** The item names a profile (`validate.profile`). */
  profiled: boolean;
}

const KILL_SET_FIELDS = new Set(["headline", "abstract", "body_html"]);

/** Superdesk's sentences for `result`'s issues, in its order, and the issues they report. */
export async function validationResult(
  registry: ResourceRegistry,
  result: SchemaResult,
  { act, profiled }: MessageOptions,
): Promise<ValidationResult> {
  const errors: string[] = [];
  const fields: Doc = { ...result.fields };
  for (const field of result.keys) {
    const issue = result.fields[field];
    const ignored = (act === "correct" && field === "dateline") ||
      (act === "kill" && profiled && KILL_SET_FIELDS.has(field));
    if (ignored) {
      delete fields[field];
    } else if (field === "extra" && isDoc(issue)) {
      for (const [custom, customIssue] of Object.entries(issue)) {
        const name = await displayName(registry, custom);
        errors.push(
          isRequired(customIssue)
            ? `${name} is a required field`
            : `${fieldLabel(name)} ${customIssue}`,
        );
      }
    } else if (typeof issue !== "string" || issue === "required field") {
      errors.push(message(field, issue, await displayName(registry, field)));
    } else {
      errors.push(message(field, issue));
    }
  }
  return { errors, fields };
}

/** Superdesk's `_get_vocabulary_display_name`: the field's vocabulary's name, else the field. */
async function displayName(registry: ResourceRegistry, field: string): Promise<string> {
  if (!registry.has("vocabularies")) return field;
  const vocabularies = registry.service("vocabularies");
  let vocabulary: Doc | null;
  if (field === "anpa_category") {
    vocabulary = await vocabularies.findOne({ _id: "categories" });
  } else if (field === "subject") {
    vocabulary = await vocabularies.findOne({ schema_field: "subject" }) ??
      await vocabularies.findOne({ _id: "subject" });
  } else {
    vocabulary = await vocabularies.findOne({ _id: field });
  }
  const name = vocabulary?.display_name;
  return typeof name === "string" ? name : field;
}

/** Superdesk's test of a custom field's issue: `"required" in issue`. */
function isRequired(issue: unknown): boolean {
  return typeof issue === "string" ? issue.includes("required") : Array.isArray(issue) &&
    issue.includes("required");
}
