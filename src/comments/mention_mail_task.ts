/**
 * The mention e-mails of a comment as a durable task (`comments:mail-mentions`): the comment's
 * request queues it once the comment is stored and answers at once, so a slow or stalled SMTP
 * server holds a worker, never the request; a worker lost while sending runs it again.
 */
import type { SendMail } from "../mail/mail_sender.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import { mailMentionedUsers } from "./mention_mail.ts";

/** The task's name. */
export const MENTION_MAIL_TASK = "comments:mail-mentions";

/** What the mail needs: the comment as stored, who is mentioned, who wrote it. */
export interface MentionMailArgs {
  comment: { _id: string; item: string; text: string };
  user_ids: string[];
  author: string;
}

/** The task, sending with `mail` (the comments app's sender). */
export function mentionMailTask(mail: SendMail) {
  return defineTask<MentionMailArgs, ServiceContext>({
    name: MENTION_MAIL_TASK,
    async handler({ comment, user_ids, author }, { services }) {
      await mailMentionedUsers(services, mail, { comment, userIds: user_ids, authorId: author });
    },
  });
}

/**
 * Queues the mails of `comment` (written by user `author`) to the users `userIds`; `key` tells
 * the task apart while it waits (a comment's id; an inline comment, which has none, names its
 * item and the write that brought it).
 */
export async function queueMentionMail(
  queue: TaskQueue,
  { comment, userIds, author, key }: {
    comment: MentionMailArgs["comment"];
    userIds: string[];
    author: string;
    key: string;
  },
): Promise<void> {
  const args: MentionMailArgs = { comment, user_ids: userIds, author };
  await queue.enqueue({ name: MENTION_MAIL_TASK, queue: "default" }, args, {
    uniqueKey: `${MENTION_MAIL_TASK}:${key}`,
  });
}
