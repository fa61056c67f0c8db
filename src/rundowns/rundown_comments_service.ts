/**
 * Rundown comments (Superdesk's `RundownCommentsService`): comments (`CommentsService`) on a
 * rundown item that exists, announced to nobody but the users they mention, who get a
 * `rundown-item-comment` activity naming the item, its rundown and the author, with the ids the
 * web client's broadcasting extension opens.
 */
import type { ActivityService } from "../activity/activity_service.ts";
import { CommentsService } from "../comments/comments_service.ts";
import { ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";

export class RundownCommentsService extends CommentsService {
  protected override readonly notificationKey = "rundown_comments";
  protected override readonly notifications = false;

  protected override async checkItem(doc: Doc): Promise<void> {
    if (!(await this.ctx.registry.service("rundown_items").findOne({ _id: doc.item }))) {
      throw new ValidationError({ item: `rundown item "${doc.item}" does not exist` });
    }
  }

  protected override async onCreated(docs: Doc[], actor: Actor) {
    await super.onCreated(docs, actor);
    const { registry } = this.ctx;
    if (!registry.has("activity")) return;
    for (const doc of docs) {
      const users = [
        ...new Set(Object.values((doc.mentioned_users ?? {}) as Record<string, string>)),
      ];
      if (users.length === 0) continue;
      const item = await registry.service("rundown_items").findOne({ _id: doc.item });
      const rundown = item
        ? await registry.service("rundowns").findOne({ _id: item.rundown })
        : null;
      const author = await registry.service("users").findOne({ _id: doc.user });
      await registry.service<ActivityService>("activity").record({
        name: "rundown-item-comment",
        message: `You were mentioned in "${item?.title ?? ""}" ("${rundown?.title ?? ""}") ` +
          `comment by ${displayName(author)}.`,
        resource: "rundown_items",
        notify: users,
        data: {
          message: doc.text,
          rundownId: item?.rundown ?? null,
          rundownItemId: doc.item,
          extension: "broadcasting",
        },
      }, actor.userId);
    }
  }
}

/** Superdesk's `get_display_name`: the display name, else first and last name, else username. */
function displayName(user: Doc | null): string {
  if (!user) return "";
  if (typeof user.display_name === "string" && user.display_name) return user.display_name;
  const full = [user.first_name, user.last_name].filter((part) => typeof part === "string" && part)
    .join(" ");
  return full || String(user.username ?? "");
}
