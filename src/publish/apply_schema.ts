/**
 * Superdesk's `apply_schema` (`apps/content_types/content_types.py`), which the enqueue step
 * applies before formatting: a published item goes out without the default profile's fields its
 * own content profile leaves out, so a subscriber never receives a field the newsroom does not
 * edit for that kind of story. Fields outside the default schema, `language` and `embargoed`, and
 * those widgets add (attachments, refs, place, organisation, person, authors) always stay; an
 * item without a profile (or with a profile without a schema) keeps every field.
 */
import { DEFAULT_SCHEMA } from "../content/default_profile.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

const ALWAYS = new Set([
  "language",
  "embargoed",
  "attachments",
  "refs",
  "place",
  "organisation",
  "person",
  "authors",
]);

/** `item` without the fields `schema` (its profile's) disables; itself when nothing goes. */
export function applySchema(item: Doc, schema: Doc | undefined): Doc {
  if (!schema || item.type === "event") return item;
  const enabled = (field: string) => {
    const rule = schema[field];
    return Boolean(rule) || !(field in DEFAULT_SCHEMA) || ALWAYS.has(field);
  };
  if (Object.keys(item).every(enabled)) return item;
  return Object.fromEntries(Object.entries(item).filter(([field]) => enabled(field)));
}

/** The schemas of the profiles `items` name, by profile id (read once each; none if absent). */
export async function profileSchemas(
  registry: ResourceRegistry,
  items: Iterable<Doc>,
): Promise<Map<string, Doc>> {
  const ids = new Set<string>();
  for (const item of items) {
    if (typeof item.profile === "string" && item.profile) ids.add(item.profile);
  }
  const schemas = new Map<string, Doc>();
  if (ids.size === 0 || !registry.has("content_types")) return schemas;
  const profiles = registry.service("content_types");
  for (const id of ids) {
    const profile = await profiles.findOne({ _id: id });
    const schema = profile?.schema;
    if (schema && typeof schema === "object" && Object.keys(schema).length > 0) {
      schemas.set(id, schema as Doc);
    }
  }
  return schemas;
}
