/**
 * The checks publishing a package makes of the items it holds (Superdesk's
 * `BasePublishService._validate_associated_items` for a package and `_publish_package_items`):
 * no item (at any depth of the packages it holds) may be killed, recalled, spiked, or scheduled
 * while the package is not, nor carry an embargo, and those not yet published must pass their
 * validators for the action; then an empty package is refused. Failures come back together as
 * Superdesk's `ValidationError` of a list (`"['Item cannot contain associated spiked item.']"`).
 */
import { BadRequestError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { itemRefsOf } from "../newsroom/package_groups.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ItemValidator } from "./item_validator.ts";
import { publishRefusal, pythonString } from "./publish_errors.ts";
import { utcPublishSchedule } from "./item_schedule.ts";

/** What the check reads. */
export interface PackageCheckContext {
  archive: ArchiveService;
  validator: ItemValidator;
}

/** Refuses publishing `pkg` (as `next`, with the action's updates) when its items do not allow it. */
export async function checkPackageItems(
  context: PackageCheckContext,
  kind: string,
  next: Doc,
): Promise<void> {
  if (next.type !== "composite" || kind !== "publish") return;
  const errors: string[] = [];
  await collectErrors(context, next, { kind, errors, seen: new Set([String(next._id)]) });
  if (errors.length > 0) {
    throw new BadRequestError(errors.join("; "), {
      issues: { "validator exception": `[${errors.map(pythonString).join(", ")}]` },
    });
  }
  if (itemRefsOf(next).length === 0) throw publishRefusal("Empty package cannot be published!");
}

async function collectErrors(
  context: PackageCheckContext,
  pkg: Doc,
  { kind, errors, seen }: { kind: string; errors: string[]; seen: Set<string> },
): Promise<void> {
  const schedule = utcPublishSchedule(pkg);
  for (const ref of itemRefsOf(pkg)) {
    if (typeof ref.residRef !== "string" || seen.has(ref.residRef)) continue;
    seen.add(ref.residRef);
    const item = await context.archive.findOne({ _id: ref.residRef });
    if (!item) continue;
    if (item.type === "composite") await collectErrors(context, item, { kind, errors, seen });
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
