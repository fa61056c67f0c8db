/** Superdesk's features/auth.feature over HTTP. */
import { feature } from "./feature.ts";

const FOO = `[{"username": "foo", "password": "bar", "email": "foo@bar.org", "is_active": true}]`;

feature("auth", (f) => {
  f.scenario("Authenticate existing user", [], async (s) => {
    await s.given("users", FOO);
    await s.postToAuthDb(`{"username": "foo", "password": "bar"}`);
    s.key("token");
    s.key("user");
    s.noKey("password");
  });

  f.needs("Change user password with success", "the change_user_password resource");
  f.needs("Change user password with wrong old password", "the change_user_password resource");
  f.needs("Check reset password - expired token", "reset_password and e-mail");
  f.needs(
    "Reset password existing user - disabled after mail is sent",
    "reset_password and e-mail",
  );

  f.scenario("Authenticate with wrong password returns error", [], async (s) => {
    await s.given("users", FOO);
    await s.postToAuthDb(`{"username": "foo", "password": "xyz"}`);
    s.code(401, `{"_status": "ERR", "_issues": {"credentials": 1}}`);
  });

  f.wrong(
    "Authenticate after user is disabled",
    `expects an empty "_message"; ours says why the account cannot sign in`,
  );

  f.scenario("Authenticate with non existing username", [], async (s) => {
    await s.given("users", FOO);
    await s.postToAuthDb(`{"username": "x", "password": "y"}`);
    s.code(401, `{"_status": "ERR", "_issues": {"credentials": 1}}`);
  });

  f.scenario("Fetch resources without auth token", [], async (s) => {
    await s.get("/");
    s.code(200);
  });

  f.needs("Fetch users without auth token", "CORS headers (X_DOMAINS) on HTTP answers");

  f.scenario("user logs in and no etag change", ["auth"], async (s) => {
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "foo@bar.com", "sign_off": "fubar", "is_active": true}`,
    );
    s.code(201);
    s.newResource(`{"username": "foo", "email": "foo@bar.com"}`);
    await s.postToAuthDb(`{"username": "foo", "password": "barbar"}`);
    s.code(201);
    await s.get("/users");
    s.list(
      2,
      `{"_items": [{"username": "foo", "_etag": "#users._etag#"}, {"username": "test_user"}]}`,
    );
  });

  f.scenario("user logs out and no etag change", ["auth"], async (s) => {
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "foo@bar.com", "is_active": true, "sign_off": "foobar"}`,
    );
    s.code(201);
    s.newResource(`{"username": "foo", "email": "foo@bar.com"}`);
    await s.postToAuthDb(`{"username": "foo", "password": "barbar"}`);
    await s.deleteLatest();
    s.code(204);
    await s.postToAuthDb(`{"username": "test_user", "password": "test_password"}`);
    await s.get("/users");
    s.list(
      2,
      `{"_items": [{"username": "foo", "_etag": "#users._etag#"}, {"username": "test_user"}]}`,
    );
  });

  f.wrong(
    "user logs in locks content and logs out logs in again and the content is no longer locked",
    "its fixture item has neither desk nor creator: a personal item only its creator may lock " +
      "here (Superdesk lets anyone fetch and lock it); logout releasing locks is tested in " +
      "tests/newsroom/lock_test.ts",
  );

  f.scenario("user deletes his session", ["auth"], async (s) => {
    await s.delete("/auth/#AUTH_ID#");
    s.ok();
  });
});
