/**
 * Stages (Superdesk's `StagesService`): ordered per desk, one incoming and one working stage per
 * desk (making another one the default moves the desk's reference), and neither of those nor a
 * stage holding content can be deleted (412). Keeps users' `invisible_stages` current. Pushes
 * `stage` and `stage_visibility_updated`.
 */
import { BadRequestError, ForbiddenError, ValidationError } from "../errors.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { refreshInvisibleStages } from "./invisible_stages.ts";
import { PreconditionFailedError } from "./precondition_failed.ts";
import { assertUniqueName } from "./unique_name.ts";

/** A desk's default-stage flag and the desk field that points at that stage. */
const DEFAULTS = [
  { flag: "working_stage", deskField: "working_stage", label: "working" },
  { flag: "default_incoming", deskField: "incoming_stage", label: "incoming" },
] as const;

export class StagesService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const stage of docs) {
      const desk = String(stage.desk);
      if (!(await this.desks().findOne({ _id: desk }))) {
        throw new ValidationError({
          desk: `value '${desk}' must exist in resource 'desks', field '_id'.`,
        });
      }
      await assertUniqueName(this.collection, stage.name, { scope: { desk } });
      if (stage.content_expiry === 0) stage.content_expiry = null;
      const [last] = await this.collection.find({ desk }, {
        sort: [["desk_order", -1]],
        limit: 1,
      });
      stage.desk_order = Number(last?.desk_order ?? 0) + 1;
      stage.working_stage ??= false;
      stage.default_incoming ??= false;
      stage.is_visible ??= true;
      stage.local_readonly ??= false;
    }
  }

  protected override async onCreated(docs: Doc[]) {
    if (docs.some((stage) => stage.is_visible === false)) {
      await refreshInvisibleStages(this.ctx.registry);
    }
    for (const stage of docs) {
      for (const { flag, deskField } of DEFAULTS) {
        if (stage[flag] === true) await this.makeDefault(stage, flag, deskField);
      }
      await this.ctx.notify("stage", {
        created: 1,
        stage_id: String(stage._id),
        desk_id: String(stage.desk),
        is_visible: stage.is_visible !== false,
      });
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("desk" in updates && updates.desk !== original.desk) {
      throw new BadRequestError("A stage cannot move to another desk");
    }
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, {
        scope: { desk: original.desk },
        exceptId: String(original._id),
      });
    }
    if (updates.content_expiry === 0) updates.content_expiry = null;
    for (const { flag, label } of DEFAULTS) {
      if (flag in updates && updates[flag] !== true && original[flag] === true) {
        throw new ForbiddenError(`Must have one ${label} stage in a desk`);
      }
    }
  }

  protected override async onUpdated(updates: Doc, original: Doc) {
    for (const { flag, deskField } of DEFAULTS) {
      if (updates[flag] === true && original[flag] !== true) {
        await this.makeDefault(original, flag, deskField);
      }
    }
    const ids = { stage_id: String(original._id), desk_id: String(original.desk) };
    const wasVisible = original.is_visible !== false;
    if ("is_visible" in updates && updates.is_visible !== wasVisible) {
      await refreshInvisibleStages(this.ctx.registry);
      await this.ctx.notify("stage_visibility_updated", {
        updated: 1,
        ...ids,
        is_visible: updates.is_visible !== false,
      });
    } else {
      await this.ctx.notify("stage", { updated: 1, ...ids });
    }
  }

  /**
   * The working and incoming stages of an existing desk, stages holding content and stages
   * ingest routing schemes send content to stay.
   */
  protected override async onDelete(stage: Doc) {
    const deskExists = (await this.desks().findOne({ _id: stage.desk })) !== null;
    if (deskExists && stage.working_stage === true) {
      throw new PreconditionFailedError("Cannot delete a Working Stage.");
    }
    if (deskExists && stage.default_incoming === true) {
      throw new PreconditionFailedError("Cannot delete a Incoming Stage.");
    }
    const onStage = { "task.stage": String(stage._id) };
    const archive = this.ctx.documents.collection("archive");
    const versions = this.ctx.documents.collection("archive_versions");
    if ((await archive.findOne(onStage)) || (await versions.findOne(onStage))) {
      throw new PreconditionFailedError(
        "Cannot delete stage as it has article(s) or referenced by versions of the article(s).",
      );
    }
    const id = String(stage._id);
    const schemes = await this.ctx.documents.collection("routing_schemes").find({
      $or: [{ "rules.actions.fetch.stage": id }, { "rules.actions.publish.stage": id }],
    }, { projection: { name: 1 } });
    if (schemes.length > 0) {
      const names = schemes.map((scheme) => String(scheme.name)).join(", ");
      throw new PreconditionFailedError(`Stage is referred by Ingest Routing Schemes : ${names}`);
    }
  }

  protected override async onDeleted(stage: Doc) {
    if (stage.is_visible === false) await refreshInvisibleStages(this.ctx.registry);
    await this.ctx.notify("stage", {
      deleted: 1,
      stage_id: String(stage._id),
      desk_id: String(stage.desk),
    });
  }

  /**
   * The invisible stages (`_id` and `desk`), which `visibilityScope` keeps where their desk is not
   * one of the user's. A store read with no sort or page, and needing no desk ids, so it runs
   * together with the user's desks read (one round trip waited for instead of two on a networked
   * store): what every read of content resolves, where ordering and paging cost more than the
   * read itself.
   */
  async invisibleStages(): Promise<Array<{ _id: string; desk: unknown }>> {
    const stages = await this.collection.find({ is_visible: false }, {
      projection: { _id: 1, desk: 1 },
    });
    return stages.map((stage) => ({ _id: String(stage._id), desk: stage.desk }));
  }

  /** Sets `desk_order` of `stageIds` to their position (Superdesk's `stages_order`). */
  async reorder(deskId: string, stageIds: string[]): Promise<void> {
    if (!(await this.desks().findOne({ _id: deskId }))) {
      throw new ValidationError({ desk: `value '${deskId}' must exist in resource 'desks'` });
    }
    const stages = await this.collection.find({ _id: { $in: stageIds } });
    for (const id of stageIds) {
      const stage = stages.find((candidate) => candidate._id === id);
      if (!stage || stage.desk !== deskId) {
        throw new ValidationError({ stages: `stage '${id}' is not a stage of desk '${deskId}'` });
      }
    }
    for (const [index, id] of stageIds.entries()) {
      await this.update(id, { desk_order: index + 1 }, { actor: SYSTEM_ACTOR });
    }
  }

  /** Makes `stage` the desk's only stage with `flag`, and points the desk at it. */
  private async makeDefault(stage: Doc, flag: string, deskField: string) {
    const others = await this.collection.find({
      desk: stage.desk,
      [flag]: true,
      _id: { $ne: stage._id },
    });
    for (const other of others) {
      const cleared = { ...other, [flag]: false, _updated: nextUpdated(other._updated) };
      await this.collection.updateOne({ _id: other._id }, {
        $set: { [flag]: false, _updated: cleared._updated, _etag: await this.etagOf(cleared) },
      });
    }
    const desk = await this.desks().findOne({ _id: stage.desk });
    if (desk && desk[deskField] !== stage._id) {
      await this.desks().update(String(desk._id), { [deskField]: stage._id }, {
        actor: SYSTEM_ACTOR,
      });
    }
  }

  private desks(): ResourceService {
    return this.ctx.registry.service("desks");
  }
}
