/**
 * What a mention sets off (Superdesk's `notify_mentioned_users` and `notify_mentioned_desks`):
 * each mentioned user and desk gets an unread `user:mention` / `desk:mention` entry in the
 * activity log naming the content item, and the mentioned users an e-mail, sent by a queued task
 * (`mention_mail_task.ts`). Comments (`comments_service.ts`) and inline comments in an item's
 * editor state (`inline_mentions.ts`) both go through here.
 */
import type { ActivityService } from "../activity/activity_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { queueMentionMail } from "./mention_mail_task.ts";

/** One comment's mentions: its text and id, the item it is on, who is mentioned, who wrote it. */
export interface MentionNotice {
  /** The comment's id (an inline comment has none: ""). */
  commentId: string;
  /** Tells this comment's queued e-mail apart from others' (`queueMentionMail`'s `key`). */
  key: string;
  text: string;
  /** The content item the comment is on, when it is one. */
  item: Doc | null;
  /** The item's id as the mail's link names it. */
  itemId: string;
  users: string[];
  desks: string[];
  /** The author's user id; none for the system (no e-mail then). */
  author?: string;
}

/** Records the mentions of `notice` and queues the mentioned users' e-mail. */
export async function notifyMentions(ctx: ServiceContext, notice: MentionNotice): Promise<void> {
  const { users, desks, author } = notice;
  if (users.length === 0 && desks.length === 0) return;
  if (ctx.registry.has("activity")) {
    const activity = ctx.registry.service<ActivityService>("activity");
    const data = { type: "comment", comment: notice.text, comment_id: notice.commentId };
    const item = notice.item ?? undefined;
    if (users.length > 0) {
      await activity.record(
        { name: "user:mention", message: "", item, data, notify: users },
        author,
      );
    }
    if (desks.length > 0) {
      await activity.record(
        { name: "desk:mention", message: "", item, data, notifyDesks: desks },
        author,
      );
    }
  }
  if (author && users.length > 0) {
    await queueMentionMail(ctx.queue, {
      comment: { _id: notice.commentId, item: notice.itemId, text: notice.text },
      userIds: users,
      author,
      key: notice.key,
    });
  }
}
