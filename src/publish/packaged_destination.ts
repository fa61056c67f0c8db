/**
 * Destinations configured `packaged` (Superdesk's `config.packaged` and `_embed_package_items`):
 * such a destination takes a package with its items embedded, so the items published with the
 * package (`published_in_package`) skip it, and the package reaches it with each item ref
 * carrying the item's published copy at the ref's version (`package_item`), which the NINJS
 * formatter turns into the item's full association.
 */
import { groupsOf, ROOT_GROUP } from "../newsroom/package_groups.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { PublishedService } from "./published_service.ts";

/** Whether `destination` takes packages with their items embedded (Python's truthiness). */
export function isPackaged(destination: Doc): boolean {
  const config = destination.config;
  return isDoc(config) && Boolean(config.packaged);
}

/** Whether `copy` goes to `destination` on its own (not an item published in a package there). */
export function goesAlone(copy: Doc, destination: Doc): boolean {
  return !(copy.published_in_package && isPackaged(destination));
}

/**
 * Package `copy` with each item ref given `package_item`, the item's published copy at the ref's
 * `_current_version` (its newest without one; its `_id` the item's), all read at once; a new
 * object. Rejects with a `MissingPackageItemError` naming the item when a copy is missing
 * (Superdesk's `Can not find package ... published item ...`).
 */
export async function withPackageItems(registry: ResourceRegistry, copy: Doc): Promise<Doc> {
  const embedded = structuredClone(copy);
  const refs = groupsOf(embedded)
    .filter((group) => group.id !== ROOT_GROUP && Array.isArray(group.refs))
    .flatMap((group) => group.refs as unknown[])
    .filter((ref): ref is Doc => isDoc(ref) && typeof ref.residRef === "string");
  const items = await registry.service<PublishedService>("published").newestCopies(
    refs.map((ref) => ({ itemId: String(ref.residRef), version: ref._current_version })),
  );
  refs.forEach((ref, index) => {
    const item = items[index];
    if (!item) {
      throw new MissingPackageItemError(
        `Can not find package ${copy.item_id} published item ${ref.residRef}`,
      );
    }
    ref.package_item = { ...item, _id: item.item_id };
  });
  return embedded;
}

/** A package item with no published copy: the package's data, not an outage, is at fault. */
export class MissingPackageItemError extends Error {}
