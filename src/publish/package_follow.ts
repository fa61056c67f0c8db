/**
 * A published package follows its items (Superdesk's `BasePublishService.on_updated`): once an
 * item's publishing action is stored, every published or corrected package (not a takes package)
 * that holds it is corrected, its ref to the item carrying the item's new headline and slugline,
 * so subscribers get the package with the item's new version. The package being published with
 * the item (`published_in_package` in the action's updates) is left to its own action. A package
 * that changed meanwhile is read again and corrected; a correction that fails otherwise is logged: the item's action is done, and the next correction of the
 * package or of one of its items brings the refs up to date.
 */
import { EtagMismatchError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { groupsOf, ROOT_GROUP } from "../newsroom/package_groups.ts";
import { linksOf } from "../newsroom/package_links.ts";
import type { PublishActionHooks } from "./publish_action.ts";

/** Corrects package `id` (its etag given) with `updates` as `actor`. */
export type CorrectPackage = (
  id: string,
  options: { actor: Actor; etag: string; updates: Doc },
) => Promise<unknown>;

/** The hook correcting the packages of an item after its action. */
export function packageFollowHooks(
  archive: ArchiveService,
  correct: CorrectPackage,
  { log }: { log: Logger },
): PublishActionHooks {
  return {
    async stored(_kind, { stored, input, actor }) {
      const done = new Set<string>();
      for (const link of linksOf(stored)) {
        const id = link.package;
        if (typeof id !== "string" || done.has(id) || id === input.published_in_package) continue;
        done.add(id);
        try {
          await followItem(archive, correct, { id, item: stored, actor });
        } catch (error) {
          log.error("correcting a package after its item's action failed", {
            packageId: id,
            itemId: stored._id,
            error,
          });
        }
      }
    },
  };
}

/** How many times a package changed meanwhile is read again before its correction gives up. */
const ATTEMPTS = 5;

/**
 * Corrects package `id` with `item`'s ref refreshed, when it is a published package; read again
 * when it changed meanwhile (another of its items corrected at the same time), so one item's
 * correction does not lose another's.
 */
async function followItem(
  archive: ArchiveService,
  correct: CorrectPackage,
  { id, item, actor }: { id: string; item: Doc; actor: Actor },
): Promise<void> {
  for (let attempt = 1;; attempt++) {
    const pkg = await archive.findOne({ _id: id });
    if (!pkg || pkg.type !== "composite" || pkg.package_type) return;
    if (pkg.state !== "published" && pkg.state !== "corrected") return;
    try {
      await correct(id, {
        actor,
        etag: String(pkg._etag),
        updates: { groups: refreshedGroups(pkg, item) },
      });
      return;
    } catch (error) {
      if (!(error instanceof EtagMismatchError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** `pkg`'s groups with the refs to `item` carrying its headline and slugline. */
function refreshedGroups(pkg: Doc, item: Doc): Doc[] {
  const groups = structuredClone(groupsOf(pkg));
  for (const group of groups) {
    if (group.id === ROOT_GROUP || !Array.isArray(group.refs)) continue;
    for (const ref of group.refs as Doc[]) {
      if (ref?.residRef !== item._id) continue;
      if (item.headline) ref.headline = item.headline;
      if (item.slugline) ref.slugline = item.slugline;
    }
  }
  return groups;
}
