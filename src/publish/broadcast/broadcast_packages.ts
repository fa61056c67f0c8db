/**
 * A published broadcast killed (taken down) with its master story leaves the packages holding it
 * first (Superdesk's `kill_broadcast`, `remove_group_ref`): its refs are dropped from every group
 * (empty groups stay, the root keeps a ref to each). A published or corrected package is
 * corrected without it, or, left with no item, killed (taken down) with the action's body; any
 * other package is saved without it as a new version (in the state a save leaves, a submitted
 * package `in_progress`); a recalled package is left alone. A
 * package inside a package is not followed (Superdesk's descent into sub-packages is not done).
 */
import type { Actor } from "../../resources/actor.ts";
import { type Doc, isDoc } from "../../storage/document_store.ts";
import { groupsOf, itemRefsOf, ROOT_GROUP } from "../../newsroom/package_groups.ts";
import { stateAfterSave } from "../../newsroom/item_state.ts";
import { relinkMembers } from "../../newsroom/package_links.ts";
import { packagesHolding } from "../package_follow.ts";
import { type PublishContext, publishItem } from "../publish_action.ts";

/** Takes broadcast `item` out of its packages before its `kind` action. */
export async function leavePackages(
  context: PublishContext,
  kind: "kill" | "takedown",
  item: Doc,
  { actor, body }: { actor: Actor; body: unknown },
): Promise<void> {
  const id = String(item._id);
  for (const packageId of packagesHolding(item)) {
    const pkg = await context.archive.findOne({ _id: packageId });
    if (!pkg || pkg.type !== "composite" || pkg.state === "recalled") continue;
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
