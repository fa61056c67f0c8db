/**
 * Highlights (Superdesk's `HighlightsService` and `MarkedForHighlightsService`): names are
 * unique ignoring case; marking toggles each named highlight on an item the caller can see
 * (an unknown highlight is a 422, an unknown item marks nothing), as a write that leaves the
 * item's etag and version alone, and pushes `item:highlights {marked, item_id, mark_id}`;
 * deleting a highlight unmarks its items. Each mark and unmark is an `item:operation` (the item's
 * history records it with the highlight's id and name).
 */
import { BadRequestError, EtagMismatchError, ruleIssue, ValidationError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { assertKeyFree, mapKeyConflict, UNIQUE_KEY_FIELD, uniqueKey } from "./unique_key.ts";

/** Compare-and-set attempts of one item's marking. */
const ATTEMPTS = 5;

export class HighlightsService extends ResourceService {
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    try {
      return await super.create(inputs, actor);
    } catch (error) {
      throw mapKeyConflict(error, nameTaken);
    }
  }

  override async update(id: string, input: Doc, options: WriteOptions = {}): Promise<Doc> {
    try {
      return await super.update(id, input, options);
    } catch (error) {
      throw mapKeyConflict(error, nameTaken);
    }
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      doc.auto_insert ??= "now/d";
      await this.claimName(doc, doc.name);
      await this.assertTemplateVisible(doc.template, actor);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if ("name" in updates) await this.claimName(updates, updates.name, original._id);
    if ("template" in updates) await this.assertTemplateVisible(updates.template, actor);
  }

  /**
   * A highlight's template is one its author may see: generated items and packages are filled
   * from it for whoever uses the highlight, so another user's personal template would show them
   * its contents.
   */
  private async assertTemplateVisible(template: unknown, actor: Actor) {
    if (template === undefined || template === null || template === "") return;
    const templates = this.ctx.registry.service("content_templates");
    if (!await templates.findOne({ _id: template }, actor)) {
      throw new ValidationError({ template: `unknown template '${template}'` });
    }
  }

  /** Unmarks every item marked for the deleted highlight. */
  protected override async onDeleted(doc: Doc, actor: Actor) {
    const id = String(doc._id);
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    for (const item of await archive.markedFor(id)) {
      const stored = await toggleOn(
        archive,
        String(item._id),
        (current) => current.filter((h) => h !== id),
      );
      if (!stored) continue;
      await this.ctx.signals.emit("item:operation", {
        item: stored,
        operation: "unmark",
        updates: { highlight_id: id, highlight_name: doc.name ?? null },
        user: actor.userId,
      });
    }
  }

  private async claimName(target: Doc, name: unknown, exceptId?: unknown) {
    const key = uniqueKey(name);
    await assertKeyFree(this.collection, key, { exceptId, error: nameTaken });
    target[UNIQUE_KEY_FIELD] = key;
  }
}

/** `POST marked_for_highlights`: toggles highlights on items; stores nothing itself. */
export class MarkedForHighlightsService extends ResourceService {
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    if (inputs.length === 0) throw new BadRequestError("Empty bulk insert");
    this.assertCreatable(inputs, actor);
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    const highlights = this.ctx.registry.service("highlights");
    const results: Doc[] = [];
    for (const input of inputs) {
      const ids = (Array.isArray(input.highlights) ? input.highlights : [input.highlights])
        .map(String);
      for (const id of ids) {
        if (!(await highlights.findOne({ _id: id }))) {
          throw new ValidationError({ highlights: `unknown highlight '${id}'` });
        }
      }
      const item = await archive.findOne({ _id: String(input.marked_item) }, actor);
      results.push({ ...input, _id: item ? item._id : null });
      if (!item) continue;
      const status = new Map<string, boolean>();
      const stored = await toggleOn(archive, String(item._id), (current) => {
        let next = [...current];
        for (const id of ids) {
          const marked = !next.includes(id);
          status.set(id, marked);
          next = marked ? [...next, id] : next.filter((h) => h !== id);
        }
        return next;
      });
      if (!stored) continue;
      for (const [id, marked] of status) {
        await this.ctx.signals.emit("item:operation", {
          item: stored,
          operation: marked ? "mark" : "unmark",
          updates: { highlight_id: id, highlight_name: await nameOf(highlights, id) },
          user: actor.userId,
        });
        await this.ctx.notify("item:highlights", {
          marked: marked ? 1 : 0,
          item_id: item._id,
          mark_id: id,
        });
      }
    }
    return results;
  }
}

/** Rewrites item `id`'s highlights with `change` (compare-and-set, retried). */
async function toggleOn(
  archive: ArchiveService,
  id: string,
  change: (current: string[]) => string[],
): Promise<Doc | null> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const item = await archive.findOne({ _id: id });
    if (!item) return null;
    const current = Array.isArray(item.highlights) ? item.highlights.map(String) : [];
    const stored = await archive.writeUnversioned(item, { highlights: change(current) }, {
      keepEtag: true,
    });
    if (stored) return stored;
  }
  throw new EtagMismatchError(`Cannot mark item "${id}": it keeps changing`);
}

/** The name of highlight `id` (a history record keeps it: the highlight may be deleted later). */
async function nameOf(highlights: ResourceService, id: string): Promise<unknown> {
  return (await highlights.findOne({ _id: id }))?.name ?? null;
}

function nameTaken(): ValidationError {
  return new ValidationError({ name: ruleIssue("unique") });
}
