/**
 * The names of rundown item types (Superdesk's `item_type_name`): the active item of the
 * `rundown_item_types` vocabulary with that qcode, else the qcode itself.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { vocabularyItems } from "./vocabulary_items.ts";

/** A lookup of type names, read once from the vocabulary. */
export async function itemTypeNames(
  registry: ResourceRegistry,
): Promise<(qcode: string) => string> {
  const items = await vocabularyItems(registry, "rundown_item_types");
  return (qcode) => {
    const name = items.find((item) => item.qcode === qcode)?.name;
    return typeof name === "string" ? name : qcode;
  };
}
