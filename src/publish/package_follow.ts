/**
 * A published package follows its items (Superdesk's `BasePublishService.on_updated`): once an
 * item's publishing action is stored, every published or corrected package (not a takes package)
 * that holds it is corrected, its ref to the item carrying the item's new headline and slugline,
 * so subscribers get the package with the item's new version. The package being published with
 * the item (`published_in_package` in the action's updates) is left to its own action. A package
 * that changed meanwhile is read again and corrected.
 *
 * Durable: before the item's action is written, a task (`package_follow_task.ts`) is queued to
 * run a minute later; the action corrects the packages itself, and the task corrects any it did
 * not (an engine error, a crash). Exactly once: a package whose refs to the item carry its
 * version, headline and slugline already is not corrected again, and the correction is a
 * compare-and-set on the package, read again when it loses.
 */
import { EtagMismatchError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { groupsOf, ROOT_GROUP } from "../newsroom/package_groups.ts";
import { linksOf } from "../newsroom/package_links.ts";
import type { PublishActionHooks } from "./publish_action.ts";

/** The task's name (`package_follow_task.ts`). */
export const PACKAGE_FOLLOW_TASK = "publish:package_follow";

/** How long after the action the task looks (the action's own follow-up goes first). */
const GRACE_MS = 60_000;

/**
 * The task's arguments: the item, the version its action makes and the package it is published
 * with, if any (that package's own action gives it the item).
 */
export interface PackageFollowArgs {
  item_id: string;
  version: number;
  published_in_package?: string;
}

/** Queues the follow-up of version `args.version` of an item, once per version. */
export async function requestPackageFollow(queue: TaskQueue, args: PackageFollowArgs) {
  await queue.enqueue({ name: PACKAGE_FOLLOW_TASK, queue: "publish" }, args, {
    uniqueKey: `${PACKAGE_FOLLOW_TASK}:${args.item_id}:${args.version}`,
    delay: GRACE_MS,
  });
}

/** Corrects package `id` (its etag given) with `updates` as `actor`. */
export type CorrectPackage = (
  id: string,
  options: { actor: Actor; etag: string; updates: Doc },
) => Promise<unknown>;

/** The hooks correcting the packages of an item after its action. */
export function packageFollowHooks(
  archive: ArchiveService,
  correct: CorrectPackage,
  { log, queue }: { log: Logger; queue: TaskQueue },
): PublishActionHooks {
  return {
    async beforeWrite(_kind, { original, input }) {
      if (packagesHolding(original, input.published_in_package).length === 0) return;
      await requestPackageFollow(queue, {
        item_id: String(original._id),
        version: Number(original._current_version ?? 0) + 1,
        ...(typeof input.published_in_package === "string"
          ? { published_in_package: input.published_in_package }
          : {}),
      });
    },
    async stored(_kind, { stored, input, actor }) {
      for (const id of packagesHolding(stored, input.published_in_package)) {
        try {
          await followItem(archive, correct, { id, item: stored, actor });
        } catch (error) {
          log.error("correcting a package after its item's action failed; its task retries", {
            packageId: id,
            itemId: stored._id,
            error,
          });
        }
      }
    },
  };
}

/** The packages `item` is linked in, but `skip` (the one it is published with). */
export function packagesHolding(item: Doc, skip?: unknown): string[] {
  const ids = linksOf(item).map((link) => link.package)
    .filter((id): id is string => typeof id === "string" && id !== skip);
  return [...new Set(ids)];
}

/** How many times a package changed meanwhile is read again before its correction gives up. */
const ATTEMPTS = 5;

/**
 * Corrects package `id` with `item`'s ref refreshed, when it is a published package whose ref
 * does not carry `item` yet; read again when it changed meanwhile (another of its
 * items corrected at the same time), so one item's correction does not lose another's.
 */
export async function followItem(
  archive: ArchiveService,
  correct: CorrectPackage,
  { id, item, actor }: { id: string; item: Doc; actor: Actor },
): Promise<void> {
  for (let attempt = 1;; attempt++) {
    const pkg = await archive.findOne({ _id: id });
    if (!pkg || pkg.type !== "composite" || pkg.package_type) return;
    if (pkg.state !== "published" && pkg.state !== "corrected") return;
    if (carriesVersion(pkg, item)) return;
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

/**
 * Whether `pkg`'s refs to `item` carry its version, headline and slugline already (a correction
 * followed it: a correction of the package for another item sets the versions only).
 */
function carriesVersion(pkg: Doc, item: Doc): boolean {
  const refs = groupsOf(pkg).flatMap((group) =>
    group.id !== ROOT_GROUP && Array.isArray(group.refs) ? group.refs as Doc[] : []
  ).filter((ref) => ref?.residRef === item._id);
  return refs.length > 0 &&
    refs.every((ref) =>
      Number(ref._current_version) >= Number(item._current_version) &&
      (!item.headline || ref.headline === item.headline) &&
      (!item.slugline || ref.slugline === item.slugline)
    );
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
