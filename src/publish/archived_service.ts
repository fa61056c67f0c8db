/**
 * The `archived` repository (Superdesk's `ArchivedService`): published copies moved out of
 * production, each also addressed as `<item_id>:<version>` (`archived_id`); a package's item
 * references point to `archived` (Superdesk's `on_create`). A DELETE only checks
 * whether the copy may be killed there and removes nothing, as Superdesk's (its `delete` is a
 * no-op; the kill itself is its PATCH, which we do not have).
 */
import { ConflictError } from "../errors.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
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

export class ArchivedService extends ResourceService {
  protected override onCreate(docs: Doc[]) {
    for (const doc of docs) {
      for (const field of NOT_ARCHIVED) delete doc[field];
      doc.archived_id = `${doc.item_id}:${doc._current_version}`;
      if (doc.type === "composite") { for (const ref of itemRefs(doc)) ref.location = "archived"; }
    }
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
}

/** A package's references to items (Superdesk's `get_item_refs`: refs with a `residRef`). */
function itemRefs(pkg: Doc): Doc[] {
  const groups = Array.isArray(pkg.groups) ? pkg.groups : [];
  return groups.flatMap((group: Doc) => Array.isArray(group?.refs) ? group.refs : [])
    .filter((ref: Doc) => ref !== null && typeof ref === "object" && "residRef" in ref);
}
