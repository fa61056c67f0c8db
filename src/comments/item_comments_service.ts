/**
 * Item comments (Superdesk's `CommentsService`): a comment is written by the caller on an item
 * the caller may see (commenting as someone else is a 403); `@username` and `#Desk_name`
 * mentions are resolved to ids and each mentioned user and desk gets a notification in the
 * activity log (`user:mention`, `desk:mention`). Comments are visible with their item: a list
 * naming items (`where={"item": ...}`, as the client asks) shows the comments of those the
 * caller may see; a list naming none shows the caller's own. Only the author edits or deletes.
 * Changes are announced as `item:comment`.
 */
import { ForbiddenError, ValidationError } from "../errors.ts";
import type { ActivityService } from "../activity/activity_service.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter, Projection } from "../storage/document_store.ts";
import { type Mentions, parseMentions } from "./mentions.ts";

export class ItemCommentsService extends ResourceService {
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    if (actor.kind === "system") return await super.find(query, actor);
    const named = namedItems(query.filter);
    const scope: Filter = named === undefined
      ? { user: actor.userId ?? "\u0000" }
      : { item: { $in: await this.visibleItems(named, actor) } };
    const filter = query.filter ? { $and: [query.filter, scope] } : scope;
    return await super.find({ ...query, filter }, actor);
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

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      if (actor.kind === "user") {
        if (doc.user !== undefined && doc.user !== actor.userId) {
          throw new ForbiddenError("Commenting on behalf of someone else is prohibited.");
        }
        doc.user = actor.userId;
        await this.requireItem(String(doc.item), actor);
      }
      Object.assign(doc, encodeMentions(await this.mentions(String(doc.text))));
    }
  }

  protected override async onCreated(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      decodeMentions(doc);
      await this.ctx.notify("item:comment", { item: String(doc.item) });
      await this.notifyMentioned(doc, actor);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    this.requireAuthor(original, actor);
    if ("item" in updates && updates.item !== original.item) {
      throw new ValidationError({ item: "cannot move a comment to another item" });
    }
    if (typeof updates.text === "string") {
      Object.assign(updates, encodeMentions(await this.mentions(updates.text)));
    }
  }

  protected override async onUpdated(_updates: Doc, original: Doc) {
    await this.ctx.notify("item:comment", { item: String(original.item), updated: 1 });
  }

  protected override onDelete(doc: Doc, actor: Actor) {
    this.requireAuthor(doc, actor);
  }

  protected override async onDeleted(doc: Doc) {
    await this.ctx.notify("item:comment", { item: String(doc.item), deleted: 1 });
  }

  protected override onFetched(docs: Doc[]) {
    for (const doc of docs) decodeMentions(doc);
  }

  private requireAuthor(doc: Doc, actor: Actor): void {
    if (actor.kind === "user" && doc.user !== actor.userId) {
      throw new ForbiddenError("Only the author may change a comment");
    }
  }

  private async requireItem(id: string, actor: Actor): Promise<Doc> {
    const item = await this.ctx.registry.service("archive").findOne({ _id: id }, actor);
    if (!item) {
      throw new ValidationError({
        item: `value '${id}' must exist in resource 'archive', field '_id'.`,
      });
    }
    return item;
  }

  /** The ids among `ids` of the items `actor` may see. */
  private async visibleItems(ids: string[], actor: Actor): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await this.ctx.registry.service("archive").find({
      filter: { _id: { $in: ids } },
      page: 1,
      maxResults: ids.length,
      projection: { _id: 1 },
      skipCount: true,
    }, actor);
    return found.items.map((item) => String(item._id));
  }

  private async mentions(text: string): Promise<Mentions> {
    const { users, desks } = parseMentions(text);
    const byName = async (resource: string, field: string, names: string[]) => {
      if (names.length === 0) return {};
      const found = await this.ctx.registry.service(resource).find({
        filter: { [field]: { $in: names } },
        page: 1,
        maxResults: names.length,
        projection: { [field]: 1 },
        skipCount: true,
      });
      return Object.fromEntries(found.items.map((doc) => [String(doc[field]), String(doc._id)]));
    };
    return {
      mentioned_users: await byName("users", "username", users),
      mentioned_desks: await byName("desks", "name", desks),
    };
  }

  /** Mentioned users and desks get a notification (Superdesk's `notify_mentioned_*`). */
  private async notifyMentioned(doc: Doc, actor: Actor): Promise<void> {
    if (!this.ctx.registry.has("activity")) return;
    const users = Object.values((doc.mentioned_users ?? {}) as Record<string, string>);
    const desks = Object.values((doc.mentioned_desks ?? {}) as Record<string, string>);
    if (users.length === 0 && desks.length === 0) return;
    const item = await this.ctx.registry.service("archive").findOne({ _id: String(doc.item) });
    const activity = this.ctx.registry.service<ActivityService>("activity");
    const data = { type: "comment", comment: doc.text, comment_id: String(doc._id) };
    const notified = [
      { name: "user:mention", notify: users },
      { name: "desk:mention", notifyDesks: desks },
    ];
    for (const { name, ...recipients } of notified) {
      if ((recipients.notify ?? recipients.notifyDesks ?? []).length === 0) continue;
      await activity.record(
        { name, message: "", item: item ?? undefined, data, ...recipients },
        actor.userId,
      );
    }
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

/** Mongo keys cannot hold ".": Superdesk stores mention keys with ";" instead. */
function encodeMentions(mentions: Mentions): Mentions {
  const encode = (map: Record<string, string>) =>
    Object.fromEntries(Object.entries(map).map(([key, id]) => [key.replaceAll(".", ";"), id]));
  return {
    mentioned_users: encode(mentions.mentioned_users),
    mentioned_desks: encode(mentions.mentioned_desks),
  };
}

function decodeMentions(doc: Doc): void {
  for (const field of ["mentioned_users", "mentioned_desks"]) {
    const map = doc[field] as Record<string, string> | undefined;
    if (!map) continue;
    doc[field] = Object.fromEntries(
      Object.entries(map).map(([key, id]) => [key.replaceAll(";", "."), id]),
    );
  }
}
