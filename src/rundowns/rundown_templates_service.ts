/**
 * Rundown templates (Superdesk's `TemplatesService`): the show must exist; the schedule
 * (`scheduled_on`, `autocreate_on`) is recomputed when what it depends on changes; each item
 * gets its technical title; the author and last editor are recorded. `due` and `advance` serve
 * the scheduled creation of rundowns (`scheduled_rundowns.ts`).
 */
import { ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { checkAirtimeDate } from "./calendar_date.ts";
import { itemTypeNames } from "./item_type_names.ts";
import { technicalTitle } from "./technical_title.ts";
import { movesSchedule, type ScheduleSettings, setScheduledOn } from "./template_schedule.ts";

export class RundownTemplatesService extends ResourceService {
  readonly settings: ScheduleSettings;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, settings: ScheduleSettings) {
    super(definition, ctx);
    this.settings = settings;
  }

  /** Repeating templates whose rundown is due to be made at `now`. */
  due(now: Date): Promise<Doc[]> {
    return this.collection.find({
      autocreate_on: { $lte: now },
      repeat: true,
      "schedule.freq": { $exists: true },
    }, { sort: [["autocreate_on", 1]] });
  }

  /**
   * Moves `template`'s schedule on (`updates`: `scheduled_on`, `autocreate_on`, or `repeat`
   * false) unless it changed since it was read (compare-and-set on its etag); false then.
   */
  async advance(template: Doc, updates: Doc): Promise<boolean> {
    const next: Doc = { ...template, ...updates, _updated: nextUpdated(template._updated) };
    const stored = await this.collection.updateOne({ _id: template._id, _etag: template._etag }, {
      $set: { ...updates, _updated: next._updated, _etag: this.etagOf(next) },
    });
    return stored !== null;
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      checkAirtimeDate(doc);
      const show = await this.show(doc.show);
      setScheduledOn(doc, {}, this.settings);
      await this.setTechnicalTitles(doc, show);
      if (actor.userId) doc.created_by = actor.userId;
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if ("show" in updates && updates.show !== original.show) {
      throw new ValidationError({ show: "a template stays with its show" });
    }
    checkAirtimeDate(updates);
    // The scheduled creation moves the schedule on itself (Superdesk's `system_update`).
    if (actor.kind === "user" && movesSchedule(updates, original)) {
      setScheduledOn(updates, original, this.settings);
    }
    if (Array.isArray(updates.items)) {
      await this.setTechnicalTitles(updates, await this.show(original.show));
    }
    if (actor.userId) updates.last_updated_by = actor.userId;
  }

  private async show(id: unknown): Promise<Doc> {
    const show = await this.ctx.registry.service("shows").findOne({ _id: id });
    if (!show) throw new ValidationError({ show: `show "${id}" does not exist` });
    return show;
  }

  /** Superdesk's `set_technical_title`: cameras included. */
  private async setTechnicalTitles(doc: Doc, show: Doc): Promise<void> {
    if (!Array.isArray(doc.items) || doc.items.length === 0) return;
    const typeName = await itemTypeNames(this.ctx.registry);
    for (const item of doc.items as Doc[]) {
      item.technical_title = technicalTitle(item, { show, typeName });
    }
  }
}
