/**
 * `POST /api/change_user_password`: the current password proves who asks, failures count as
 * failed logins, the new password meets the length rule, and every session of the account ends.
 */
import assert from "node:assert/strict";
import {
  addUser,
  awayFromMinuteEnd,
  login,
  PASSWORD,
  postLogin,
  withApp,
} from "./_auth_fixtures.ts";
import type { TestApp } from "../_app.ts";

function change(t: TestApp, body: unknown) {
  return t.app.request("/api/change_user_password", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

Deno.test("a password change needs the current password and ends the account's sessions", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const { token } = await login(t, "jane");
    const wrong = await change(t, {
      username: "jane",
      old_password: "guess",
      new_password: "x".repeat(9),
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual((await wrong.json())._issues, { credentials: 1 });
    const short = await change(t, {
      username: "jane",
      old_password: PASSWORD,
      new_password: "short",
    });
    assert.equal(short.status, 400);
    assert.deepEqual((await short.json())._issues, { password: { minlength: 1 } });
    const missing = await change(t, { username: "jane", old_password: PASSWORD });
    assert.equal(missing.status, 400);
    assert.deepEqual((await missing.json())._issues, { new_password: { required: 1 } });

    const done = await change(t, [{
      username: "jane",
      old_password: PASSWORD,
      new_password: "new-secret-1",
    }]);
    assert.equal(done.status, 201, await done.clone().text());
    const answer = await done.json();
    assert.equal(answer._status, "OK");
    assert.equal(answer.password, undefined);
    const ended = await t.app.request("/api/users", {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(ended.status, 401, "the old session ended");
    await ended.body?.cancel();
    assert.equal((await postLogin(t, { username: "jane", password: PASSWORD })).status, 401);
    await login(t, "jane", "new-secret-1");
  });
});

Deno.test("wrong current passwords count against the login rate limit", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await awayFromMinuteEnd();
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await change(t, {
        username: "jane",
        old_password: "guess",
        new_password: "new-secret-1",
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    assert.deepEqual(statuses.slice(0, 2), [401, 401]);
    assert.equal(statuses[2], 429);
  }, { env: { LOGIN_RATE_LIMIT_PER_MINUTE: "2" } });
});
