/**
 * Rundown items (Superdesk's `RundownItemsService`): each gets its technical title on every
 * write; a change of what rundowns copy (title, script, notes, duration) is copied to the
 * rundowns that list the item. Items of a rundown made from a template are copies of the
 * template's items (`createFromTemplate`), written before the rundown itself.
 */
import { ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { DURATION_FIELDS, SEARCH_FIELDS } from "./items_sync.ts";
import { itemTypeNames } from "./item_type_names.ts";
import { applyLockAction } from "./resource_lock.ts";
import type { RundownsService } from "./rundowns_service.ts";
import { fallbackTitle, namesShow, technicalTitle } from "./technical_title.ts";

export class RundownItemsService extends ResourceService {
  /** The items with these ids, from the store. */
  byIds(ids: string[]): Promise<Doc[]> {
    return this.collection.find({ _id: { $in: ids } });
  }

  /** New items of `rundown` (not stored yet) copied from template items, in order. */
  async createFromTemplate(templates: Doc[], rundown: Doc): Promise<Doc[]> {
    if (templates.length === 0) return [];
    const items: Doc[] = templates.map((template) => ({
      item_type: template.item_type || "",
      title: template.title ?? "",
      duration: template.duration ?? 0,
      planned_duration: template.planned_duration ?? 0,
      content: template.content ?? null,
      show_part: template.show_part ?? null,
      additional_notes: template.additional_notes ?? null,
      rundown: rundown._id,
      camera: [],
      subitems: template.subitems ?? [],
    }));
    // Their technical titles from `rundown` here: `onCreate` cannot read it from the store yet.
    for (const item of items) item.technical_title = await this.technicalTitle(item, rundown);
    return await this.create(items, SYSTEM_ACTOR, { trusted: true });
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      if (actor.kind === "system" && typeof doc.technical_title === "string") continue;
      const rundown = await this.rundowns.findOne({ _id: doc.rundown });
      if (!rundown && actor.kind === "user") {
        throw new ValidationError({ rundown: `rundown "${doc.rundown}" does not exist` });
      }
      doc.technical_title = await this.technicalTitle(doc, rundown);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    applyLockAction(updates, original, actor);
    if ("rundown" in updates && updates.rundown !== original.rundown) {
      if (!(await this.rundowns.findOne({ _id: updates.rundown }))) {
        throw new ValidationError({ rundown: `rundown "${updates.rundown}" does not exist` });
      }
    }
    const updated = { ...original, ...updates };
    const rundown = namesShow(updated)
      ? await this.rundowns.findOne({ _id: updated.rundown })
      : null;
    updates.technical_title = await this.technicalTitle(updated, rundown);
  }

  protected override async onUpdated(updates: Doc, original: Doc) {
    const copied = [...SEARCH_FIELDS, ...DURATION_FIELDS];
    if (copied.some((key) => key in updates && updates[key] !== original[key])) {
      await this.rundowns.syncItemChanges(String(original._id));
    }
  }

  private get rundowns(): RundownsService {
    return this.ctx.registry.service<RundownsService>("rundowns");
  }

  /** Superdesk's `get_technical_title`: no cameras unless the title names the show. */
  private async technicalTitle(item: Doc, rundown: Doc | null): Promise<string> {
    if (!namesShow(item)) return fallbackTitle(item);
    const show = rundown
      ? await this.ctx.registry.service("shows").findOne({ _id: rundown.show })
      : null;
    return technicalTitle(item, { show, typeName: await itemTypeNames(this.ctx.registry) });
  }
}
