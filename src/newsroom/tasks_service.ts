/**
 * Tasks (Superdesk's `TasksService`): a new task is a new archive item (the archive's server
 * fields, `prepareNewItem`) in status `todo` unless its stage says otherwise; a task's status
 * follows the stage it is sent to (the stage's `task_status`), `started_at` and `finished_at`
 * are stamped when it becomes `in_progress` and `done`; an edit naming another desk or stage is
 * a move with the move's checks and events (as an archive edit's), a new stage a `send`
 * operation. Reads see what archive reads see; lists leave spiked items out. Every write goes to
 * the archive's search index too, as its documents are archive items. Items that went out
 * cannot be deleted as tasks.
 */
import { ForbiddenError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { syncSearch } from "../indexing/search_sync.ts";
import type { Doc, Filter, Projection } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { prepareNewItem } from "./archive_new_item.ts";
import { VisibilityScopes, visibleItemsFilter } from "./archive_visibility.ts";
import { resolveLocation } from "./item_location.ts";
import { editMoveTarget } from "./archive_edits.ts";
import { announceMove, placementUpdates } from "./archive_move.ts";

/** States of items that went out or are scheduled to. */
const SENT_STATES = new Set([
  "published",
  "scheduled",
  "corrected",
  "killed",
  "recalled",
  "correction",
  "being_corrected",
]);

export class TasksService extends ResourceService {
  #scopes: VisibilityScopes;

  constructor(definition: ResourceDefinition, ctx: ServiceContext) {
    super(definition, ctx);
    this.#scopes = new VisibilityScopes(ctx.registry);
  }

  private get archive(): ArchiveService {
    return this.ctx.registry.service<ArchiveService>("archive");
  }

  /** Tasks of items not spiked (Superdesk's `elastic_filter`), newest change first. */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const live: Filter = { state: { $ne: "spiked" } };
    const filter = query.filter ? { $and: [query.filter, live] } : live;
    return await super.find({ ...query, filter }, await this.#scopes.scoped(actor));
  }

  override async findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    return await super.findOne(filter, await this.#scopes.scoped(actor, { byId: true }), options);
  }

  /**
   * Superdesk's `tasks` resource is not versioned in Eve, so its PATCH runs no late versioning
   * catch: an item stored without a version becomes version 1 (its `on_update`).
   */
  override async update(id: string, input: Doc, options: WriteOptions = {}): Promise<Doc> {
    return await super.update(id, input, { ...options, lateVersioning: false });
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system" || this.#scopes.opensAny(actor)) return undefined;
    return visibleItemsFilter(this.#scopes.scopeOf(actor));
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    const now = new Date();
    for (const doc of docs) {
      const task = (doc.task ?? {}) as Doc;
      doc.task = { ...task, status: task.status ?? "todo" };
      await prepareNewItem(this.archive, doc, { actor, now });
      stampTimes(doc.task as Doc, now);
      const { stage } = await resolveLocation(this.ctx.registry, doc.task as Doc, {
        actor,
        checkMembership: false,
      });
      if (stage?.task_status) (doc.task as Doc).status = stage.task_status;
    }
  }

  protected override async onCreated(docs: Doc[]) {
    await syncSearch(this.ctx, this.archive.definition, { index: docs });
    await this.ctx.notify("task:new", {});
  }

  /**
   * A task edit that names another desk or stage is a move (`editMoveTarget`,
   * `placementUpdates`: membership or `move`, the stage's rules and status, `submitted`,
   * `last_desk`); one that names none keeps the item where it is. A new stage is a `send`.
   */
  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if (!updates.task) return;
    const target = editMoveTarget(updates, original);
    if (target !== undefined) {
      const placed = await placementUpdates(this.archive, original, {
        actor,
        target,
        edits: updates,
      });
      const sent = Boolean((placed.task as Doc).stage);
      Object.assign(updates, placed, { operation: sent ? "send" : placed.operation });
    }
    stampTimes(updates.task as Doc, new Date());
  }

  protected override async onUpdated(updates: Doc, original: Doc, actor: Actor) {
    const stored = await this.collection.findOne({ _id: original._id });
    if (stored) await syncSearch(this.ctx, this.archive.definition, { index: [stored] });
    const before = (original.task ?? {}) as Doc;
    const after = (updates.task ?? before) as Doc;
    const stageChanged = String(after.stage ?? "") !== String(before.stage ?? "");
    if (stageChanged) {
      await this.ctx.notify("task:stage", {
        new_stage: String(after.stage ?? ""),
        old_stage: String(before.stage ?? ""),
        new_desk: String(after.desk ?? ""),
        old_desk: String(before.desk ?? ""),
      });
    }
    if (stored && (stageChanged || String(after.desk ?? "") !== String(before.desk ?? ""))) {
      // The item as this edit wrote it (its version), not a later write `stored` may hold.
      const moved = { ...original, ...updates };
      await announceMove(this.archive, actor, { original, moved, updates });
    }
  }

  /**
   * Deleting a task deletes its item (as Superdesk's): not an item that went out or is on its
   * way (its published copies and queue would outlive it), nor one locked by another user.
   */
  protected override async onDelete(doc: Doc, actor: Actor) {
    if (SENT_STATES.has(String(doc.state))) {
      throw new ForbiddenError(`Cannot delete task "${doc._id}": its item is ${doc.state}`);
    }
    if (await this.archive.lockedByOther(doc, actor)) {
      throw new ForbiddenError("The item was locked by another user");
    }
  }

  protected override async onDeleted(doc: Doc) {
    await syncSearch(this.ctx, this.archive.definition, { remove: [String(doc._id)] });
  }
}

/** Superdesk's `update_times`: when a task started and finished. */
function stampTimes(task: Doc, now: Date) {
  if (task.status === "in_progress") task.started_at ??= now;
  if (task.status === "done") task.finished_at ??= now;
}
