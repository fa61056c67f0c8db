/**
 * Rundowns (Superdesk's `RundownsService`). A new rundown is made from its show (title, planned
 * duration) or, when it names one, from a template: title from the template's pattern and the
 * airtime, airtime and planned duration from the template unless given, and copies of the
 * template's items, written before the rundown that lists them (a crash between the two writes
 * leaves items of no rundown, never a rundown without its items). The airtime date is
 * today (UTC, as Superdesk's server) unless given. Writes check the lock (`resource_lock.ts`) and
 * re-copy the items' durations and text when the item list is written; a change of an item is
 * copied to every rundown listing it (`syncItemChanges`, compare-and-set, retried), and again
 * after a rundown's item list is written, for an item changed meanwhile. A search
 * (`q`) matches all its words, in the rundown or its items, and each rundown found lists its
 * items that match (`matching_items`).
 */
import { EtagMismatchError, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { checkAirtimeDate } from "./calendar_date.ts";
import { syncItems } from "./items_sync.ts";
import { applyLockAction } from "./resource_lock.ts";
import type { RundownItemsService } from "./rundown_items_service.ts";
import { rundownTitle, type TitleTemplate } from "./rundown_title.ts";
import type { ScheduleSettings } from "./template_schedule.ts";

/** How often a copy of an item's change is retried after a concurrent write of the rundown. */
const SYNC_ATTEMPTS = 5;

type Ref = { _id: unknown };

export class RundownsService extends ResourceService {
  readonly settings: ScheduleSettings;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, settings: ScheduleSettings) {
    super(definition, ctx);
    this.settings = settings;
  }

  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    if (!query.q) return await super.find(query, actor);
    const result = await super.find({ ...query, defaultOperator: "AND" }, actor);
    await this.addMatchingItems(result.items, query.q, actor);
    return result;
  }

  /** Sets each rundown's `matching_items`: its items, in order, that match `q`. */
  async addMatchingItems(rundowns: Doc[], q: string, actor: Actor): Promise<void> {
    const ids = [
      ...new Set(rundowns.flatMap((rundown) => refsOf(rundown).map((r) => String(r._id)))),
    ];
    const found = ids.length
      ? await this.items.find(
        {
          filter: { _id: { $in: ids } },
          q,
          defaultOperator: "AND",
          page: 1,
          maxResults: ids.length,
        },
        actor,
      )
      : { items: [] };
    const matching = new Map(found.items.map((item) => [String(item._id), item]));
    for (const rundown of rundowns) {
      rundown.matching_items = refsOf(rundown).flatMap((ref) =>
        matching.get(String(ref._id)) ?? []
      );
    }
  }

  /** Copies the items' current durations and text to every rundown listing item `itemId`. */
  async syncItemChanges(itemId: string): Promise<void> {
    const listing = await this.collection.find({ "items._id": itemId }, { projection: { _id: 1 } });
    for (const { _id } of listing) await this.resync(String(_id));
  }

  /**
   * Copies the items' current durations and text to rundown `id` when what it holds differs, by
   * compare-and-set (retried). Run after an item changes and after a rundown's item list is
   * written: of an item's write and a rundown's that lists it, the later sees the earlier, so a
   * change made while the rundown read its items is not lost.
   */
  private async resync(id: string): Promise<void> {
    for (let attempt = 1;; attempt++) {
      const current = await this.collection.findOne({ _id: id });
      if (!current) return;
      const copy: Doc = {};
      await syncItems(copy, refsOf(current), {
        load: (ids) => this.items.byIds(ids),
        strict: false,
      });
      if (
        copy.duration === current.duration &&
        JSON.stringify(copy.items_data) === JSON.stringify(current.items_data)
      ) return;
      try {
        await this.update(id, copy, { etag: String(current._etag), actor: SYSTEM_ACTOR });
        return;
      } catch (error) {
        if (!(error instanceof EtagMismatchError) || attempt === SYNC_ATTEMPTS) throw error;
      }
    }
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    // Every rundown is checked before any template's items are written: a bulk refused for one
    // of them leaves nothing behind.
    const templates: Doc[][] = [];
    for (const doc of docs) {
      checkAirtimeDate(doc);
      const show = await this.show(doc.show);
      const date = typeof doc.airtime_date === "string" && doc.airtime_date
        ? doc.airtime_date
        : new Date().toISOString().slice(0, 10);
      const scheduledOn = actor.kind === "system" && doc.scheduled_on instanceof Date
        ? doc.scheduled_on
        : null;
      const { fields, template } = doc.template
        ? await this.fromTemplate(doc, { date, scheduledOn })
        : { fields: await this.fromShow(doc, show, date), template: [] };
      for (const key of Object.keys(doc)) if (!key.startsWith("_")) delete doc[key];
      Object.assign(doc, fields);
      templates.push(template);
    }
    for (const [i, doc] of docs.entries()) {
      if (templates[i]!.length) await this.copyTemplateItems(doc, templates[i]!);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    applyLockAction(updates, original, actor);
    checkAirtimeDate(updates);
    if ("show" in updates && updates.show !== original.show) await this.show(updates.show);
    if (Array.isArray(updates.items)) {
      await syncItems(updates, updates.items as Ref[], {
        load: (ids) => this.items.byIds(ids),
        strict: actor.kind === "user",
      });
    }
  }

  protected override async onCreated(docs: Doc[]) {
    for (const doc of docs) if (refsOf(doc).length) await this.resync(String(doc._id));
  }

  protected override async onUpdated(updates: Doc, original: Doc) {
    if (Array.isArray(updates.items)) await this.resync(String(original._id));
  }

  /** The show `id` names (400 when there is none: Eve's `data_relation` check). */
  private async show(id: unknown): Promise<Doc> {
    const show = await this.ctx.registry.service("shows").findOne({ _id: id });
    if (!show) throw new ValidationError({ show: `show "${id}" does not exist` });
    return show;
  }

  private get items(): RundownItemsService {
    return this.ctx.registry.service<RundownItemsService>("rundown_items");
  }

  /**
   * Writes the copies of `template`'s items for `rundown` (its id is set, it is not stored yet)
   * and lists them in it.
   */
  private async copyTemplateItems(rundown: Doc, template: Doc[]): Promise<void> {
    const items = await this.items.createFromTemplate(template, rundown);
    rundown.items = items.map((item) => ({ _id: String(item._id) }));
    await syncItems(rundown, rundown.items as Ref[], {
      load: () => Promise.resolve(items),
      strict: true,
    });
  }

  /** Superdesk's `create_from_show`. */
  private async fromShow(doc: Doc, show: Doc, date: string): Promise<Doc> {
    const rundown: Doc = {
      show: show._id,
      title: doc.title || show.title,
      planned_duration: doc.planned_duration || show.planned_duration || 0,
      airtime_date: date,
      airtime_time: doc.airtime_time ?? "",
      scheduled_on: null,
      items: Array.isArray(doc.items) ? doc.items : [],
      items_data: [],
    };
    if ((rundown.items as Ref[]).length) {
      await syncItems(rundown, rundown.items as Ref[], {
        load: (ids) => this.items.byIds(ids),
        strict: true,
      });
    }
    return rundown;
  }

  /** Superdesk's `create_from_template`: the rundown's fields and the template's items. */
  private async fromTemplate(
    doc: Doc,
    { date, scheduledOn }: { date: string; scheduledOn: Date | null },
  ): Promise<{ fields: Doc; template: Doc[] }> {
    const template = await this.ctx.registry.service("rundown_templates").findOne({
      _id: doc.template,
    });
    if (!template) {
      throw new ValidationError({ template: `rundown template "${doc.template}" does not exist` });
    }
    let title = doc.title || template.title || "";
    if (template.title_template && !doc.title) {
      // The airtime as Superdesk formats it: a scheduled rundown's local time, else the date.
      title = scheduledOn
        ? rundownTitle(
          template.title_template as TitleTemplate,
          scheduledOn.getTime(),
          this.settings.timeZone,
        )
        : rundownTitle(
          template.title_template as TitleTemplate,
          Date.parse(`${date}T00:00:00Z`),
          "UTC",
        );
    }
    const fields = {
      show: doc.show || template.show,
      airtime_date: date,
      airtime_time: doc.airtime_time || template.airtime_time || "",
      title,
      template: template._id,
      duration: 0,
      planned_duration: doc.planned_duration || template.planned_duration || 0,
      scheduled_on: scheduledOn,
      items: [],
      items_data: [],
    };
    return { fields, template: Array.isArray(template.items) ? template.items as Doc[] : [] };
  }
}

function refsOf(rundown: Doc): Ref[] {
  return Array.isArray(rundown.items) ? rundown.items as Ref[] : [];
}
