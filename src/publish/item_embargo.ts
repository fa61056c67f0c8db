/**
 * An item's embargo as Superdesk's archive keeps it (`update_schedule_settings` and
 * `validate_embargo` in apps/archive): a new item, or a user's save, that touches `embargo` or
 * `schedule_settings` gets `schedule_settings.utc_embargo`, the embargo's wall-clock time read in
 * `schedule_settings.time_zone` (as given, and `time_zone: null`, without one); the embargo must
 * lie ahead, and excludes a publish schedule and rewrites; a package has none, nor may it hold an
 * embargoed item. The publishing actions keep the settings themselves (`publish_action.ts`).
 */
import { BadRequestError } from "../errors.ts";
import { epochMs } from "../epoch_ms.ts";
import { LoopTurns } from "../loop_turns.ts";
import { fromWallMs, isTimeZone } from "../content/wall_clock.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { ItemHooks } from "../newsroom/item_hooks.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** States in which an item may keep an embargo that has passed. */
const PAST_EMBARGO_STATES = new Set(["killed", "recalled", "scheduled"]);

/** The hooks keeping and checking items' embargoes. */
export function embargoHooks(registry: ResourceRegistry): ItemHooks {
  const archive = () => registry.service<ArchiveService>("archive");
  return {
    async beforeCreate(item) {
      if ("embargo" in item || "schedule_settings" in item) {
        item.schedule_settings = embargoSettings(item);
      }
      await validateEmbargo(archive(), item);
    },
    async beforeSave(updates, original) {
      const updated: Doc = { ...original, ...updates };
      if ("schedule_settings" in updates) {
        updated.schedule_settings = {
          ...(original.schedule_settings as Doc | undefined),
          ...(updates.schedule_settings as Doc | null),
        };
      }
      updated.schedule_settings = embargoSettings(updated);
      await validateEmbargo(archive(), updated);
      if ("embargo" in updates || "schedule_settings" in updates) {
        updates.schedule_settings = updated.schedule_settings;
      }
    },
  };
}

/** `item`'s schedule settings with `utc_embargo` (and `time_zone: null` without a zone). */
function embargoSettings(item: Doc): Doc {
  const settings: Doc = { ...(item.schedule_settings as Doc | null | undefined) };
  settings.utc_embargo = utcEmbargo(item);
  settings.time_zone ||= null;
  return settings;
}

/**
 * The instant of `item`'s embargo (Superdesk's `local_to_utc`): its wall-clock time read in
 * `schedule_settings.time_zone` when there is one; null without an embargo.
 */
export function utcEmbargo(item: Doc): Date | null {
  if (item.embargo == null) return null;
  const embargo = epochMs(item.embargo);
  if (Number.isNaN(embargo)) throw new BadRequestError("embargo date is not recognized");
  const zone = (item.schedule_settings as Doc | null | undefined)?.time_zone;
  if (!zone) return new Date(embargo);
  if (!isTimeZone(zone)) throw new BadRequestError(`Unknown time zone: ${zone}`);
  return new Date(fromWallMs(embargo, zone));
}

/** Superdesk's `validate_embargo` on the item as it would be stored (with its `utc_embargo`). */
export async function validateEmbargo(archive: ArchiveService, item: Doc): Promise<void> {
  if (item.type !== "composite") {
    const embargo = epochMs((item.schedule_settings as Doc | undefined)?.utc_embargo);
    if (!("embargo" in item) || Number.isNaN(embargo)) return;
    if (item.publish_schedule || item.state === "scheduled") {
      throw new BadRequestError("An item can't have both Publish Schedule and Embargo");
    }
    if (!PAST_EMBARGO_STATES.has(String(item.state)) && embargo <= Date.now()) {
      throw new BadRequestError("Embargo cannot be earlier than now");
    }
    if (item.rewrite_of) throw new BadRequestError("Rewrites doesn't support Embargo");
  } else if (!item.package_type) {
    if (item.embargo) throw new BadRequestError("A Package doesn't support Embargo");
    await refuseEmbargoedMembers(archive, item);
  }
}

/**
 * 400 when an item of `pkg` (or of a package in it, at any depth) has an embargo; each package
 * is read once, so packages that hold each other (or themselves) end the walk.
 */
async function refuseEmbargoedMembers(
  archive: ArchiveService,
  pkg: Doc,
  seen = new Set<string>([String(pkg._id)]),
): Promise<void> {
  const turns = new LoopTurns();
  for (const group of (pkg.groups ?? []) as Doc[]) {
    for (const ref of (group.refs ?? []) as Doc[]) {
      await turns.step();
      if (typeof ref.residRef !== "string" || seen.has(ref.residRef)) continue;
      seen.add(ref.residRef);
      const member = await archive.findOne({ _id: ref.residRef });
      if (!member) continue;
      if (member.embargo) {
        throw new BadRequestError(
          "Package can't have item which has embargo. Slugline/Unique Name of the item having " +
            `embargo: ${member.slugline}/${member.unique_name}`,
        );
      }
      if (member.type === "composite") await refuseEmbargoedMembers(archive, member, seen);
    }
  }
}
