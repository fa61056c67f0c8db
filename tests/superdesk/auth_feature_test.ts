/** Superdesk's features/auth.feature over HTTP. */
import assert from "node:assert/strict";
import { inbox, MAIL_MISSING, mailbox, mailEnv, tokenMail } from "./_mail_steps.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

const FOO = `[{"username": "foo", "password": "bar", "email": "foo@bar.org", "is_active": true}]`;

feature("auth", (f) => {
  f.scenario("Authenticate existing user", [], async (s) => {
    await s.given("users", FOO);
    await s.postToAuthDb(`{"username": "foo", "password": "bar"}`);
    s.key("token");
    s.key("user");
    s.noKey("password");
  });

  f.scenario("Change user password with success", [], async (s) => {
    await s.given("users", FOO);
    await s.postWithSuccess(
      "/change_user_password",
      `[{"username": "foo", "old_password": "bar", "new_password": "new"}]`,
    );
    await s.postToAuthDb(`{"username": "foo", "password": "new"}`);
    s.key("token");
    s.key("user");
    s.noKey("password");
    await s.get("users/foo");
    s.existingResource(`{"_etag": "#change_user_password._etag#"}`);
  });

  f.scenario("Change user password with wrong old password", [], async (s) => {
    await s.given("users", FOO);
    await s.post(
      "/change_user_password",
      `[{"username": "foo", "old_password": "wrong", "new_password": "new"}]`,
    );
    s.code(401, `{"_issues": {"credentials": 1}}`);
  });
  /** Superdesk's `foo` fixture with an address of this run; the account is `active`. */
  const fooWithMail = async (s: Scenario, active = true) => {
    const email = mailbox("foo@bar.org");
    await s.given(
      "users",
      `[{"username": "foo", "password": "bar", "email": "${email}", "is_active": ${active}}]`,
    );
    return email;
  };

  /** `we post "<email>" to reset_password we get email with token`. */
  const requestReset = async (s: Scenario, email: string, mailTo = email) => {
    await s.post("/reset_user_password", `{"email": "${email}"}`);
    s.code(201);
    const token = await tokenMail(mailTo, "Reset password", "link");
    assert.match((await inbox(mailTo))[0]!.text, /24/);
    return token;
  };

  /** `we reset password for user`: sets `test_pass` with the token and signs in with it. */
  const resetPassword = async (s: Scenario, token: string) => {
    await s.post("/reset_user_password", `{"token": "${token}", "password": "test_pass"}`);
    s.code(201);
    await s.postToAuthDb(`{"username": "foo", "password": "test_pass"}`);
    s.code(201);
  };

  const MAIL = { env: mailEnv(), ignore: MAIL_MISSING };

  f.scenario("Check reset password - expired token", [], async (s) => {
    const token = await requestReset(s, await fooWithMail(s));
    await s.post("/reset_user_password", `{"token": "${token}"}`);
    s.code(201);
    await expireResetTokens(s);
    await s.post("/reset_user_password", `{"token": "${token}"}`);
    assert.ok([401, 403].includes(s.response.status), String(s.response.status));
  }, MAIL);

  f.scenario("Reset password existing user", [], async (s) => {
    await resetPassword(s, await requestReset(s, await fooWithMail(s)));
  }, MAIL);

  f.scenario("Reset password existing user - mixed case email", [], async (s) => {
    const email = await fooWithMail(s);
    await resetPassword(s, await requestReset(s, mixedCase(email), email));
  }, MAIL);

  f.scenario("Reset password disabled user", [], async (s) => {
    const email = await fooWithMail(s, false);
    await s.post("/reset_user_password", `[{"email": "${email}"}]`);
    s.code(403);
    assert.equal((await inbox(email)).length, 0);
  }, MAIL);

  f.scenario("Reset password existing user - disabled after mail is sent", ["auth"], async (s) => {
    const email = await fooWithMail(s);
    const token = await requestReset(s, email);
    await s.patch("/users/foo", `{"is_active": false}`);
    s.code(200);
    const [, status] = await inbox(email);
    assert.equal(status?.subject, "Your Superdesk account is enabled but inactive");
    await s.post("/reset_user_password", `{"token": "${token}", "password": "test_pass"}`);
    s.code(403);
  }, MAIL);

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

  f.scenario("Fetch users without auth token", [], async (s) => {
    await s.get("/users");
    s.code(401, `{"_status": "ERR", "_issues": {"auth": 1}}`);
    s.header("Access-Control-Allow-Origin");
  }, { env: { X_DOMAINS: "*" } }); // Superdesk's default X_DOMAINS; its test client sends Origin

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

  f.scenario(
    "user logs in locks content and logs out logs in again and the content is no longer locked",
    ["auth"],
    async (s) => {
      await s.given(
        "users",
        `[{"username": "foo", "password": "bar", "email": "foo@bar.org", "is_active": true, "user_type": "administrator"}]`,
      );
      await s.postToAuthDb(`{"username": "foo", "password": "bar"}`);
      await s.given(
        "archive",
        `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 1}]`,
      );
      await s.post("/archive/item-1/lock", `{}`);
      await s.delete("/auth/#AUTH_ID#");
      s.code(204);
      await s.postToAuthDb(`{"username": "foo", "password": "bar"}`);
      await s.get("/archive");
      // Superdesk's step reads `lock_user` of the answer, here a list: it holds no lock.
      s.itemLocked(false);
      await s.get("/archive/item-1");
      s.itemLocked(false);
    },
  );

  f.scenario("user deletes his session", ["auth"], async (s) => {
    await s.delete("/auth/#AUTH_ID#");
    s.ok();
  });
});

/** `fOo@BAr.oRG`-style: every other letter in capitals. */
function mixedCase(email: string): string {
  return [...email].map((c, i) => i % 2 ? c.toUpperCase() : c).join("");
}

/** `we update token to be expired`: every stored reset token expired two days ago. */
async function expireResetTokens(s: Scenario): Promise<void> {
  const tokens = s.app.platform.documents.collection("reset_user_password");
  const expired = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  for (const token of await tokens.find({})) {
    await tokens.updateOne({ _id: token._id }, { $set: { expire_time: expired } });
  }
}
