/**
 * A broadcast's `broadcast.status`: what became of its master story since the broadcast was
 * last saved or published (Superdesk's `on_broadcast_master_updated`, `remove_rewrite_refs` and
 * `reset_broadcast_status`). Status changes are written without a new version, as Superdesk's
 * `system_update` writes them, to the item and, once it has gone out, to its published copies.
 */
import type { Logger } from "../../log.ts";
import type { ArchiveService } from "../../newsroom/archive_service.ts";
import type { Doc } from "../../storage/document_store.ts";
import type { PublishedService } from "../published_service.ts";
import { PUBLISHED_STATES } from "../publish_workflow.ts";
import { BROADCAST_GENRE, isBroadcast } from "./broadcast_genre.ts";

/** What happened to a master story. */
export type MasterEvent = "publish" | "correct" | "rewrite";

/** The status each event gives the story's broadcasts (Superdesk's words). */
const STATUS: Readonly<Record<MasterEvent, string>> = {
  publish: "Master Story Published",
  correct: "Master Story Corrected",
  rewrite: "Master Story Re-written",
};

/** States in which a broadcast has published copies to keep in step (Superdesk's list). */
const WITH_COPIES = new Set(["published", "corrected", "killed", "recalled"]);

/** How often a status write is tried again after a concurrent change of the broadcast. */
const ATTEMPTS = 5;

/** What the status writes need. */
export interface StatusContext {
  archive: ArchiveService;
  published: PublishedService;
  log: Logger;
}

/**
 * Whether `story` (as it was before an action) may have broadcasts: only a story that has gone
 * out has any (a broadcast is made of a published or corrected one), so most actions, on stories
 * that never went out, need not look for them.
 */
export function mayHaveBroadcasts(story: Doc): boolean {
  return Boolean(story.firstpublished) || PUBLISHED_STATES.has(String(story.state)) ||
    story.state === "correction";
}

/** The broadcasts of story `masterId` (Superdesk's `_get_broadcast_items`), optionally filtered. */
export function broadcastsOf(
  archive: ArchiveService,
  masterId: string,
  filter: Doc = {},
): Promise<Doc[]> {
  return archive.broadcastsOf(masterId, { "genre.name": BROADCAST_GENRE, ...filter });
}

/**
 * The broadcasts of `master` that nobody has locked get the status of `event`; a rewrite also
 * gives them its id (`rewriteId`) unless they have one.
 */
export async function masterUpdated(
  context: StatusContext,
  event: MasterEvent,
  master: Doc,
  { rewriteId }: { rewriteId?: string } = {},
): Promise<void> {
  if (isBroadcast(master)) return;
  for (const item of await broadcastsOf(context.archive, String(master._id))) {
    await changeBroadcast(context, item, (broadcast) => ({
      ...broadcast,
      status: STATUS[event],
      rewrite_id: broadcast.rewrite_id || rewriteId || null,
    }), { skipLocked: true });
  }
}

/**
 * A rewrite spiked before it went out: the broadcasts of its story forget it (and a
 * "Re-written" status). Superdesk finds them by `rewrite_id` alone; a broadcast's rewrite is
 * always a rewrite of its master, so they are among the master's.
 */
export async function rewriteRemoved(context: StatusContext, rewrite: Doc): Promise<void> {
  if (isBroadcast(rewrite) || typeof rewrite.rewrite_of !== "string") return;
  const items = await broadcastsOf(context.archive, rewrite.rewrite_of, {
    "broadcast.rewrite_id": String(rewrite._id),
  });
  for (const item of items) {
    await changeBroadcast(context, item, (broadcast) => ({
      ...broadcast,
      rewrite_id: null,
      status: String(broadcast.status ?? "").includes("Re-written") ? "" : broadcast.status,
    }));
  }
}

/**
 * A broadcast saved or published by a user has caught up with its master: a save's or an
 * action's `updates` clear its status (in the same version).
 */
export function clearStatus(updates: Doc, original: Doc): void {
  const broadcast = original.broadcast as Doc | null | undefined;
  if (broadcast?.status) updates.broadcast = { ...broadcast, status: "" };
}

/**
 * A broadcast's action cleared its status (`clearStatus`): its earlier published copies follow,
 * as Superdesk's `reset_broadcast_status` writes every copy.
 */
export async function copiesCleared(context: StatusContext, stored: Doc): Promise<void> {
  const id = String(stored._id);
  try {
    await changeCopies(context, id, stored.broadcast as Doc);
  } catch (error) {
    context.log.error("Failed to clear the status of a broadcast's copies", {
      item: id,
      error: String(error),
    });
  }
}

/**
 * Writes `change(broadcast)` on broadcast `item` (read again after a concurrent write) and on
 * its published copies; a failure is logged and leaves the other broadcasts to go on.
 * `skipLocked` leaves a broadcast someone has locked, also one locked since it was read: the
 * write would change the etag the lock gave its editor.
 */
async function changeBroadcast(
  context: StatusContext,
  item: Doc,
  change: (broadcast: Doc) => Doc,
  { skipLocked = false }: { skipLocked?: boolean } = {},
): Promise<void> {
  const id = String(item._id);
  try {
    let current: Doc | null = item;
    for (let attempt = 1; current && attempt <= ATTEMPTS; attempt++) {
      if (skipLocked && current.lock_user) return;
      const broadcast = change((current.broadcast ?? {}) as Doc);
      if (await context.archive.writeUnversioned(current, { broadcast })) {
        if (WITH_COPIES.has(String(current.state))) await changeCopies(context, id, broadcast);
        return;
      }
      current = await context.archive.findOne({ _id: id });
    }
    if (current) throw new Error("the item kept changing");
  } catch (error) {
    context.log.error("Failed to update the status of a broadcast", {
      item: id,
      error: String(error),
    });
  }
}

async function changeCopies(context: StatusContext, id: string, broadcast: Doc): Promise<void> {
  const copies = await context.published.copiesOf(id);
  await context.published.transitionAll(
    copies.map((copy) => ({ id: String(copy._id), expect: {}, set: { broadcast } })),
  );
}
