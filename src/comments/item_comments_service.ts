/**
 * Item comments (Superdesk's `ItemCommentsService`): comments (`CommentsService`) on a content
 * item the caller may see. Comments are visible with their item: a list naming items
 * (`where={"item": ...}`, as the client asks) shows the comments of those the caller may see; a
 * list naming none shows the caller's own, and so a collection DELETE deletes the caller's own. A
 * comment stays on its item. Changes are announced as `item:comment`.
 */
import { ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import type { Doc, Filter, Projection } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { CommentsService } from "./comments_service.ts";

export class ItemCommentsService extends CommentsService {
  protected override readonly notificationKey = "item:comment";

  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    if (actor.kind === "system") return await super.find(query, actor);
    const named = namedItems(query.filter);
    const scope: Filter = named === undefined
      ? ownComments(actor)
      : { item: { $in: await this.visibleItems(named, actor) } };
    const filter = query.filter ? { $and: [query.filter, scope] } : scope;
    return await super.find({ ...query, filter }, actor);
  }

  /** A user's collection DELETE deletes what the user's list naming no item shows: their own. */
  protected override collectionDeleteScope(actor: Actor): Filter | undefined {
    return actor.kind === "system" ? undefined : ownComments(actor);
  }

  override async findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    const doc = await super.findOne(filter, actor, options);
    if (!doc || actor.kind === "system") return doc;
    const visible = await this.visibleItems([String(doc.item)], actor);
    return visible.length > 0 ? doc : null;
  }

  protected override async checkItem(doc: Doc, actor: Actor): Promise<void> {
    const id = String(doc.item);
    const item = await this.ctx.registry.service("archive").findOne({ _id: id }, actor);
    if (!item) {
      throw new ValidationError({
        item: `value '${id}' must exist in resource 'archive', field '_id'.`,
      });
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    await super.onUpdate(updates, original, actor);
    if ("item" in updates && updates.item !== original.item) {
      throw new ValidationError({ item: "cannot move a comment to another item" });
    }
  }

  /** The ids among `ids` of the items `actor` may open (never-saved drafts included). */
  private async visibleItems(ids: string[], actor: Actor): Promise<string[]> {
    return await this.ctx.registry.service<ArchiveService>("archive").openableIds(ids, actor);
  }
}

/** The items a list names by `item` (a value or `$in`), or undefined when it names none. */
function namedItems(filter: Filter | undefined): string[] | undefined {
  const item = filter?.item;
  if (typeof item === "string") return [item];
  const list = (item as { $in?: unknown } | undefined)?.$in;
  if (Array.isArray(list)) return list.map(String);
  return undefined;
}

/** The comments `actor` wrote. */
function ownComments(actor: Actor): Filter {
  return { user: actor.userId ?? "\u0000" };
}
