/** Superdesk's features/comments.feature (the generic `/comments` resource) over HTTP. */
import { MAIL_MISSING, mailbox, mailEnv } from "./_mail_steps.ts";
import { mentionInComment } from "./_mention_steps.ts";
import { feature } from "./feature.ts";

feature("comments", (f) => {
  f.scenario("Create comment", ["auth"], async (s) => {
    await s.givenEmpty("comments");
    await s.postWithSuccess("/comments", `[{"text": "test comment", "item": "xyz"}]`);
    await s.get("/comments");
    s.list(1, `{"_items": [{"text": "test comment", "item": "xyz"}]}`);
  });

  f.scenario("Create comments", ["auth"], async (s) => {
    await s.givenEmpty("comments");
    await s.postWithSuccess("/comments", `[{"text": "test comment", "item": "xyz"}]`);
    await s.postWithSuccess("/comments", `[{"text": "test comment 1", "item": "xyz"}]`);
    await s.get(`/comments?embedded={"user":1}`);
    s.list(
      2,
      `{"_items": [{"text": "test comment", "user": {"username": "test_user"}},
        {"text": "test comment 1", "user": {"username": "test_user"}}]}`,
    );
  });

  f.scenario("Create comment (Fail) - wrong user supplied", ["auth"], async (s) => {
    await s.givenEmpty("comments");
    await s.postWithSuccess(
      "users",
      `{"username": "foo", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`,
    );
    await s.post("/comments", `[{"text": "test comment", "item": "xyz", "user": "#users._id#"}]`);
    s.code(
      403,
      `{"_status": "ERR", "_message": "Commenting on behalf of someone else is prohibited."}`,
    );
  });

  f.scenario("Create comment with one user mention", ["auth", "notification"], async (s) => {
    const email = mailbox("joe@black.com");
    await s.givenEmpty("comments");
    await s.post(
      "/users",
      `{"username": "joe.black", "display_name": "Joe Black", "email": "${email}",
        "is_active": true, "sign_off": "abc"}`,
    );
    s.newResource(`{"username": "joe.black", "display_name": "Joe Black", "email": "${email}"}`);
    await mentionInComment(
      s,
      "/comments",
      `[{"text": "test comment @no_user with one user mention @joe.black", "item": "xyz"}]`,
      email,
    );
    await s.get("/comments");
    s.list(
      1,
      `{"_items": [{"text": "test comment @no_user with one user mention @joe.black",
        "item": "xyz", "mentioned_users": {"joe.black": "#users._id#"}}]}`,
    );
    await s.get("/users/test_user");
    s.key("_id");
    await s.notifications(
      `[{"event": "comments", "extra": {"item": "xyz"}, "_created": "__any_value__"},
        {"event": "activity"}]`,
    );
  }, { env: mailEnv(), ignore: MAIL_MISSING });
});
