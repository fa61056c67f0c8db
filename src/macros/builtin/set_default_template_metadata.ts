/**
 * Superdesk's "Set Default Template Metadata" macro
 * (superdesk/macros/set_default_template_metadata.py): a backend macro for stage rules, routing
 * and internal destinations that fills an item's empty fields from the default content template
 * of its desk (`task.desk`). Fields `DEFAULT_TEMPLATE_METADATA_MACRO_EXCLUDE` names are left
 * alone; those `DEFAULT_TEMPLATE_METADATA_MACRO_OVERRIDE` names are always taken from the
 * template. Subjects
 * of a scheme the item has none of are added. Without a desk, a default template or the
 * template itself, the item stays as it was (logged). Superdesk also skips keys named like a
 * custom vocabulary (one with a `field_type`); a template's data here holds item fields only
 * (custom fields are under `extra`), so no key can be one.
 */
import type { Doc, Macro } from "../../app_api.ts";
import { isDoc } from "../../storage/document_store.ts";

/** Field names from the two settings. */
export interface TemplateMetadataFields {
  exclude: readonly string[];
  override: readonly string[];
}

/** A comma-separated list of field names (`DEFAULT_TEMPLATE_METADATA_MACRO_*`). */
export function fieldList(raw: string | undefined): string[] {
  return (raw ?? "").split(",").map((name) => name.trim()).filter((name) => name !== "");
}

/** Python's falsy values, which Superdesk's `not item.get(key)` treats as empty. */
function empty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isDoc(value)) return Object.keys(value).length === 0;
  return value === undefined || value === null || value === "" || value === 0 || value === false;
}

/** Subjects as a list of objects (anything else counts as none). */
function subjects(value: unknown): Doc[] {
  return Array.isArray(value) ? value.filter(isDoc) : [];
}

/** The macro with the two settings' fields. */
export function setDefaultTemplateMetadata({ exclude, override }: TemplateMetadataFields): Macro {
  return {
    name: "Set Default Template Metadata",
    label: "Set Default Template Metadata",
    accessType: "backend",
    actionType: "direct",
    // Desk and template are read as the caller (a user running it through `POST /api/macros` or
    // a stage rule; the system for routing, destinations and scheduled templates): a user gets
    // no metadata from a template they may not read (another user's private one).
    async callback(item, { actor, services, log }) {
      const deskId = isDoc(item.task) ? item.task.desk : undefined;
      const desk = deskId
        ? await services.registry.service("desks").findOne({ _id: String(deskId) }, actor)
        : null;
      const templateId = desk?.default_content_template;
      const template = templateId
        ? await services.registry.service("content_templates")
          .findOne({ _id: String(templateId) }, actor)
        : null;
      if (!template) {
        log.warn("no default template to set metadata from", { desk: deskId ?? null });
        return { item };
      }
      const data = isDoc(template.data) ? template.data : {};
      const excluded = new Set(exclude);
      for (const [key, value] of Object.entries(data)) {
        if ((empty(item[key]) && !excluded.has(key)) || override.includes(key)) item[key] = value;
      }
      const own = subjects(item.subject);
      const added = subjects(data.subject).filter((subject) =>
        subject.scheme && !own.some((mine) => mine.scheme === subject.scheme)
      );
      item.subject = [...own, ...added];
      if (own.length + added.length === 0 && subjects(data.subject).length > 0) {
        item.subject = data.subject;
      }
      return { item };
    },
  };
}
