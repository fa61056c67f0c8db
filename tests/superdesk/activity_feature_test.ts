/** Superdesk's features/activity.feature over HTTP. */
import { feature } from "./feature.ts";
import { picture, uploadFile } from "./_media_steps.ts";

const MENTIONS = "the generic `/comments` resource and mention e-mails";

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
    // Deleting a user removes the account here (README), so the entry says so; Superdesk
    // disables it ("disabled user {{user}}").
    s.existingResource(
      `{"_items": [{"data": {"user": "foo"}, "message": "removed user {{user}}"}]}`,
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
  f.needs("Filter activity by desk", "the `tasks` resource");
  f.needs("Read notification by a user who is not meant to:", MENTIONS);
  f.needs("Read notification of a desk:", MENTIONS);
  f.needs("Read notification successful :", MENTIONS);
  f.needs("Read notification attempt bad transition :", MENTIONS);

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
