/**
 * Unlinking an update from the story it updates (`DELETE /api/archive/<id>/rewrite`,
 * Superdesk's `ArchiveRewriteService.delete`): the story and its published copies no longer name
 * the update, and, as a spike does (Superdesk's `update_rewrite`), an update of the unlinked item
 * no longer names it; the item loses `rewrite_of`, its take key, `rewrite_sequence` and
 * `sequence`, and starts a new event. The story side is unlinked first, so a request that fails
 * half-way can be repeated; of two at once, the second finds nothing to unlink (400).
 */
import { BadRequestError, NotFoundError } from "../errors.ts";
import { newEventId } from "../newsroom/archive_new_item.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import { type LinkStores, unlinkStory, writeLink } from "./rewrite_links.ts";

const NOT_AN_UPDATE = "Only updates can be unlinked!";

/** Unlinks update `id` from its story; returns the item as stored. */
export async function unlinkRewrite(stores: LinkStores, id: string, actor: Actor): Promise<Doc> {
  const { archive } = stores;
  const target = await archive.findOne({ _id: id }, actor);
  if (!target) throw new NotFoundError(`Cannot find the article "${id}"`);
  const storyId = target.rewrite_of;
  if (typeof storyId !== "string" || !storyId) throw new BadRequestError(NOT_AN_UPDATE);
  await unlinkStory(stores, storyId, id, actor.userId);
  if (typeof target.rewritten_by === "string" && target.rewritten_by) {
    await writeLink(
      archive,
      target.rewritten_by,
      (update) => update.rewrite_of === id ? { rewrite_of: null, rewrite_sequence: 0 } : "refused",
    );
  }
  let updates: Doc = {};
  const written = await writeLink(archive, id, (item) => {
    if (item.rewrite_of !== storyId) return "refused";
    updates = { rewrite_of: null, event_id: newEventId() };
    for (const field of ["anpa_take_key", "rewrite_sequence", "sequence"]) {
      if (item[field]) updates[field] = null;
    }
    return updates;
  });
  if (written === "refused") throw new BadRequestError(NOT_AN_UPDATE);
  const user = actor.userId ?? null;
  await archive.notify("item:unlink", { item: id, user });
  await archive.signals.emit("item:operation", {
    item: written,
    operation: "unlink",
    updates,
    user: actor.userId,
  });
  return written;
}
