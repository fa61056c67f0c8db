/**
 * Inline-comment mentions under concurrency (`src/comments/inline_mentions.ts`), on both setups:
 * two PATCHes of an item read at the same version, each bringing the same new inline comment,
 * store it once (the other is a 412) and notify the mentioned user once: one activity entry, one
 * queued e-mail. The client that lost reads the item again and finds the comment marked.
 */
import assert from "node:assert/strict";
import { MENTION_MAIL_TASK } from "../../src/comments/mention_mail_task.ts";
import { loginAs } from "../_auth.ts";
import { perEngineTest } from "../_engine_app.ts";

/** A PATCH body whose body editor state holds the inline comment `msg`. */
function withComment(msg: string, notified?: boolean): unknown {
  const comment = notified ? { msg, notified } : { msg };
  return {
    fields_meta: {
      body_html: { draftjsState: [{ blocks: [{ data: { __PUBLIC_API__comments: [comment] } }] }] },
    },
  };
}

perEngineTest("two concurrent PATCHes bringing one inline mention notify once", async (app) => {
  const author = await loginAs(app, { username: "author", admin: true });
  const reader = await loginAs(app, { username: "reader", admin: true });
  const item = await (await author.post("/api/archive", { type: "text" })).json();
  const msg = `look @[reader](user:${reader.userId})`;
  const responses = await Promise.all(
    [0, 1].map(() =>
      author.patch(`/api/archive/${item._id}`, withComment(msg), { etag: item._etag })
    ),
  );
  const statuses = await Promise.all(responses.map(async (response) => {
    await response.body?.cancel();
    return response.status;
  }));
  assert.deepEqual(statuses.sort(), [200, 412]);

  const stored = await (await author.get(`/api/archive/${item._id}`)).json();
  assert.deepEqual(
    stored.fields_meta.body_html.draftjsState[0].blocks[0].data.__PUBLIC_API__comments,
    [{ msg, notified: true }],
  );
  const mine = encodeURIComponent(JSON.stringify({ "recipients.user_id": reader.userId }));
  const notes = await (await reader.get(`/api/activity?where=${mine}`)).json();
  assert.deepEqual(notes._items.map((note: { name: string }) => note.name), [
    "user:mention",
  ]);
  const queued = await app.platform.queue.read("test-inline", {
    count: 100,
    queues: ["default"],
  });
  assert.equal(queued.filter((entry) => entry.task === MENTION_MAIL_TASK).length, 1);

  // The loser's retry, on the stored version, carries the mark: no second notification.
  const retried = await author.patch(
    `/api/archive/${item._id}`,
    withComment(msg, true),
    { etag: stored._etag },
  );
  assert.equal(retried.status, 200, await retried.text());
  const after = await (await reader.get(`/api/activity?where=${mine}`)).json();
  assert.equal(after._items.length, 1);
});
