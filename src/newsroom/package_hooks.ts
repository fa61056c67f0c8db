/**
 * Packages (`type: composite`) as Superdesk's `ArchiveService` handles them through its
 * `PackageService` (apps/packages/package_service.py): a new package without groups gets a root
 * and an empty main group; its groups must be well formed (`package_groups.ts`), may not refer to
 * itself or to one item twice, only to items that exist, and a user's save may not make a
 * package hold one that holds it; a package is made on a desk, never in personal space; the
 * items it refers to are linked back to it (`package_links.ts`), and a save that changes its
 * groups moves the links. Packages carry no Public Service Announcements (`body_footer`), and an
 * item in a package is not scheduled (it must be taken out first).
 */
import { BadRequestError, ForbiddenError, ruleIssue, ValidationError } from "../errors.ts";
import { LoopTurns } from "../loop_turns.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import type { ItemHooks } from "./item_hooks.ts";
import {
  checkForDuplicates,
  checkRootGroup,
  defaultGroups,
  groupsOf,
  itemRefsOf,
  refsOf,
} from "./package_groups.ts";
import {
  checkCircularReference,
  linkMembers,
  linksOf,
  referencedItem,
  relinkMembers,
} from "./package_links.ts";

const NO_PSA = "Package doesn't support Public Service Announcements";

/**
 * Refuses (403) package `item` (a plain package: not one with a `particular_type`) when `desk`
 * names no desk: a package is never in personal space (Superdesk's `check_not_in_personal_space`).
 */
export function refusePersonalPackage(item: Doc, desk: unknown): void {
  if (item.type === "composite" && !item.particular_type && !desk) {
    throw new ForbiddenError("Packages can not be created in the personal space.");
  }
}

/** The hooks that keep packages well formed and their items linked. */
export function packageHooks(archive: ArchiveService): ItemHooks {
  return {
    async beforeCreate(item, { actor }) {
      if (actor.kind === "user") refuseEmptyGroups(item);
      if (item.type !== "composite") return;
      if (item.body_footer) throw new BadRequestError(NO_PSA);
      if (groupsOf(item).length === 0) item.groups = defaultGroups();
      checkRootGroup(groupsOf(item));
      const turns = new LoopTurns();
      for (const group of groupsOf(item)) {
        const refs = refsOf({ groups: [group] });
        checkForDuplicates(item._id, refs);
        for (const ref of refs) {
          await turns.step();
          await describeRef(archive, ref, { actor });
        }
      }
      refusePersonalPackage(item, (item.task as Doc | undefined)?.desk);
      if (!item.ingest_provider) item.source = archive.options.defaultSource;
    },
    async afterCreate(items) {
      for (const item of items) if (item.type === "composite") await linkMembers(archive, item);
    },
    async beforeSave(updates, original, actor) {
      refuseEmptyGroups(updates);
      if (schedules(updates) && original.state !== "published" && linksOf(original).length > 0) {
        throw new BadRequestError(
          "This item is in a package and it needs to be removed before the item can be scheduled!",
        );
      }
      if (original.type !== "composite") return;
      if (updates.body_footer) throw new BadRequestError(NO_PSA);
      if (groupsOf(updates).length > 0) checkRootGroup(groupsOf(updates));
      const refs = refsOf(updates);
      checkForDuplicates(original._id, refs);
      // Items it held already are checked as the system: the user need not see all of them.
      const held = new Set(itemRefsOf(original).map((ref) => ref.residRef));
      const turns = new LoopTurns();
      for (const ref of refs) {
        await turns.step();
        const by = held.has(ref.residRef) ? SYSTEM_ACTOR : actor;
        await describeRef(archive, ref, { actor: by, pkg: original });
      }
    },
    async afterSave(updates, original) {
      if (original.type === "composite" && groupsOf(updates).length > 0) {
        await relinkMembers(archive, original, updates);
      }
    },
  };
}

/** Whether a save sets a publish schedule (or a schedule setting). */
function schedules(updates: Doc): boolean {
  const settings = updates.schedule_settings;
  return Boolean(updates.publish_schedule) ||
    (typeof settings === "object" && settings !== null &&
      Object.values(settings).some((value) => value !== null && value !== undefined));
}

/**
 * Superdesk's schema rule `groups: {minlength: 1}`, for users only (not in our schema: spiking a
 * package stores it with no groups, as Superdesk's backend write does).
 */
function refuseEmptyGroups(doc: Doc): void {
  if (Array.isArray(doc.groups) && doc.groups.length === 0) {
    throw new ValidationError({ groups: ruleIssue("minlength") });
  }
}

/**
 * Superdesk's `extract_default_association_data`: an item ref gets its item's `guid` and `type`
 * (the item must exist, and `actor` may see it); on a save, the item may not hold the package
 * (`pkg`).
 */
async function describeRef(
  archive: ArchiveService,
  ref: Doc,
  { actor, pkg }: { actor: Actor; pkg?: Doc },
): Promise<void> {
  if (ref.idRef) return;
  const item = await referencedItem(archive, ref, actor);
  if (pkg) await checkCircularReference(archive, pkg, ref.residRef);
  ref.guid = item.guid ?? ref.residRef;
  ref.type = item.type;
}
