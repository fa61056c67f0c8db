/**
 * Comments (Superdesk's `CommentsService`): a comment is written by the caller (commenting as
 * someone else is a 403); `@username` and `#Desk_name` mentions are resolved to ids and each
 * mentioned user and desk gets a notification in the activity log (`user:mention`,
 * `desk:mention`), mentioned users an e-mail too (`mention_notify.ts`). Only the author edits
 * or deletes. Changes are announced under
 * `notificationKey` (`comments` here). `ItemCommentsService` adds the content item's rules.
 */
import { ForbiddenError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { notifyMentions } from "./mention_notify.ts";
import { type Mentions, parseMentions } from "./mentions.ts";

export class CommentsService extends ResourceService {
  /** The event changes are announced as. */
  protected readonly notificationKey: string = "comments";

  /** Whether a new comment is announced and its mentions notified (Superdesk's `notifications`). */
  protected readonly notifications: boolean = true;

  /** Checks what a new comment is on (nothing for generic comments). */
  protected checkItem(_doc: Doc, _actor: Actor): Promise<void> | void {}

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      if (actor.kind === "user") {
        if (doc.user !== undefined && doc.user !== actor.userId) {
          throw new ForbiddenError("Commenting on behalf of someone else is prohibited.");
        }
        doc.user = actor.userId;
        await this.checkItem(doc, actor);
      }
      Object.assign(doc, encodeMentions(await this.mentions(String(doc.text))));
    }
  }

  protected override async onCreated(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      decodeMentions(doc);
      if (!this.notifications) continue;
      await this.ctx.notify(this.notificationKey, { item: String(doc.item) });
      await this.notifyMentioned(doc, actor);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    this.requireAuthor(original, actor);
    if (typeof updates.text === "string") {
      Object.assign(updates, encodeMentions(await this.mentions(updates.text)));
    }
  }

  protected override async onUpdated(_updates: Doc, original: Doc) {
    await this.ctx.notify(this.notificationKey, { item: String(original.item), updated: 1 });
  }

  protected override onDelete(doc: Doc, actor: Actor) {
    this.requireAuthor(doc, actor);
  }

  protected override async onDeleted(doc: Doc) {
    await this.ctx.notify(this.notificationKey, { item: String(doc.item), deleted: 1 });
  }

  protected override onFetched(docs: Doc[]) {
    for (const doc of docs) decodeMentions(doc);
  }

  private requireAuthor(doc: Doc, actor: Actor): void {
    if (actor.kind === "user" && doc.user !== actor.userId) {
      throw new ForbiddenError("Only the author may change a comment");
    }
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

  /** Mentioned users and desks get a notification, the users an e-mail (`mention_notify.ts`). */
  private async notifyMentioned(doc: Doc, actor: Actor): Promise<void> {
    const users = Object.values((doc.mentioned_users ?? {}) as Record<string, string>);
    const desks = Object.values((doc.mentioned_desks ?? {}) as Record<string, string>);
    if (users.length === 0 && desks.length === 0) return;
    // The notification names the content item when the comment is on one (Superdesk's).
    const item = this.ctx.registry.has("archive")
      ? await this.ctx.registry.service("archive").findOne({ _id: String(doc.item) })
      : null;
    await notifyMentions(this.ctx, {
      commentId: String(doc._id),
      key: String(doc._id),
      text: String(doc.text),
      item,
      itemId: String(doc.item),
      users,
      desks,
      author: actor.kind === "user" ? actor.userId : undefined,
    });
  }
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
