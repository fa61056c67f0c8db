/**
 * Marking items for desks (Superdesk's `MarkedForDesksService`): each posted mark toggles the
 * desk in the item's `marked_desks` (added with the marking user and time, or removed), as a
 * write that leaves the item's etag and version alone; pushes
 * `item:marked_desks {marked, item_id, mark_id}` and records `mark`/`unmark` in the item's history
 * (`item:operation`). A mark of an item the caller cannot see (or that is not there) is a 404
 * and nothing is marked.
 */
import { BadRequestError, EtagMismatchError, NotFoundError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

/** Compare-and-set attempts of one item's marking. */
const ATTEMPTS = 5;

export class MarkedForDesksService extends ResourceService {
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    if (inputs.length === 0) throw new BadRequestError("Empty bulk insert");
    this.assertCreatable(inputs, actor);
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    // Every item first: a mark of an item that is not there (or not the caller's to see) is a
    // 404 before anything is marked, where Superdesk answers 201 with a null `_id`.
    const items: Doc[] = [];
    for (const input of inputs) {
      const item = await archive.findOne({ _id: String(input.marked_item) }, actor);
      if (!item) throw new NotFoundError(`Item ${input.marked_item} not found`);
      items.push(item);
    }
    const results: Doc[] = [];
    for (const [index, input] of inputs.entries()) {
      const deskId = String(input.marked_desk);
      const item = items[index]!;
      results.push({ ...input, _id: item._id });
      const toggled = await toggle(archive, item, deskId, actor);
      if (!toggled) continue;
      await this.ctx.notify("item:marked_desks", {
        marked: toggled.marked ? 1 : 0,
        item_id: item._id,
        mark_id: deskId,
      });
      await this.ctx.signals.emit("item:operation", {
        item: toggled.stored,
        operation: toggled.marked ? "mark" : "unmark",
        updates: { desk_id: deskId },
        user: actor.userId,
      });
    }
    return results;
  }
}

/** Adds or removes the mark of `deskId` on `item` (compare-and-set, retried). */
async function toggle(archive: ArchiveService, item: Doc, deskId: string, actor: Actor) {
  let current: Doc | null = item;
  for (let attempt = 1; attempt <= ATTEMPTS && current; attempt++) {
    const marks = Array.isArray(current.marked_desks) ? current.marked_desks as Doc[] : [];
    const marked = !marks.some((mark) => mark.desk_id === deskId);
    const next = marked
      ? [...marks, { desk_id: deskId, user_marked: actor.userId ?? "", date_marked: new Date() }]
      : marks.filter((mark) => mark.desk_id !== deskId);
    const stored = await archive.writeUnversioned(current, { marked_desks: next }, {
      keepEtag: true,
    });
    if (stored) return { stored, marked };
    current = await archive.findOne({ _id: String(item._id) });
  }
  if (!current) return null;
  throw new EtagMismatchError(`Cannot mark item "${item._id}": it keeps changing`);
}
