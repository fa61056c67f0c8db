/**
 * The check of a story's associated media on publishing (Superdesk's `_validate_media_metadata`,
 * on by `VALIDATE_MEDIA_METADATA_ON_PUBLISH`): whenever a validator applies to an item with
 * associations, each non-text association is held to its profile (`content_types` by its
 * `profile`, else its type, else the type's default schema): a required field must be filled and
 * a `maxlength` kept, reported as `MEDIA'S <FIELD> ...`, in field order as Cerberus sorts them.
 */
import { defaultSchemaFor, MEDIA_TYPES } from "../content/default_profile.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import { chainValidators, type ItemValidator } from "./item_validator.ts";
import {
  defaultProfileValidator,
  type ItemSchemas,
  profileValidator,
} from "./profile_validator.ts";
import { message } from "./validator_schema.ts";
import { validatorsResourceValidator } from "./validators_resource_validator.ts";

/** What publishing's validator is configured with. */
export interface PublishingValidatorOptions {
  /** Check associated media (`VALIDATE_MEDIA_METADATA_ON_PUBLISH`). */
  media: boolean;
  /** Rules by item type for items without a profile (the `SCHEMA` setting). */
  itemSchemas?: ItemSchemas;
  /** An automatic publish is held to the item's content profile (`AUTO_PUBLISH_CONTENT_PROFILE`). */
  autoPublishProfile?: boolean;
}

/**
 * Publishing's validator: the item's profile (or `SCHEMA` rules), then `validators`, then the
 * default profile of its type, with the media check when `media`.
 */
export function publishingValidator(
  registry: ResourceRegistry,
  { media, itemSchemas = {}, autoPublishProfile = true }: PublishingValidatorOptions,
): ItemValidator {
  const validator = chainValidators(
    profileValidator(registry, itemSchemas, { autoPublishProfile }),
    validatorsResourceValidator(registry),
    defaultProfileValidator(registry),
  );
  return media ? checkingMediaMetadata(registry, validator) : validator;
}

/** `validator`, with the media metadata check added to the items it has rules for. */
export function checkingMediaMetadata(
  registry: ResourceRegistry,
  validator: ItemValidator,
): ItemValidator {
  return {
    async validate(request) {
      const result = await validator.validate(request);
      const associations = request.item.associations;
      if (!result || !isDoc(associations)) return result;
      // Cerberus keys its errors by field: a field two media fail is one issue, which Superdesk
      // words as a required field whatever the issues were (a list of them).
      const byField = new Map<string, string>();
      for (const media of Object.values(associations)) {
        if (!isDoc(media) || media.type === "text") continue;
        for (const [field, rule] of Object.entries(await mediaSchema(registry, media))) {
          const issue = fieldIssue(media[field], rule);
          const key = `media's ${field}`;
          if (issue) byField.set(key, byField.has(key) ? "required field" : issue);
        }
      }
      if (byField.size === 0) return result;
      const issues = [...byField].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
      const fields: Doc = { ...result.fields };
      for (const [field, issue] of issues) fields[field] = issue;
      return {
        errors: [...result.errors, ...issues.map(([field, issue]) => message(field, issue))],
        fields,
      };
    },
  };
}

/** The media's profile schema (Superdesk's `content_types.get_schema`). */
async function mediaSchema(registry: ResourceRegistry, media: Doc): Promise<Doc> {
  const id = String(media.profile || media.type || "");
  const profile = registry.has("content_types")
    ? await registry.service("content_types").findOne({ _id: id })
    : null;
  if (profile) return isDoc(profile.schema) ? profile.schema : {};
  return MEDIA_TYPES.has(id) ? defaultSchemaFor(id) : {};
}

function fieldIssue(value: unknown, rule: unknown): string | undefined {
  if (!isDoc(rule)) return undefined;
  if (rule.required && isBlank(value)) return "required field";
  const max = Number(rule.maxlength);
  if (rule.maxlength != null && Number.isInteger(max) && lengthOf(value) > max) {
    return `max length is ${max}`;
  }
  return undefined;
}

/** Python's falsy values (`not value`), as Superdesk tests them. */
function isBlank(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isDoc(value)) return Object.keys(value).length === 0;
  return !value;
}

function lengthOf(value: unknown): number {
  return typeof value === "string" || Array.isArray(value) ? value.length : 0;
}
