/**
 * The names of rundown item types (Superdesk's `item_type_name`): the `rundown_item_types`
 * vocabulary's item with that qcode, else the qcode itself.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";

/** A lookup of type names, read once from the vocabulary. */
export async function itemTypeNames(
  registry: ResourceRegistry,
): Promise<(qcode: string) => string> {
  const vocabulary = registry.has("vocabularies")
    ? await registry.service("vocabularies").findOne({ _id: "rundown_item_types" })
    : null;
  const items = Array.isArray(vocabulary?.items)
    ? vocabulary.items as Record<string, unknown>[]
    : [];
  return (qcode) => {
    const name = items.find((item) => item.qcode === qcode)?.name;
    return typeof name === "string" ? name : qcode;
  };
}
