/**
 * What spike and unspike do about packages (Superdesk's `ArchiveSpikeService._validate_item`,
 * `update` and `ArchiveUnspikeService.set_unspike_updates`): an item a package still holds is
 * not spiked (it must be taken out first, a conscious act); a spiked package keeps its groups in
 * `deleted_groups`, holds nothing and its items lose the link; unspiking it restores the groups
 * and the links.
 */
import { asValidatorException, BadRequestError } from "../errors.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { linksOf } from "./package_links.ts";

/**
 * Refuses to spike `item` while a package it is linked in exists (answered as Eve answers the
 * spike service's `on_update`: a 400 `validator exception`).
 */
export async function assertNotInPackage(archive: ArchiveService, item: Doc): Promise<void> {
  for (const link of linksOf(item)) {
    if (typeof link.package !== "string") continue;
    if (await archive.findOne({ _id: link.package }, SYSTEM_ACTOR, { projection: { _id: 1 } })) {
      throw inPackage(item);
    }
  }
}

function inPackage(item: Doc): unknown {
  return asValidatorException(
    new BadRequestError(
      `The item "${item.slugline ?? ""}" is in a package it needs to be removed before the ` +
        "item can be spiked",
    ),
  );
}

/** The updates that empty a package being spiked, keeping its groups for an unspike. */
export function spikedPackageUpdates(item: Doc): Doc {
  if (item.type !== "composite") return {};
  return { deleted_groups: item.groups ?? null, groups: [] };
}

/** The updates that give a package being unspiked its groups back. */
export function unspikedPackageUpdates(item: Doc): Doc {
  const kept = item.deleted_groups;
  if (item.type !== "composite" || !Array.isArray(kept) || kept.length === 0) return {};
  return { groups: kept, deleted_groups: [] };
}
