/**
 * Superdesk's features/activity.feature over HTTP. Where the mention e-mail goes to `test_user`,
 * its address is first made unique to the run (the test mail server is shared; see
 * `_mail_steps.ts`).
 */
import { MAIL_MISSING, mailbox, mailEnv } from "./_mail_steps.ts";
import { mentionInComment } from "./_mention_steps.ts";
import { feature } from "./feature.ts";
import { picture, uploadFile } from "./_media_steps.ts";
import type { Scenario } from "./scenario.ts";

const MAIL = { env: mailEnv(), ignore: MAIL_MISSING };

/** Posts user `joe` with an address of the run's own; returns it. */
async function postJoe(s: Scenario): Promise<string> {
  const email = mailbox("joe@black.com");
  await s.post(
    "/users",
    `{"username": "joe", "display_name": "Joe Black", "email": "${email}", "is_active": true,
      "sign_off": "abc"}`,
  );
  return email;
}

/** Gives the signed-in `test_user` an address of the run's own; returns it. */
async function ownAddress(s: Scenario): Promise<string> {
  const email = mailbox("behave_test@sourcefabric.org");
  await s.patch("/users/#CONTEXT_USER_ID#", `{"email": "${email}"}`);
  s.code(200);
  return email;
}

const MENTION_SELF =
  `[{"text": "test comment @nouser with one user mention @test_user", "item": "xyz"}]`;

feature("activity", (f) => {
  f.scenario("User activity", ["auth"], async (s) => {
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`,
    );
    s.code(201);
    await s.get("/activity/");
    s.existingResource(
      `{"_items": [{"data": {"user": "foo"}, "message": "created user {{user}}"}]}`,
    );
    await s.delete("/users/#users._id#");
    s.code(204);
    await s.get("/activity/");
    s.existingResource(
      `{"_items": [{"data": {"user": "foo"}, "message": "disabled user {{user}}"}]}`,
    );
  });

  f.scenario("Image archive activity", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    const bytes = await picture(60, 40);
    await uploadFile(s, "archive", { bytes, filename: "bike.jpg", type: "image/jpeg" });
    await s.get("/activity/");
    s.existingResource(
      `{"_items": [{"data": {"renditions": {}, "name": "image/jpeg"},
        "message": "uploaded media {{ name }}"}]}`,
    );
  });
  f.scenario("Filter activity by desk", ["auth"], async (s) => {
    await s.givenEmpty("activity");
    await s.given("desks", `[{"name": "test_desk1"}]`);
    await s.given("stages", `[{"name": "first stage", "desk": "#desks._id#"}]`);
    await s.given("archive", `[{"guid": "tag:example.com,0000:newsml_BRE9A605"}]`);
    await s.patch(
      "/tasks/tag:example.com,0000:newsml_BRE9A605",
      `{"task":{"user":"#user._id#","stage":"#stages._id#","desk":"#desks._id#"}}`,
    );
    s.existingResource(
      `{"task":{"user":"#user._id#","stage":"#stages._id#","desk":"#desks._id#"}}`,
    );
    await s.get(`/activity?where={"desk": "#desks._id#"}`);
    s.existingResource(
      `{"_items": [{"user":"#user._id#", "item":"tag:example.com,0000:newsml_BRE9A605", "desk":"#desks._id#"}]}`,
    );
    await s.get(`/activity?where={"desk": "invalid_desk_id"}`);
    s.list(0);
  });
  f.scenario("Read notification by a user who is not meant to:", ["auth"], async (s) => {
    await s.givenEmpty("comments");
    const email = await postJoe(s);
    await mentionInComment(
      s,
      "/comments",
      `[{"text": "test comment @nouser with one user mention @joe", "item": "xyz"}]`,
      email,
    );
    await s.activity();
    await s.patch("/activity/#activity._id#", `{"read": {"#users._id#": 1}}`);
    s.code(400);
  }, MAIL);

  f.wrong(
    "Read notification of a desk:",
    "a desk's notification is marked read only by a member of the desk (Superdesk lets any " +
      "user who names the desk and themselves in the update; the scenario's user is no member)",
  );

  f.scenario("Read notification successful :", ["auth"], async (s) => {
    await s.givenEmpty("comments");
    const email = await ownAddress(s);
    await mentionInComment(s, "/comments", MENTION_SELF, email);
    await s.activity();
    await s.patch(
      "/activity/#activity._id#",
      `{"recipients": [{"user_id": "#user._id#", "read": true}]}`,
    );
    s.code(200);
  }, MAIL);

  f.scenario("Read notification attempt bad transition :", ["auth"], async (s) => {
    await s.givenEmpty("comments");
    const email = await ownAddress(s);
    await mentionInComment(s, "/comments", MENTION_SELF, email);
    await s.activity();
    await s.patch("/activity/#activity._id#", `{"read": {"#users._id#": 0}}`);
    s.code(400);
  }, MAIL);

  f.scenario("Verify if activity was created on archive operations", ["auth"], async (s) => {
    await s.givenEmpty("activity");
    await s.givenEmpty("archive");
    await s.post("/archive", `[{"guid": "some-global-unique-id", "type": "text"}]`);
    s.ok();
    await s.patch("/archive/some-global-unique-id", `{"headline": "test"}`);
    await s.get("/activity");
    s.list(
      2,
      `{"_items": [
        {"item": "some-global-unique-id",
         "message": "added new {{ type }} item with empty header/title",
         "data": {"type": "text", "subject": "__any_value__"}},
        {"item": "some-global-unique-id",
         "message": "created new version {{ version }} for item {{ type }} about \\"{{ subject }}\\"",
         "data": {"version": 2, "type": "text", "subject": "test"}}]}`,
    );
  });

  f.scenario(
    "A user should not the see activity on personal items of another user",
    ["auth"],
    async (s) => {
      await s.givenEmpty("activity");
      await s.givenEmpty("archive");
      await s.post("/archive", `[{"guid": "some-global-unique-id", "type": "text"}]`);
      s.ok();
      await s.patch("/archive/some-global-unique-id", `{"headline": "test"}`);
      await s.post(
        "/users",
        `{"username": "foo", "password": "foofoo", "email": "foo@bar.com", "sign_off": "fb"}`,
      );
      s.code(201);
      s.resources.previous_user = s.user;
      await s.loginAs("foo", "foofoo", `{"user_type": "user"}`);
      await s.get(`/activity?where={"user":"#previous_user._id#"}`);
      s.list(
        1,
        `{"_items": [
          {"resource": "users",
           "message": "created user {{user}}",
           "data": {"user": "foo"}}]}`,
      );
    },
  );
});
