/**
 * The retried task behind a package's follow-up (`package_follow.ts`): a minute after an item's
 * publishing action, it corrects the published packages holding the item whose refs do not carry
 * its version yet (the action's own follow-up failed or never ran). An action that has not
 * reached the archive by then failed (as the enqueue step judges), and there is nothing to do.
 */
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import {
  type CorrectPackage,
  followItem,
  PACKAGE_FOLLOW_TASK,
  type PackageFollowArgs,
  packagesHolding,
} from "./package_follow.ts";

/** The task, correcting through `correct` (the module's package correction, as the system). */
export function createPackageFollowTask(archive: ArchiveService, correct: CorrectPackage) {
  return defineTask<PackageFollowArgs>({
    name: PACKAGE_FOLLOW_TASK,
    queue: "publish",
    async handler(args) {
      const item = await archive.findOne({ _id: args.item_id });
      if (!item || Number(item._current_version) < args.version) return;
      for (const id of packagesHolding(item, args.published_in_package)) {
        await followItem(archive, correct, { id, item, actor: SYSTEM_ACTOR });
      }
    },
  });
}
