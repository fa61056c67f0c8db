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
 * be refused stops before any item is published (`package_publish.ts`).
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
  if (kind === "publish") {
    await collectErrors(context, next, {
      kind,
      errors,
      seen: new Set([String(next._id)]),
      lockUser,
      actor,
    });
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
      if (actor && !(await context.archive.findOne({ _id: ref.residRef }, actor))) {
        errors.push(`Package item with id: ${ref.residRef} does not exist.`);
        continue;
      }
      memberErrors(item, state, errors);
    }
    if (state === "published" || state === "corrected") continue;
    const result = await context.validator.validate({
      act: kind,
      type: String(item.type ?? "text"),
      item,
    });
    for (const error of result?.errors ?? []) {
      errors.push(`Associated item ${item.slugline ?? ""} ${item.headline ?? item._id}: ${error}`);
    }
  }
}

/** What the item's own publish would refuse (`publish_action.ts`), in its messages. */
function memberErrors(item: Doc, state: string, errors: string[]) {
  const name = item.headline ?? item._id;
  if (!PUBLISH_RULES.publish.from.includes(state) && state !== "spiked") {
    errors.push(`${name}: Can't publish as item state is ${state}`);
  }
  if ((item.flags as Doc | undefined)?.marked_for_not_publication === true) {
    errors.push(`${name}: Cannot publish an item which is marked as Not for Publication`);
  }
}
