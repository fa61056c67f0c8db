/**
 * The checks publishing a package makes of the items it holds (Superdesk's
 * `BasePublishService._validate_associated_items` for a package and `_publish_package_items`):
 * no item (at any depth of the packages it holds) may be killed, recalled, spiked, or scheduled
 * while the package is not, nor carry an embargo, and those not yet published must pass their
 * validators for the action, nor (with `PUBLISH_ASSOCIATED_ITEMS`) be locked; then an empty
 * package is refused (a correction that empties it with the others, as Superdesk's
 * `_validate_package`). Failures come back together as Superdesk's `ValidationError` of a list
 * (`"['Item cannot contain associated spiked item.']"`). Unpublished items are also judged as their
 * own publish will judge them (workflow state, not for publication, visible to the user), so a package whose item would
 * be refused stops before any item is published (`package_publish.ts`). A correction or kill of
 * a package publishes the items added to it that have not gone out (Superdesk's
 * `_publish_package_items` publishes them through `archive_publish`): each is judged as its
 * publish will judge it (its validators for `publish`, an inner package with a publish's
 * checks), before anything is written.
 */
import { BadRequestError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { itemRefsOf } from "../newsroom/package_groups.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ItemValidator } from "./item_validator.ts";
import { publishRefusal, pythonString } from "./publish_errors.ts";
import { utcPublishSchedule } from "./item_schedule.ts";
import { PUBLISH_RULES, PUBLISHED_STATES } from "./publish_workflow.ts";

/** What the check reads. */
export interface PackageCheckContext {
  archive: ArchiveService;
  validator: ItemValidator;
  /** `PUBLISH_ASSOCIATED_ITEMS`: locked items are refused. */
  publishAssociatedItems?: boolean;
}

/** Refuses publishing `pkg` (as `next`, with the action's updates) when its items do not allow it. */
export async function checkPackageItems(
  context: PackageCheckContext,
  kind: string,
  next: Doc,
  { lockUser, actor }: { lockUser?: unknown; actor?: Actor } = {},
): Promise<void> {
  if (next.type !== "composite") return;
  const errors: string[] = [];
  if (kind === "correct" && itemRefsOf(next).length === 0) {
    errors.push("Corrected package cannot be empty!");
  }
  const seen = new Set([String(next._id)]);
  if (kind === "publish") {
    await collectErrors(context, next, { kind, errors, seen, lockUser, actor });
  } else {
    await collectUnpublishedErrors(context, next, { errors, seen, actor });
  }
  if (errors.length > 0) {
    throw new BadRequestError(errors.join("; "), {
      issues: { "validator exception": `[${errors.map(pythonString).join(", ")}]` },
    });
  }
  if (kind === "publish" && itemRefsOf(next).length === 0) {
    throw publishRefusal("Empty package cannot be published!");
  }
}

async function collectErrors(
  context: PackageCheckContext,
  pkg: Doc,
  { kind, errors, seen, lockUser, actor }: {
    kind: string;
    errors: string[];
    seen: Set<string>;
    lockUser: unknown;
    /** Who publishes: an item they cannot open is not published for them. */
    actor?: Actor;
  },
): Promise<void> {
  const schedule = utcPublishSchedule(pkg);
  for (const ref of itemRefsOf(pkg)) {
    if (typeof ref.residRef !== "string" || seen.has(ref.residRef)) continue;
    seen.add(ref.residRef);
    const item = await context.archive.findOne({ _id: ref.residRef });
    if (!item) continue;
    if (item.type === "composite") {
      await collectErrors(context, item, { kind, errors, seen, lockUser: item.lock_user, actor });
    }
    const state = String(item.state ?? "published");
    if (
      ["killed", "recalled", "spiked"].includes(state) || (state === "scheduled" && !schedule)
    ) {
      errors.push(`Item cannot contain associated ${state} item.`);
    } else if (state === "scheduled" && schedule) {
      const itemSchedule = utcPublishSchedule(item);
      if (itemSchedule && schedule < itemSchedule) {
        errors.push("Associated item is scheduled later than current item.");
      }
    }
    if (item.embargo) errors.push("Item cannot have associated items with Embargo");
    if (context.publishAssociatedItems && item.lock_user) {
      const name = item.headline ?? item._id;
      errors.push(
        String(item.lock_user) === String(lockUser ?? "")
          ? `${name}: packaged item is locked by you. Unlock it and try again`
          : `${name}: packaged item is locked by another user`,
      );
    }
    if (!PUBLISHED_STATES.has(state)) {
      // Its own publish opens it as the user (`publish_action.ts`): refused now, not half-way.
      if (!(await visibleTo(context, item, actor))) {
        errors.push(`Package item with id: ${ref.residRef} does not exist.`);
        continue;
      }
      memberErrors(item, state, errors);
    }
    if (state === "published" || state === "corrected") continue;
    await validatorErrors(context, kind, item, errors);
  }
}

/**
 * The errors of the items of `pkg` (a package corrected or killed) its action publishes: those
 * that have not gone out, each judged as its own publish (`publishPackageItems`).
 */
async function collectUnpublishedErrors(
  context: PackageCheckContext,
  pkg: Doc,
  { errors, seen, actor }: { errors: string[]; seen: Set<string>; actor?: Actor },
): Promise<void> {
  for (const ref of itemRefsOf(pkg)) {
    const id = ref.residRef;
    if (typeof id !== "string" || (ref.location ?? "archive") !== "archive" || seen.has(id)) {
      continue;
    }
    seen.add(id);
    const item = await context.archive.findOne({ _id: id });
    const state = String(item?.state ?? "published");
    if (item && PUBLISHED_STATES.has(state)) continue;
    if (!item || !(await visibleTo(context, item, actor))) {
      errors.push(`Package item with id: ${id} does not exist.`);
      continue;
    }
    if (item.type === "composite") {
      await collectErrors(context, item, {
        kind: "publish",
        errors,
        seen,
        lockUser: item.lock_user,
        actor,
      });
      if (itemRefsOf(item).length === 0) errors.push("Empty package cannot be published!");
    }
    memberErrors(item, state, errors, { spiked: true });
    await validatorErrors(context, "publish", item, errors);
  }
}

/** Whether `actor` (any when absent) may open `item`, as its own publish opens it. */
async function visibleTo(context: PackageCheckContext, item: Doc, actor?: Actor) {
  return !actor || Boolean(await context.archive.findOne({ _id: item._id }, actor));
}

/** The item's validators' errors for `act`, as a package reports them. */
async function validatorErrors(
  context: PackageCheckContext,
  act: string,
  item: Doc,
  errors: string[],
) {
  const result = await context.validator.validate({
    act,
    type: String(item.type ?? "text"),
    item,
  });
  for (const error of result?.errors ?? []) {
    errors.push(`Associated item ${item.slugline ?? ""} ${item.headline ?? item._id}: ${error}`);
  }
}

/**
 * What the item's own publish would refuse (`publish_action.ts`), in its messages; a spiked item
 * only with `spiked` (a package's publish names it among its associated items' states).
 */
function memberErrors(item: Doc, state: string, errors: string[], { spiked = false } = {}) {
  const name = item.headline ?? item._id;
  if (!PUBLISH_RULES.publish.from.includes(state) && (spiked || state !== "spiked")) {
    errors.push(`${name}: Can't publish as item state is ${state}`);
  }
  if ((item.flags as Doc | undefined)?.marked_for_not_publication === true) {
    errors.push(`${name}: Cannot publish an item which is marked as Not for Publication`);
  }
}
