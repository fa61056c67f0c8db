/**
 * `?embedded={"field": 1}`: replaces reference ids with the referenced documents, batched per
 * field with one `$in` query (Eve's `resolve_embedded_fields`). Only relations declared
 * embeddable are expanded; relations declared `embedByDefault` (Eve's `embedded_fields`) are
 * expanded unless the client sends `{"field": 0}`; unknown fields are ignored as in Eve. Missing
 * references become null (single) or are dropped (lists).
 */
import { BadRequestError } from "../../errors.ts";
import type { Actor } from "../../resources/actor.ts";
import type { ResourceDefinition } from "../../resources/resource_definition.ts";
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import type { Doc } from "../../storage/document_store.ts";
import { parseJsonObject } from "./parse_list_query.ts";

/**
 * Whether `embedRelations` would leave every document as it is without reading anything: no
 * `embedded` parameter and no relation embedded by default.
 */
export function embedsNothing(definition: ResourceDefinition, raw: string | null): boolean {
  if (raw !== null && raw.trim() !== "") return false;
  let embeds = embedsByDefault.get(definition);
  if (embeds === undefined) {
    embeds = Object.values(definition.relations).some((relation) => relation.embedByDefault);
    embedsByDefault.set(definition, embeds);
  }
  return !embeds;
}

/** Whether a definition has a relation embedded by default (read on every GET). */
const embedsByDefault = new WeakMap<ResourceDefinition, boolean>();

/** Expands the requested embeddable relations of `docs` in place. */
export async function embedRelations(
  docs: Doc[],
  raw: string | null,
  { definition, registry, actor }: {
    definition: ResourceDefinition;
    registry: ResourceRegistry;
    actor: Actor;
  },
): Promise<void> {
  if (docs.length === 0) return;
  const requested = raw === null || raw.trim() === "" ? {} : parseJsonObject("embedded", raw);
  for (const [field, relation] of Object.entries(definition.relations)) {
    if (relation.embedByDefault && !(field in requested)) requested[field] = 1;
  }
  for (const [field, flag] of Object.entries(requested)) {
    if (flag !== 1 && flag !== true) continue;
    const relation = definition.relations[field];
    if (!relation?.embeddable) continue;
    if (!registry.has(relation.resource)) {
      throw new BadRequestError(`Invalid "embedded": unknown resource for "${field}"`);
    }
    const key = relation.field ?? "_id";
    const ids = new Set<unknown>();
    for (const doc of docs) {
      const value = doc[field];
      for (const id of Array.isArray(value) ? value : [value]) if (id != null) ids.add(id);
    }
    if (ids.size === 0) continue;
    const service = registry.service(relation.resource);
    const { items } = await service.find(
      { filter: { [key]: { $in: [...ids] } }, page: 1, maxResults: ids.size },
      actor,
    );
    const byKey = new Map(items.map((item) => [String(item[key]), service.toPublic(item)]));
    for (const doc of docs) {
      const value = doc[field];
      doc[field] = Array.isArray(value)
        ? value.map((id) => byKey.get(String(id))).filter(Boolean)
        : value == null
        ? value
        : byKey.get(String(value)) ?? null;
    }
  }
}
