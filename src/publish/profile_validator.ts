/**
 * Validation by content profile (Superdesk's `ValidateService._get_validators` and
 * `_get_profile_schema`): an item is held to its content profile (its `profile`, else the
 * profile named after its type), else to the `SCHEMA` setting's rules for its type; when
 * neither nor the `validators` resource has rules, to Superdesk's default profile of its type
 * (`defaultProfileValidator`, last in the chain). A profile's custom fields (vocabularies with a
 * `field_type` of text, embed, date, urls or custom) are checked in the item's `extra`, typed
 * by their vocabulary; a custom media field in the item's associations.
 */
import { CORE_FIELDS, defaultSchemaFor, MEDIA_TYPES } from "../content/default_profile.ts";
import type { VocabulariesService } from "../content/vocabularies_service.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { ItemValidator, ValidationRequest, ValidationResult } from "./item_validator.ts";
import { prepareForValidation, schemaOptions } from "./validation_input.ts";
import { validationResult } from "./validation_messages.ts";
import { validateWithSchema } from "./validator_schema.ts";

/** Rules by item type (the `SCHEMA` setting). */
export type ItemSchemas = Readonly<Record<string, Doc>>;

/** The Cerberus type of a custom field, by its vocabulary's `field_type`. */
const EXTRA_FIELD_TYPES: Record<string, string> = {
  text: "string",
  embed: "dict",
  date: "date",
  urls: "list",
  custom: "any",
};

/**
 * The item's content profile, else `itemSchemas[type]`; undefined when neither exists. An
 * automatic publish (act `auto_publish`) skips the profile unless `autoPublishProfile`.
 */
export function profileValidator(
  registry: ResourceRegistry,
  itemSchemas: ItemSchemas = {},
  { autoPublishProfile = true }: { autoPublishProfile?: boolean } = {},
): ItemValidator {
  return {
    async validate(request) {
      const itemType = String(request.item.type || request.type);
      const profileId = request.item.profile ? String(request.item.profile) : itemType;
      const useProfile = autoPublishProfile || request.act !== "auto_publish";
      if (useProfile && registry.has("content_types")) {
        const profile = await registry.service("content_types").findOne({ _id: profileId });
        if (profile) return await validateByProfile(registry, request, asDoc(profile.schema));
      }
      const schema = Object.hasOwn(itemSchemas, request.type) ? itemSchemas[request.type] : null;
      return schema ? await validateByProfile(registry, request, schema) : undefined;
    },
  };
}

/** Superdesk's default profile of the item's type (text and media types). */
export function defaultProfileValidator(registry: ResourceRegistry): ItemValidator {
  return {
    async validate(request) {
      const itemType = String(request.item.type || request.type);
      if (itemType !== "text" && !MEDIA_TYPES.has(itemType)) return undefined;
      return await validateByProfile(registry, request, defaultSchemaFor(itemType));
    },
  };
}

/** Checks the request's item against a profile's `schema`. */
async function validateByProfile(
  registry: ResourceRegistry,
  request: ValidationRequest,
  schema: Doc,
): Promise<ValidationResult> {
  const rules = structuredClone(schema);
  const extra: Doc = {};
  const item = prepareForValidation(request.item, rules);
  const values: Doc = item.extra = { ...asDoc(item.extra) };
  for (const vocabulary of await customFields(registry, rules)) {
    const id = String(vocabulary._id);
    const fieldType = String(vocabulary.field_type);
    const type = Object.hasOwn(EXTRA_FIELD_TYPES, fieldType) && EXTRA_FIELD_TYPES[fieldType];
    if (!type || !rules[id]) continue;
    extra[id] = { ...asDoc(rules[id]), type };
    delete rules[id];
    // Superdesk's `_populate_extra`: a custom vocabulary's term in subject fills the field.
    for (const term of Array.isArray(item.subject) ? item.subject : []) {
      if (asDoc(term).scheme === id) values[id] = asDoc(term).qcode ?? "";
    }
  }
  rules.extra = { type: "dict", schema: extra };
  // A subject term of a scheme since removed from the profile's vocabularies is not an error.
  const termRules = asDoc(asDoc(asDoc(rules.subject).schema).schema);
  if (isDoc(termRules.scheme)) delete termRules.scheme.allowed;
  const result = validateWithSchema(item, rules, await schemaOptions(registry, rules));
  return await validationResult(registry, result, {
    act: request.act,
    profiled: Boolean(request.item.profile),
  });
}

/** The vocabularies with a `field_type` that the rules name (custom fields). */
async function customFields(registry: ResourceRegistry, rules: Doc): Promise<Doc[]> {
  const ids = Object.keys(rules).filter((field) => !CORE_FIELDS.has(field));
  if (ids.length === 0 || !registry.has("vocabularies")) return [];
  const vocabularies = registry.service<VocabulariesService>("vocabularies");
  const found = await vocabularies.matching({ _id: { $in: ids } });
  return found.filter((vocabulary) => vocabulary.field_type != null);
}

function asDoc(value: unknown): Doc {
  return isDoc(value) ? value : {};
}
