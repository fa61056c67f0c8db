/**
 * Superdesk's `get_rightsinfo` (`superdesk/vocabularies/vocabularies.py`): the copyright a NINJS
 * document carries when the item has none of its own — the `rightsinfo` vocabulary's entry named
 * after the item's `source` (else `original_source`), else its `default` entry.
 */
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import type { Doc } from "../../storage/document_store.ts";

/** `copyrightholder`, `copyrightnotice` and `usageterms` for `item` from the vocabulary's items. */
export function rightsFor(item: Doc, rights: readonly Doc[]): Doc {
  const key = item.source ?? item.original_source ?? "default";
  const entry = rights.find((info) => info.name === key) ??
    rights.find((info) => info.name === "default");
  if (!entry) return {};
  const out: Doc = {};
  const fields = [
    ["copyrightholder", "copyrightHolder"],
    ["copyrightnotice", "copyrightNotice"],
    ["usageterms", "usageTerms"],
  ];
  for (const [field, name] of fields) {
    if (typeof entry[name!] === "string") out[field!] = entry[name!];
  }
  return out;
}

/** The `rightsinfo` vocabulary's items (none when it or the vocabularies resource is absent). */
export async function rightsInfo(registry: ResourceRegistry): Promise<Doc[]> {
  if (!registry.has("vocabularies")) return [];
  const vocabulary = await registry.service("vocabularies").findOne({ _id: "rightsinfo" });
  return Array.isArray(vocabulary?.items) ? vocabulary.items as Doc[] : [];
}
