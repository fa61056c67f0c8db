/**
 * `we mention user in comment for "<url>"` over the test mail server (`_mail_steps.ts`): the
 * post sends the mentioned user exactly one e-mail, "You were mentioned in a comment by
 * test_user", with a text. Superdesk counts every message its mail recorder saw during the post;
 * the shared server is read per address instead, so the step names the mentioned user's (unique)
 * address and counts what arrived there during the post (an activation e-mail may be there
 * already). The mail is a queued task here: the step runs it after the post, as a worker would.
 * `mailsDuring` is `we get <n> emails` in the same way, for any step.
 */
import assert from "node:assert/strict";
import { MENTION_MAIL_TASK } from "../../src/comments/mention_mail_task.ts";
import { runQueuedTasks } from "../_queued_tasks.ts";
import { inbox, type Received } from "./_mail_steps.ts";
import type { Scenario } from "./scenario.ts";

/** Posts `text` to `url`, then checks `address` got the one mention e-mail. */
export async function mentionInComment(
  s: Scenario,
  url: string,
  text: string,
  address: string,
): Promise<void> {
  const before = (await inbox(address)).length;
  await s.post(url, text);
  await runQueuedTasks(s.app.platform, MENTION_MAIL_TASK);
  const after = await inbox(address);
  assert.equal(after.length, before + 1, `messages to ${address}: ${JSON.stringify(after)}`);
  assert.equal(after.at(-1)!.subject, "You were mentioned in a comment by test_user");
  assert.ok(after.at(-1)!.text.includes("mentioned you in a comment"));
}

/**
 * Runs `step`, then the queued mention mails as a worker would, and returns the messages that
 * reached `address` meanwhile (`we get <n> emails`).
 */
export async function mailsDuring(
  s: Scenario,
  address: string,
  step: () => Promise<unknown>,
): Promise<Received[]> {
  const before = (await inbox(address)).length;
  await step();
  await runQueuedTasks(s.app.platform, MENTION_MAIL_TASK);
  return (await inbox(address)).slice(before);
}
