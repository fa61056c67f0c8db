/**
 * A published broadcast killed (taken down) with its master story leaves the packages holding it
 * first (Superdesk's `kill_broadcast`, `remove_group_ref`): its refs are dropped from every group
 * (empty groups stay, the root keeps a ref to each). A published or corrected package is
 * corrected without it, or, left with no item, killed (taken down) with the action's body; any
 * other package is saved without it as a new version (in the state a save leaves, a submitted
 * package `in_progress`); a killed or recalled package is left alone. A package inside a package
 * is not followed (Superdesk's descent into sub-packages is not done). Each package goes on its
 * own, read again when another write lands in between; one that cannot be changed (a spiked
 * package, a correction refused) is logged and left, and the others are still done (Superdesk's
 * `kill_broadcast`); the broadcast's kill then refuses it if that package is live.
 */
import { EtagMismatchError } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import type { Actor } from "../../resources/actor.ts";
import { type Doc, isDoc } from "../../storage/document_store.ts";
import { groupsOf, itemRefsOf, ROOT_GROUP } from "../../newsroom/package_groups.ts";
import { IMMUTABLE_STATES, stateAfterSave } from "../../newsroom/item_state.ts";
import { relinkMembers } from "../../newsroom/package_links.ts";
import { packagesHolding } from "../package_follow.ts";
import { type PublishContext, publishItem } from "../publish_action.ts";

/** How often a package is read again after a concurrent write. */
const ATTEMPTS = 5;

/** Takes broadcast `item` out of its packages before its `kind` action. */
export async function leavePackages(
  context: PublishContext,
  kind: "kill" | "takedown",
  item: Doc,
  { actor, body, log }: { actor: Actor; body: unknown; log: Logger },
): Promise<void> {
  const id = String(item._id);
  for (const packageId of packagesHolding(item)) {
    for (let attempt = 1;; attempt++) {
      try {
        await leavePackage(context, kind, packageId, id, { actor, body });
        break;
      } catch (error) {
        if (error instanceof EtagMismatchError && attempt < ATTEMPTS) continue;
        log.error("Failed to remove a killed broadcast from a package", {
          item: id,
          package: packageId,
          error: String(error),
        });
        break;
      }
    }
  }
}

/** Takes broadcast `id` out of package `packageId` as it is now. */
async function leavePackage(
  context: PublishContext,
  kind: "kill" | "takedown",
  packageId: string,
  id: string,
  { actor, body }: { actor: Actor; body: unknown },
): Promise<void> {
  const pkg = await context.archive.findOne({ _id: packageId });
  if (!pkg || pkg.type !== "composite" || IMMUTABLE_STATES.has(String(pkg.state))) return;
  const groups = withoutRef(pkg, id);
  if (pkg.state === "published" || pkg.state === "corrected") {
    const emptied = itemRefsOf({ groups }).length === 0;
    const updates: Doc = emptied
      ? { groups, body_html: typeof body === "string" ? body : "" }
      : { groups };
    await publishItem(context, emptied ? kind : "correct", packageId, { actor, updates });
  } else {
    // As a save (Superdesk patches the archive): the state a save leaves.
    const task = isDoc(pkg.task) ? pkg.task : {};
    const state = stateAfterSave(String(pkg.state), { onDesk: Boolean(task.desk) });
    await context.archive.update(packageId, { groups, state }, {
      etag: String(pkg._etag),
      actor,
    });
  }
  // The broadcast is no longer in it (the actions above are the system's: no save hooks).
  await relinkMembers(context.archive, pkg, { groups });
}

/** `pkg`'s groups without the refs to `id`, the root referring to every other group. */
function withoutRef(pkg: Doc, id: string): Doc[] {
  const groups: Doc[] = groupsOf(pkg).map((group) => ({
    ...group,
    refs: (Array.isArray(group.refs) ? group.refs : []).filter((ref: unknown) =>
      !isDoc(ref) || (ref.guid !== id && ref.residRef !== id)
    ),
  }));
  const root = groups.find((group) => group.id === ROOT_GROUP);
  if (root) {
    root.refs = groups.filter((group) => group.id !== ROOT_GROUP).map((group) => ({
      idRef: group.id,
    }));
  }
  return groups;
}
