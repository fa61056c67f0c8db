/**
 * What Superdesk's `ValidateService._validate` does to an item before its rules see it: subject
 * terms without a scheme get `scheme: null`, a media field the rules name (`feature_media`, a
 * custom media field) takes the item's association of that name (`featuremedia`, `<field>--N`),
 * and the SMS is checked only when the item is marked for SMS. Copies what it changes: the
 * caller's item is left as it was. `schemaOptions` reads what the rules need beyond the item.
 */
import type { VocabulariesService } from "../content/vocabularies_service.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { SchemaOptions } from "./validator_schema.ts";

/** The item as the rules check it; `rules` loses the SMS rule when the item has no SMS. */
export function prepareForValidation(item: Doc, rules: Doc): Doc {
  const prepared: Doc = { ...item };
  if (Array.isArray(item.subject)) {
    prepared.subject = item.subject.map((term) =>
      isDoc(term) ? { ...term, scheme: term.scheme ?? null } : term
    );
  }
  if (isDoc(item.associations)) processMedia(prepared, { ...item.associations }, rules);
  if (isDoc(item.flags) && item.flags.marked_for_sms) {
    prepared.sms = item.sms_message ?? "";
  } else if (rules.sms) {
    delete rules.sms;
  } else {
    delete rules.sms_message;
  }
  return prepared;
}

/** The vocabularies bound to subject, when the rules check the subject. */
export async function schemaOptions(
  registry: ResourceRegistry,
  rules: Doc,
): Promise<SchemaOptions> {
  if (!rules.subject || !registry.has("vocabularies")) return {};
  const vocabularies = registry.service<VocabulariesService>("vocabularies");
  const bound = await vocabularies.matching({ schema_field: "subject" });
  return { subjectSchemes: new Set(bound.map((vocabulary) => String(vocabulary._id))) };
}

/** Superdesk's `_process_media`. */
function processMedia(item: Doc, associations: Doc, rules: Doc) {
  item.associations = associations;
  for (const field of Object.keys(rules)) {
    const own = field === "feature_media" ? "featuremedia" : field;
    const names = Object.hasOwn(associations, own)
      ? [own]
      : Object.keys(associations).filter((name) =>
        name.startsWith(`${field}--`) && Boolean(associations[name])
      );
    for (const name of names) {
      const media = associations[name];
      if (!isDoc(media)) continue;
      item[field] = media;
      if (name !== "featuremedia") {
        delete associations[name];
      } else if ("description_text" in media) {
        item.media_description = media.description_text;
      }
    }
  }
}
