/**
 * The links between a story and its update outside the update itself: the story and its
 * published copies name the update (`rewritten_by`, Superdesk's `_add_rewritten_flag`), and
 * spiking either side removes the other side's link (Superdesk's `ArchiveSpikeService.
 * update_rewrite`: a spiked update frees its story to be updated again, a spiked story leaves
 * its update standing alone). Links are written without a new version, as Superdesk's
 * `system_update`, with compare-and-set so a concurrent edit is neither lost nor overwritten.
 */
import { BadRequestError, NotFoundError } from "../errors.ts";
import { PreconditionFailedError } from "../newsroom/precondition_failed.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { ItemHooks } from "../newsroom/item_hooks.ts";
import type { PublishedService } from "./published_service.ts";

const ATTEMPTS = 5;

/** States the `rewrite` action may not start from (Superdesk's workflow action). */
export const NOT_REWRITABLE: ReadonlySet<string> = new Set(["killed", "spiked", "scheduled"]);

/** The stores the links live in. */
export interface LinkStores {
  archive: ArchiveService;
  published: PublishedService;
}

/**
 * Story `original` (and its published copies) now names `update`. When another update got
 * there first, or the story was spiked, killed, scheduled or removed meanwhile (its own hooks ran
 * before it named the update, so would not unlink it), `undo` takes this one back and the answer
 * is Superdesk's refusal.
 */
export async function linkStory(
  { archive, published }: LinkStores,
  original: Doc,
  update: Doc,
  { undo }: { undo: () => Promise<void> },
): Promise<void> {
  const updateId = String(update._id);
  let refusal: Error = new NotFoundError("Cannot find the article");
  const linked = await writeLink(archive, String(original._id), (story) => {
    if (story.rewritten_by && story.rewritten_by !== updateId) {
      refusal = new BadRequestError("Article has been rewritten before !");
    } else if (NOT_REWRITABLE.has(String(story.state))) {
      refusal = new PreconditionFailedError("Workflow transition is invalid.");
    } else return { rewritten_by: updateId };
    return "refused";
  });
  if (linked === "refused") {
    await undo();
    throw refusal;
  }
  await setOnCopies(published, String(original._id), { rewritten_by: updateId });
  // An update spiked meanwhile ran its hooks before the story named it: the story is freed here.
  const current = await archive.findOne({ _id: updateId }, SYSTEM_ACTOR);
  if (current?.rewrite_of !== original._id) {
    await unlinkStory({ archive, published }, String(original._id), updateId);
    throw new PreconditionFailedError("Workflow transition is invalid.");
  }
}

/**
 * Story `storyId` and its published copies no longer name update `updateId`; the story's history
 * records the unlink (Superdesk's `clear_rewritten_flag`), by `user` when a user acted.
 */
export async function unlinkStory(
  { archive, published }: LinkStores,
  storyId: string,
  updateId: string,
  user?: string,
) {
  const story = await writeLink(
    archive,
    storyId,
    (story) => story.rewritten_by === updateId ? { rewritten_by: null } : "refused",
  );
  await setOnCopies(published, storyId, { rewritten_by: null }, { rewritten_by: updateId });
  if (story === "refused") return;
  const updates = { rewritten_by: null };
  await archive.signals.emit("item:operation", { item: story, operation: "unlink", updates, user });
}

/**
 * Update `updateId` no longer names story `storyId`: `restore` is written back (what linking
 * changed), if it still names the story.
 */
export async function unlinkUpdate(
  archive: ArchiveService,
  { updateId, storyId, restore }: { updateId: string; storyId: string; restore: Doc },
): Promise<void> {
  await writeLink(
    archive,
    updateId,
    (update) => update.rewrite_of === storyId ? restore : "refused",
  );
}

/** The hooks that unlink a spiked item's story or update. */
export function rewriteSpikeHooks(stores: LinkStores): ItemHooks {
  return {
    async afterSpike(item, original) {
      const id = String(original._id);
      if (typeof original.rewrite_of === "string" && original.rewrite_of) {
        const user = typeof item.version_creator === "string" ? item.version_creator : undefined;
        await unlinkStory(stores, original.rewrite_of, id, user);
      }
      if (typeof original.rewritten_by === "string" && original.rewritten_by) {
        await writeLink(
          stores.archive,
          original.rewritten_by,
          (update) =>
            update.rewrite_of === id ? { rewrite_of: null, rewrite_sequence: 0 } : "refused",
        );
      }
    },
  };
}

/**
 * Writes `change(item)` on archive item `id` unversioned, retried when the item changes in
 * between; `"refused"` (written nothing) when `change` refuses, or the item is gone.
 */
export async function writeLink(
  archive: ArchiveService,
  id: string,
  change: (item: Doc) => Doc | "refused",
): Promise<Doc | "refused"> {
  for (let attempt = 1;; attempt++) {
    const current = await archive.findOne({ _id: id }, SYSTEM_ACTOR);
    if (!current) return "refused";
    const set = change(current);
    if (set === "refused") return set;
    const written = await archive.writeUnversioned(current, set);
    if (written) return written;
    if (attempt >= ATTEMPTS) throw new Error(`item ${id} kept changing while it was linked`);
  }
}

/** Sets `set` on the published copies of item `itemId` (those matching `expect`). */
async function setOnCopies(published: PublishedService, itemId: string, set: Doc, expect = {}) {
  const copies = await published.copiesOf(itemId, expect);
  if (copies.length === 0) return;
  await published.transitionAll(copies.map((copy) => ({ id: String(copy._id), expect, set })));
}
