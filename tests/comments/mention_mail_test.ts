/**
 * A comment's mention e-mail is a queued task (`src/comments/mention_mail_task.ts`), on both
 * setups: the comment's request answers while the SMTP server is stalled, and the mail arrives
 * once a worker runs the task and the server answers.
 */
import assert from "node:assert/strict";
import { MENTION_MAIL_TASK } from "../../src/comments/mention_mail_task.ts";
import { loginAs } from "../_auth.ts";
import { onEachEngine, withEngineApp } from "../_engine_app.ts";
import { runQueuedTasks } from "../_queued_tasks.ts";
import { smtpStub } from "./_smtp_stub.ts";

onEachEngine(
  "a comment's request answers while the SMTP server stalls; the mail arrives",
  (engine) => {
    const smtp = smtpStub();
    return withEngineApp(engine, async (app) => {
      try {
        const author = await loginAs(app, { username: "author", admin: true });
        await loginAs(app, { username: "reader", admin: true });
        const item = await (await author.post("/api/archive", { type: "text" })).json();
        // Sending (the request's on main, a worker's here) waits on the stalled server, so the
        // request answering before the server opens is the behaviour under test.
        const response = await author.post("/api/item_comments", {
          item: item._id,
          text: "@reader have a look",
        });
        assert.equal(response.status, 201, await response.clone().text());
        await response.body?.cancel();
        const sending = runQueuedTasks(app.platform, MENTION_MAIL_TASK);
        await smtp.connected;
        smtp.open();
        assert.equal(await sending, 1);
        const message = await smtp.received;
        assert.match(message, /To: reader@example\.com/);
        assert.match(message, /mentioned you in a comment/);
      } finally {
        smtp.close();
      }
    }, {
      env: {
        MAIL_SERVER: "127.0.0.1",
        MAIL_PORT: String(smtp.port),
        HTTP_PUSH_TIMEOUT_SECONDS: "5",
      },
    });
  },
);
