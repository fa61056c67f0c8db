/**
 * Superdesk's features/archive_comments.feature over HTTP. Its item fixture is a personal item
 * (no desk); here only its creator sees a personal item, so the fixture names the signed-in
 * user as `original_creator` (Superdesk's fixture has no creator at all), and its guid is its
 * id (our archive makes an item's id its guid; the fixture's differ).
 */
import assert from "node:assert/strict";
import { MAIL_MISSING, mailbox, mailEnv } from "./_mail_steps.ts";
import { mailsDuring, mentionInComment } from "./_mention_steps.ts";
import { feature } from "./feature.ts";

const ITEM =
  `[{"_id": "xyz", "guid": "xyz", "headline": "test", "original_creator": "#CONTEXT_USER_ID#"}]`;

/** An item's `fields_meta` whose body's editor state holds the inline comment `comment`. */
function inlineComments(comment: string): string {
  return `{"fields_meta": {"body_html": {"draftjsState": [{"blocks": [{"data":
    {"__PUBLIC_API__comments": [${comment}]}, "depth": 0, "inlineStyleRanges": [],
    "entityRanges": []}]}]}}}`;
}

feature("archive_comments", (f) => {
  f.scenario("Create comment for item", ["auth"], async (s) => {
    await s.given("archive", ITEM);
    await s.givenEmpty("item_comments");
    await s.post("/item_comments", `[{"text": "test comment", "item": "xyz"}]`);
    await s.get("/item_comments");
    s.list(1, `{"_items": [{"text": "test comment", "item": "xyz"}]}`);
  });

  f.scenario("Create comments for item", ["auth"], async (s) => {
    await s.given("archive", ITEM);
    await s.givenEmpty("item_comments");
    await s.givenEmpty("activity");
    await s.post("/item_comments", `[{"text": "test comment", "item": "xyz"}]`);
    await s.post("/item_comments", `[{"text": "test comment 1", "item": "xyz"}]`);
    await s.get("/item_comments");
    s.list(2);
    await s.get("/activity");
    s.list(0);
  });

  f.scenario("Create comment for item - get from /archive/_id/comments", ["auth"], async (s) => {
    await s.given("archive", ITEM);
    await s.givenEmpty("item_comments");
    await s.post("/item_comments", `[{"text": "test comment", "item": "xyz"}]`);
    await s.get("/archive/xyz/comments");
    s.list(1, `{"_items": [{"text": "test comment", "item": "xyz"}]}`);
  });

  f.scenario("Create comment for item(Fail) - wrong user supplied", ["auth"], async (s) => {
    await s.given("archive", ITEM);
    await s.givenEmpty("item_comments");
    await s.post(
      "users",
      `{"username": "foo", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`,
    );
    await s.post(
      "/item_comments",
      `[{"text": "test comment", "item": "xyz", "user": "#users._id#"}]`,
    );
    s.code(
      403,
      `{"_status": "ERR", "_message": "Commenting on behalf of someone else is prohibited."}`,
    );
  });

  f.scenario(
    "Create comment for item(Fail) - get from /archive/wrong_id/comments",
    ["auth"],
    async (s) => {
      await s.given("archive", ITEM);
      await s.givenEmpty("item_comments");
      await s.post("/item_comments", `[{"text": "test comment", "item": "xyz"}]`);
      await s.get("/archive/wrong_id/comments");
      s.code(404, `{"_message": "Invalid content item ID provided: wrong_id", "_status": "ERR"}`);
    },
  );

  f.scenario("Create comment for item(Fail) - wrong archive item supplied", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.givenEmpty("item_comments");
    await s.post("/item_comments", `[{"text": "test comment", "item": "xyz"}]`);
    s.code(
      400,
      `{"_issues": {"item": "value 'xyz' must exist in resource 'archive', field '_id'."}, "_status": "ERR", "_error": {"code": 400, "message": "Insertion failure: 1 document(s) contain(s) error(s)"}}`,
    );
  });

  f.scenario(
    "Create comment for item with user one mentions",
    ["auth", "notification"],
    async (s) => {
      const email = mailbox("joe@black.com");
      await s.given("archive", ITEM);
      await s.givenEmpty("item_comments");
      await s.post(
        "/users",
        `{"username": "joe", "display_name": "Joe Black", "email": "${email}", "is_active": true,
        "sign_off": "abc"}`,
      );
      s.newResource(`{"username": "joe", "display_name": "Joe Black", "email": "${email}"}`);
      await mentionInComment(
        s,
        "/item_comments",
        `[{"text": "test comment @no_user with one user mention @joe", "item": "xyz"}]`,
        email,
      );
      await s.get("/item_comments");
      s.list(
        1,
        `{"_items": [{"text": "test comment @no_user with one user mention @joe", "item": "xyz",
        "mentioned_users": {"joe": "#users._id#"}}]}`,
      );
      await s.get("/users/test_user");
      s.key("_id");
      await s.notifications(
        `[{"event": "item:comment", "extra": {"item": "xyz"}, "_created": "__any_value__"},
        {"event": "activity"}]`,
      );
    },
    { env: mailEnv(), ignore: MAIL_MISSING },
  );
  f.scenario("Send notifications on mentions in inline comments", ["auth"], async (s) => {
    const email = mailbox("foo@example.com");
    await s.given("users", `[{"username": "foo", "email": "${email}"}]`);
    await s.given("archive", ITEM);
    const mention = "@[foo](user:#users._id#)";
    const patch = () => s.patch("/archive/xyz", inlineComments(`{"msg": "hello ${mention}"}`));
    const first = await mailsDuring(s, email, patch);
    const notified = inlineComments(`{"msg": "hello ${mention}", "notified": true}`);
    s.ok(notified, { updated: true });
    assert.equal(first.length, 1, JSON.stringify(first));
    assert.equal(first[0]!.subject, "You were mentioned in a comment by test_user");
    assert.ok(first[0]!.text.includes("hello foo"), first[0]!.text);
    await s.get("/archive/xyz");
    s.existingResource(notified);
    const again = await mailsDuring(s, email, () => s.patch("/archive/xyz", notified));
    assert.equal(again.length, 0, JSON.stringify(again));
    const reply = inlineComments(
      `{"msg": "hello ${mention}", "notified": true, "replies": [{"msg": "second ${mention}"}]}`,
    );
    const third = await mailsDuring(s, email, () => s.patch("/archive/xyz", reply));
    assert.equal(third.length, 1, JSON.stringify(third));
    assert.equal(third[0]!.subject, "You were mentioned in a comment by test_user");
    assert.ok(third[0]!.text.includes("second foo"), third[0]!.text);
  }, { env: mailEnv(), ignore: MAIL_MISSING });
});
