/** Superdesk's features/user.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";

const FOO = `[{"username": "foo", "email": "foo@bar.org", "is_active": true}]`;
const FIRST_LAST =
  `[{"username": "foo", "email": "foo@bar.org", "first_name": "first", "last_name": "last", "is_active": true}]`;

feature("user", (f) => {
  f.needs("Create a user", "activation e-mail");
  f.needs("Create a user with @bwh.harvard.edu", "activation e-mail");
  f.needs("Create a user with biography, facebook, twitter and instagram", "activation e-mail");

  f.scenario("Test twitter validation", ["auth"], async (s) => {
    await s.givenEmpty("users");
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "foo@bar.com", "sign_off": "asd", "twitter": "hellou"}`,
    );
    s.code(400, `{"_status": "ERR", "_issues": {"twitter": {"pattern": 1}}}`);
  });

  f.scenario("Test email validation", ["auth"], async (s) => {
    await s.givenEmpty("users");
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "invalid email", "sign_off": "asd"}`,
    );
    s.code(400, `{"_status": "ERR", "_issues": {"email": "must be of email type"}}`);
  });

  f.scenario("Test unique validation", ["auth"], async (s) => {
    await s.given("users", `[{"username": "foo", "email": "foo@bar.com", "is_active": true}]`);
    await s.post("/users", `{"username": "foo", "email": "foo@bar.com", "is_active": true}`);
    s.code(
      400,
      `{"_status": "ERR", "_issues": {"email": {"unique": 1}, "username": {"unique": 1}}}`,
    );
  });

  f.scenario("Test phone validation", ["auth"], async (s) => {
    await s.givenEmpty("users");
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "foo@bar.com", "phone": "0123", "is_active": true}`,
    );
    s.code(201);
  });

  f.scenario("List users", ["auth"], async (s) => {
    await s.given(
      "users",
      `[
        {"username": "foo", "email": "foo@bar.org", "is_active": true},
        {"username": "bar", "email": "foo@bar.or", "is_active": true, "last_activity_at": "2020-10-10T10:10:10+0000"}
      ]`,
    );
    await s.get("/users");
    s.list(
      3,
      `{"_items": [
        {"username": "foo"},
        {"username": "bar", "last_activity_at": "2020-10-10T10:10:10+0000"},
        {"username": "test_user"}
      ]}`,
    );
  });

  f.scenario("Fetch single user", ["auth"], async (s) => {
    await s.given(
      "users",
      `[{"username": "foo", "first_name": "Foo", "last_name": "Bar", "email": "foo@bar.org", "is_active": true}]`,
    );
    await s.get("/users/foo");
    s.existingResource(`{
      "username": "foo", "first_name": "Foo", "last_name": "Bar", "display_name": "Foo Bar",
      "_created": "__any_value__", "_updated": "__any_value__", "_id": "__any_value__"
    }`);
    s.noKey("password");
  });

  f.scenario("Delete user", ["auth"], async (s) => {
    await s.given("users", FOO);
    await s.switchUser();
    await s.delete("/users/foo");
    s.code(204);
  });

  f.scenario("Update user", ["auth"], async (s) => {
    await s.given("users", FOO);
    await s.patch("/users/foo", `{"first_name": "Testing"}`);
    assert.equal(s.response.body.display_name, "Testing");
  });

  f.scenario("Update user first name", ["auth"], async (s) => {
    await s.given("users", FIRST_LAST);
    await s.patch("/users/foo", `{"first_name": "Testing"}`);
    assert.equal(s.response.body.display_name, "Testing last");
  });

  f.scenario("Update user last name", ["auth"], async (s) => {
    await s.given("users", FIRST_LAST);
    await s.patch("/users/foo", `{"last_name": "Testing"}`);
    assert.equal(s.response.body.display_name, "first Testing");
  });

  f.scenario("Update user type", ["auth", "notification"], async (s) => {
    await s.given(
      "users",
      `[{"username": "foo", "email": "foo@bar.org", "first_name": "first", "last_name": "last", "is_active": true, "user_type": "administrator"}]`,
    );
    await s.patch("/users/foo", `{"user_type": "user"}`);
    s.ok(undefined, { updated: true });
    await s.notifications(
      `[{"event": "user_type_changed", "extra": {"updated": 1, "user_id": "#users._id#"}}]`,
    );
  });

  f.scenario("Update user privilege", ["auth", "notification"], async (s) => {
    await s.given(
      "users",
      `[{"username": "foo", "email": "foo@bar.org", "first_name": "first", "last_name": "last", "is_active": true,
        "privileges": {"kill" : 1, "archive" : 1}}]`,
    );
    await s.patch("/users/foo", `{"privileges": {"kill" : 0}}`);
    s.ok(undefined, { updated: true });
    await s.notifications(
      `[{"event": "user_privileges_revoked", "extra": {"updated": 1, "user_id": "#users._id#"}}]`,
    );
  });

  f.needs("Change user status - inactivated", "account status e-mails");
  f.needs("Change user status - disabled", "account status e-mails");

  f.scenario("User workspace", ["auth"], async (s) => {
    await s.given(
      "users",
      `[{"username": "foo", "workspace": {"name": "my workspace"}, "email": "foo@bar.org", "is_active": true}]`,
    );
    await s.get("/users/foo");
    s.existingResource(`{"username": "foo", "workspace": {}}`);
  });

  f.wrong("Create a user with default role", "its fixture gives the role the integer _id 1");
  f.wrong("Create a user with no default role", "its fixture gives the role the integer _id 1");

  f.scenario("A logged-in user can't delete themselves from the system", ["auth"], async (s) => {
    await s.loginAs("foo", "bar");
    await s.delete("/users/#user._id#");
    s.code(403);
  });

  f.wrong(
    "A logged-in user can't change role",
    "expects 400 with a 'validator exception' issue for a privilege refusal; ours is a 403",
  );

  f.scenario("Clear sessions of a logged-in user", ["auth"], async (s) => {
    await s.given(
      "users",
      `[{"username": "foobar", "password": "barbar", "email": "foo@bar.com"}]`,
    );
    await s.get("/users/#users._id#");
    s.existingResource(`{"username": "foobar", "sign_off": "FOO"}`);
    await s.loginAs("foobar", "barbar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
    await s.switchUser();
    await s.deleteLink("/users/#users._id#/sessions");
    s.code(204);
    await s.get("/users/#users._id#");
    s.existingResource(`{"username": "foobar", "display_name": "foobar", "user_type": "user"}`);
  });

  f.needs(
    "User gets invisible stages",
    "a step reading UsersService.get_invisible_stages in-process (our invisible_stages is checked in stages.feature)",
  );

  f.scenario("Assign a default desk to user", ["auth"], async (s) => {
    await s.given("users", `[{"username": "foo", "email": "foo@bar.com", "is_active": true}]`);
    await s.given("desks", `[{"name": "Sports Desk", "members": [{"user": "#users._id#"}]}]`);
    await s.patch("/users/#users._id#", `{"desk": "#desks._id#"}`);
    s.existingResource(`{"username": "foo", "desk": "#desks._id#"}`);
  });

  f.needs("Fetch user from LDAP", "LDAP authentication");

  f.scenario(
    "Sign Off property is set to first 3 characters of username while creating a User",
    ["auth"],
    async (s) => {
      await s.given(
        "users",
        `[{"username": "foobar", "password": "barbar", "email": "foo@bar.com"}]`,
      );
      await s.get("/users/#users._id#");
      s.existingResource(`{"username": "foobar", "sign_off": "FOO"}`);
    },
  );

  f.scenario(
    "Sign Off property is set to first letter of First Name and Last Name while creating a User",
    ["auth"],
    async (s) => {
      await s.given(
        "users",
        `[{"first_name": "Foo", "last_name": "Bar", "username": "foobar", "password": "barbar", "email": "foo@bar.com"}]`,
      );
      await s.get("/users/#users._id#");
      s.existingResource(`{"username": "foobar", "sign_off": "FB"}`);
    },
  );

  f.scenario(
    "Update to Sign Off succeeds when the default value is modified",
    ["auth"],
    async (s) => {
      await s.given(
        "users",
        `[{"username": "foobar", "password": "barbar", "email": "foo@bar.com"}]`,
      );
      await s.get("/users/#users._id#");
      s.existingResource(`{"username": "foobar", "sign_off": "FOO"}`);
      await s.patch(
        "/users/#users._id#",
        `{"first_name": "foo", "last_name": "bar", "sign_off": "FBAR"}`,
      );
      await s.get("/users/#users._id#");
      s.existingResource(`{"username": "foobar", "sign_off": "FBAR"}`);
    },
  );

  f.needs(
    "Delete a user removes content in draft state and releases user lock",
    "releasing a deleted user's locks and drafts",
  );

  f.scenario("We can search api using $regex query", ["auth"], async (s) => {
    await s.given("users", FOO.replace("foo@bar.org", "foo@bar.com"));
    await s.get(`users/?where={"$or":[{"username":{"$regex":"fo","$options":"i"}}]}`);
    s.list(1);
  });

  f.scenario("Test email correction", ["auth"], async (s) => {
    await s.givenEmpty("users");
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "SOME@EMAIL.COM", "sign_off": "asd"}`,
    );
    s.newResource(`{"email": "some@email.com"}`);
  });

  f.needs("Test username pattern config", "USER_USERNAME_PATTERN configuration");

  f.scenario("Restrict queries using $where", ["auth"], async (s) => {
    await s.given("users", `[{"username": "test", "password": "test"}]`);
    await s.get(`users?where={"username": "test", "$where": "this.password[0] == '$'"}`);
    s.code(400);
  });
});
