/**
 * Copying a content item to one's personal space (Superdesk's `CopyService`,
 * `apps/duplication/archive_copy.py`): a copy by the duplicate's code, in the same state, with
 * the source's versions, in the caller's personal space; the copy of an item on a desk is the
 * caller's (`original_creator`). Refused for spiked, killed and recalled items (412); with
 * `WORKFLOW_ALLOW_COPY_TO_PERSONAL` off, items on a desk are refused (412, "Copy is not allowed
 * on items in a desk.") and only drafts may be copied (Superdesk's `copy` workflow action then
 * includes the draft state only). Pushes `item:copy`.
 */
import { NotFoundError } from "../errors.ts";
import { copyItem } from "../ingest/duplicate_item.ts";
import type { Actor } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { PreconditionFailedError } from "../newsroom/precondition_failed.ts";

const REFUSED_STATES = new Set(["spiked", "killed", "recalled"]);

/** Copies archive item `id` for `actor`; returns the copy. */
export async function copyToPersonal(ctx: ServiceContext, id: string, actor: Actor): Promise<Doc> {
  const source = await ctx.registry.service("archive").findOne({ _id: id }, actor);
  if (!source) throw new NotFoundError(`Failed to find item with guid: ${id}`);
  const onDesk = Boolean((source.task as Doc | undefined)?.desk);
  const allowed = ctx.config.allowCopyToPersonal;
  if (onDesk && !allowed) {
    throw new PreconditionFailedError("Copy is not allowed on items in a desk.");
  }
  if (allowed ? REFUSED_STATES.has(String(source.state)) : source.state !== "draft") {
    throw new PreconditionFailedError("Workflow transition is invalid.");
  }
  const copy = await copyItem({ registry: ctx.registry, documents: ctx.documents }, source, {
    actor,
    state: String(source.state),
    extra: {
      // Superdesk's copy keeps the creator unless the item leaves a desk for the caller's space.
      original_creator: onDesk ? actor.userId ?? null : source.original_creator ?? null,
      // In the caller's personal space: our items always name their user (Superdesk's copy
      // of a desk item has an empty task, ours `{user: <caller>}`; README "Content").
      task: { user: actor.userId ?? null },
    },
  });
  await ctx.notify("item:copy", { copied: 1, user: actor.userId ?? "" });
  return copy;
}
