/**
 * Publishing a package's items with it (Superdesk's `BasePublishService._publish_package_items`):
 * every item a package refers to that has not gone out is published first, in the package's
 * order (an inner package with its own items, depth first), each as its own publishing action
 * marked `published_in_package`; then the package's refs carry the items' versions as they are
 * now. The checks of `package_items_check.ts` ran before, so an item that would be refused stops
 * the action before anything is written. Each item's action is atomic; between two of them a
 * crash leaves the package unpublished with some items published: the package's action, tried
 * again, skips those (they have gone out) and publishes the rest, so a retry finishes it. Two
 * actions on one package at once publish each item once: an item the other action published
 * meanwhile is taken as published, and the package's own compare-and-set lets one action win.
 */
import { BadRequestError, EtagMismatchError } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { groupsOf, itemRefsOf, ROOT_GROUP } from "../newsroom/package_groups.ts";
import { linksOf } from "../newsroom/package_links.ts";
import { publishRefusal } from "./publish_errors.ts";
import { PUBLISHED_STATES } from "./publish_workflow.ts";

/** Publishes archive item `id` (the item's etag given) as a user's publish with `updates`. */
export type PublishMember = (id: string, options: { etag: string; updates: Doc }) => Promise<Doc>;

/**
 * Publishes the unpublished items of package `pkg` (as the action will store it) through
 * `publish`; returns the package's groups with each item ref's `_current_version` (and the
 * item's `associations`) as stored now.
 */
export async function publishPackageItems(
  archive: ArchiveService,
  pkg: Doc,
  publish: PublishMember,
): Promise<Doc[]> {
  const groups = structuredClone(groupsOf(pkg));
  for (const group of groups) {
    if (group.id === ROOT_GROUP) continue;
    for (const ref of itemRefsOf({ groups: [group] })) {
      if (typeof ref.residRef !== "string" || (ref.location ?? "archive") !== "archive") continue;
      let item = await archive.findOne({ _id: ref.residRef });
      if (!item) {
        throw publishRefusal(`Package item with id: ${ref.residRef} does not exist.`);
      }
      if (!PUBLISHED_STATES.has(String(item.state))) {
        item = await publishMember(archive, item, String(pkg._id), publish);
      }
      ref._current_version = item._current_version;
      if (item.associations) ref.associations = item.associations;
    }
  }
  return groups;
}

/**
 * Publishes one item of the package; one another action published meanwhile (the publish lost
 * the race: a changed etag, or a state it may no longer start from) is taken as it is. Any other
 * failure stops the package's action.
 */
async function publishMember(
  archive: ArchiveService,
  item: Doc,
  packageId: string,
  publish: PublishMember,
): Promise<Doc> {
  const id = String(item._id);
  try {
    return await publish(id, {
      etag: String(item._etag),
      updates: { published_in_package: packageId },
    });
  } catch (error) {
    if (!(error instanceof EtagMismatchError || error instanceof BadRequestError)) throw error;
    const now = await archive.findOne({ _id: id });
    if (now && PUBLISHED_STATES.has(String(now.state))) return now;
    throw error;
  }
}

/** States of a package that no longer keeps its items from being killed. */
const WITHDRAWN = new Set(["killed", "recalled", "unpublished"]);

/**
 * Superdesk's kill check (`KillPublishService.on_update`): an item in a package that has not been
 * killed, recalled or unpublished cannot be killed.
 */
export async function assertNotInLivePackage(archive: ArchiveService, item: Doc): Promise<void> {
  for (const link of linksOf(item)) {
    if (typeof link.package !== "string") continue;
    const pkg = await archive.findOne({ _id: link.package });
    if (pkg && pkg.type === "composite" && !WITHDRAWN.has(String(pkg.state))) {
      throw publishRefusal(
        "This item is in a package. It needs to be removed before the item can be killed",
      );
    }
  }
}
