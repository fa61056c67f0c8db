/**
 * The `archived` repository (Superdesk's `ArchivedService`): published copies moved out of
 * production, each also addressed as `<item_id>:<version>` (`archived_id`); a package's item
 * references point to `archived` (Superdesk's `on_create`). A DELETE only checks
 * whether the copy may be killed there and removes nothing, as Superdesk's (its `delete` is a
 * no-op); a PATCH with `operation` `kill` or `takedown` kills the story (`archived_kill.ts`).
 */
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { WriteOptions } from "../resources/resource_service.ts";
import type { Doc, Filter, Projection } from "../storage/document_store.ts";
import { andFilters, hiddenStagesFilter } from "./hidden_stages.ts";
import { HiddenStagesService } from "./hidden_stages_service.ts";
import { killFromArchived, unfinishedKill } from "./archived_kill.ts";
import { assertKillableInArchived } from "./archived_kill_check.ts";

/** Fields of a production item an archived copy never carries (Superdesk's `on_create`). */
const NOT_ARCHIVED = [
  "lock_user",
  "lock_time",
  "lock_action",
  "lock_session",
  "highlights",
  "marked_desks",
];

export class ArchivedService extends HiddenStagesService {
  protected override onCreate(docs: Doc[]) {
    for (const doc of docs) {
      for (const field of NOT_ARCHIVED) delete doc[field];
      doc.archived_id = `${doc.item_id}:${doc._current_version}`;
      if (doc.type === "composite") { for (const ref of itemRefs(doc)) ref.location = "archived"; }
    }
  }

  /**
   * A copy on a stage the user cannot see is refused (403), as Superdesk's `find_one`; judged by
   * the read's filter, so a projection leaving out the stage does not open it.
   */
  override async findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    const hidden = await hiddenStagesFilter(this.ctx.registry, actor);
    if (!hidden) return await super.findOne(filter, actor, options);
    const doc = await super.findOne(andFilters(filter, hidden), actor, options);
    if (doc || !(await super.findOne(filter, actor, { projection: { _id: 1 } }))) return doc;
    throw new ForbiddenError("User does not have permissions to read the item.");
  }

  /**
   * Stores published `copies` (content expiry's move out of production), each under its own id:
   * copies already here are skipped, so a repeated move archives each copy once.
   */
  async archiveCopies(copies: readonly Doc[]): Promise<void> {
    const ids = copies.map((copy) => String(copy._id));
    const present = new Set(
      (await this.collection.find({ _id: { $in: ids } }, { projection: { _id: 1 } }))
        .map((doc) => String(doc._id)),
    );
    for (const copy of copies) {
      if (present.has(String(copy._id))) continue;
      try {
        await this.create([structuredClone(copy)], SYSTEM_ACTOR, { trusted: true });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  /** Superdesk's DELETE: the etag and kill checks, then nothing is removed. */
  override async delete(id: string, { etag, actor = SYSTEM_ACTOR }: WriteOptions = {}) {
    const original = await this.findOne({ _id: id }, actor);
    if (!original) return false;
    this.checkEtag(original, etag, actor);
    await assertKillableInArchived(this.ctx.registry, original);
    return false;
  }

  /**
   * Superdesk's PATCH: the kill or takedown of the story (its newest archived copy) after the
   * same checks as a DELETE (Superdesk's client makes that DELETE first; we check again).
   */
  override async update(id: string, input: Doc, { etag, actor = SYSTEM_ACTOR }: WriteOptions = {}) {
    if (input.operation !== "kill" && input.operation !== "takedown") {
      throw new BadRequestError(
        `Cannot update archived item "${id}": "operation" must be "kill" or "takedown"`,
        { issues: { operation: input.operation ?? null } },
      );
    }
    const original = await this.findOne({ _id: id }, actor);
    if (!original) throw new NotFoundError(`archived item "${id}" not found`);
    this.checkEtag(original, etag, actor);
    const latest = await this.latestCopy(String(original.item_id)) ?? original;
    if (!(await unfinishedKill(this.ctx.registry, latest, input.operation))) {
      await assertKillableInArchived(this.ctx.registry, original);
    }
    const { registry, queue, log, config } = this.ctx;
    const killed = await killFromArchived(
      {
        registry,
        queue,
        log,
        timeZone: config.defaultTimezone,
        removeCopies: (copy) => this.removeCopies(copy),
      },
      { latest, addressed: original },
      input,
      actor,
    );
    await this.ctx.notify("item:deleted:archived", {
      item: String(original._id),
      user: actor.userId ?? null,
    });
    return { ...original, ...killed, _id: original._id };
  }

  /**
   * The newest archived copy of story `itemId` (the highest version) that `actor` may see (not
   * on a stage hidden from them, as Superdesk's filtered `get`), or null.
   */
  async latestCopy(itemId: string, actor: Actor = SYSTEM_ACTOR): Promise<Doc | null> {
    const hidden = await hiddenStagesFilter(this.ctx.registry, actor);
    const [latest] = await this.collection.find(andFilters({ item_id: itemId }, hidden), {
      sort: [["_current_version", -1]],
      limit: 1,
    });
    return latest ?? null;
  }

  /**
   * Removes every archived copy of the story of `latest` (killed from here), `latest` last;
   * whether this call removed `latest` (of two kills at once, one does: the other's delete
   * reads it gone).
   */
  private async removeCopies(latest: Doc): Promise<boolean> {
    const copies = await this.collection.find(
      { item_id: latest.item_id, _id: { $ne: latest._id } },
      {
        projection: { _id: 1 },
      },
    );
    for (const copy of copies) await super.delete(String(copy._id));
    return await super.delete(String(latest._id));
  }
}

/** A package's references to items (Superdesk's `get_item_refs`: refs with a `residRef`). */
function itemRefs(pkg: Doc): Doc[] {
  const groups = Array.isArray(pkg.groups) ? pkg.groups : [];
  return groups.flatMap((group: Doc) => Array.isArray(group?.refs) ? group.refs : [])
    .filter((ref: Doc) => ref !== null && typeof ref === "object" && "residRef" in ref);
}
