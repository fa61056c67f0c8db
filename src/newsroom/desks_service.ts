/**
 * Desks (Superdesk's `DesksService`): a new desk gets its incoming and working stages, members
 * are de-duplicated, names are unique ignoring case, the type stays while content remembers
 * crossing it, and a desk still holding content (or some user's default desk) cannot be deleted
 * (412). Pushes `desk` and `desk_membership_revoked`.
 */
import { BadRequestError } from "../errors.ts";
import { PreconditionFailedError } from "./precondition_failed.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { newObjectId } from "../resources/ids.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { refreshInvisibleStages } from "./invisible_stages.ts";
import { assertUniqueName } from "./unique_name.ts";

export class DesksService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const desk of docs) {
      await assertUniqueName(this.collection, desk.name);
      desk.members = uniqueMembers(desk.members);
      if (desk.content_expiry === 0) desk.content_expiry = null;
      desk.desk_type ??= "authoring";
      desk.preserve_published_content ??= false;
      desk.incoming_stage ??= newObjectId();
      desk.working_stage ??= newObjectId();
    }
  }

  /**
   * Creates the working and incoming stages the desk already points to, if missing, the working
   * stage first as Superdesk does: the desk lists it first (its monitoring's first card) and the
   * incoming stage second.
   */
  protected override async onCreated(docs: Doc[]) {
    const stages = this.ctx.registry.service("stages");
    for (const desk of docs) {
      const missing = [];
      if (!(await stages.findOne({ _id: desk.working_stage }))) {
        missing.push({
          _id: desk.working_stage,
          name: "Working Stage",
          desk: desk._id,
          working_stage: true,
        });
      }
      if (!(await stages.findOne({ _id: desk.incoming_stage }))) {
        missing.push({
          _id: desk.incoming_stage,
          name: "Incoming Stage",
          desk: desk._id,
          default_incoming: true,
        });
      }
      for (const stage of missing) await stages.create([stage], SYSTEM_ACTOR);
      await this.ctx.notify("desk", { created: 1, desk_id: String(desk._id) });
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    if ("members" in updates) updates.members = uniqueMembers(updates.members);
    if (updates.content_expiry === 0) updates.content_expiry = null;
    if (updates.desk_type && updates.desk_type !== original.desk_type) {
      const id = String(original._id);
      const versions = this.ctx.documents.collection("archive_versions");
      const crossed = await versions.findOne({
        $or: [{ "task.last_authoring_desk": id }, { "task.last_production_desk": id }],
      });
      if (crossed) {
        throw new BadRequestError(
          "Cannot update Desk Type as there are article(s) referenced by the Desk.",
        );
      }
    }
  }

  protected override async onUpdated(updates: Doc, original: Doc) {
    const deskId = String(original._id);
    if (!("members" in updates)) {
      await this.ctx.notify("desk", { updated: 1, desk_id: deskId });
      return;
    }
    const before = memberIds(original.members);
    const after = new Set(memberIds(updates.members));
    const removed = before.filter((user) => !after.has(user));
    const added = [...after].filter((user) => !before.includes(user));
    if (removed.length + added.length > 0) {
      await refreshInvisibleStages(this.ctx.registry, { userIds: [...removed, ...added] });
    }
    if (removed.length > 0) {
      await this.ctx.notify("desk_membership_revoked", {
        updated: 1,
        user_ids: removed,
        desk_id: deskId,
      });
    }
  }

  /** Refuses while users default to the desk or content (or a version of it) is on it. */
  protected override async onDelete(desk: Doc) {
    const id = String(desk._id);
    const users = this.ctx.documents.collection("users");
    if (await users.findOne({ desk: id })) {
      throw new PreconditionFailedError(
        "Cannot delete desk as it is assigned as default desk to user(s).",
      );
    }
    const schemes = this.ctx.documents.collection("routing_schemes");
    if (
      await schemes.findOne({
        $or: [{ "rules.actions.fetch.desk": id }, { "rules.actions.publish.desk": id }],
      })
    ) {
      throw new PreconditionFailedError(
        "Cannot delete desk as routing scheme(s) are associated with the desk",
      );
    }
    const onDesk = {
      $or: [
        { "task.desk": id },
        { "task.last_authoring_desk": id },
        { "task.last_production_desk": id },
      ],
    };
    const archive = this.ctx.documents.collection("archive");
    const versions = this.ctx.documents.collection("archive_versions");
    if ((await archive.findOne(onDesk)) || (await versions.findOne(onDesk))) {
      throw new PreconditionFailedError(
        "Cannot delete desk as it has article(s) or referenced by versions of the article(s).",
      );
    }
  }

  /** Deletes the desk's stages (the incoming and working ones included) and announces it. */
  protected override async onDeleted(desk: Doc, _actor: Actor) {
    const stages = this.ctx.registry.service("stages");
    await stages.deleteMany({ desk: String(desk._id) });
    await this.ctx.notify("desk", {
      deleted: 1,
      user_ids: memberIds(desk.members),
      desk_id: String(desk._id),
    });
  }

  /** Ids of the desks whose published content never expires (`preserve_published_content`). */
  async preservingPublished(): Promise<Set<string>> {
    const desks = await this.collection.find({ preserve_published_content: true }, {
      projection: { _id: 1 },
    });
    return new Set(desks.map((desk) => String(desk._id)));
  }

  /** Ids of the desks `userId` is a member of. */
  async memberDeskIds(userId: string): Promise<string[]> {
    const desks = await this.collection.find({ "members.user": userId }, {
      projection: { _id: 1 },
    });
    return desks.map((desk) => String(desk._id));
  }

  /** True when `userId` is a member of desk `deskId`. */
  async isMember(userId: string | undefined, deskId: string): Promise<boolean> {
    if (!userId) return false;
    return (await this.collection.findOne({ _id: deskId, "members.user": userId })) !== null;
  }
}

/** `members` without duplicate users, in first-seen order. */
function uniqueMembers(members: unknown): Array<{ user: string }> {
  return [...new Set(memberIds(members))].map((user) => ({ user }));
}

function memberIds(members: unknown): string[] {
  if (!Array.isArray(members)) return [];
  return members.map((member) => String((member as Doc)?.user)).filter((id) => id !== "undefined");
}
