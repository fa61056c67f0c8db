/**
 * The e-mail a user mentioned in a comment gets (Superdesk's `send_email_to_mentioned_users`):
 * "You were mentioned in a comment by <author>", with the comment and a link to it in the web
 * client, sent to each mentioned user with an address who keeps e-mail notifications on. One
 * message per recipient, so no one learns the others' addresses.
 */
import { emailNotifications, preferencesOfUser } from "../auth/user_preferences.ts";
import type { SendMail } from "../mail/mail_sender.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";

/** Mails the users `userIds` mentioned in `comment`, written by user `authorId`. */
export async function mailMentionedUsers(
  ctx: ServiceContext,
  send: SendMail,
  { comment, userIds, authorId }: { comment: Doc; userIds: string[]; authorId: string },
): Promise<void> {
  if (userIds.length === 0) return;
  const users = ctx.registry.service("users");
  const found = await users.find({
    filter: { _id: { $in: userIds } },
    page: 1,
    maxResults: userIds.length,
    skipCount: true,
  });
  const recipients: string[] = [];
  for (const user of found.items) {
    if (typeof user.email !== "string" || user.email === "") continue;
    if (emailNotifications(await preferencesOfUser(ctx.registry, user))) {
      recipients.push(user.email);
    }
  }
  if (recipients.length === 0) return;
  const author = await users.findOne({ _id: authorId });
  const name = String(author?.display_name || author?.username || "");
  const link = `${ctx.config.clientUrl}/#/workspace?item=${
    encodeURIComponent(String(comment.item))
  }&action=edit&comments=${encodeURIComponent(String(comment._id))}`;
  const text = `${name} mentioned you in a comment to the following article: ${link}.\n` +
    `Comment:\n${comment.text}`;
  for (const to of recipients) {
    await send({ to, subject: `You were mentioned in a comment by ${name}`, text });
  }
}
