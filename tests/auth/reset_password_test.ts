/**
 * `POST /api/reset_user_password` without a mail server: requests are answered as Superdesk
 * does (the e-mail is logged as not sent), refusals have their 4xx, and the database holds only
 * the token's hash. The mailed link itself is exercised by auth.feature's scenarios.
 */
import assert from "node:assert/strict";
import { addUser, withApp } from "./_auth_fixtures.ts";
import type { TestApp } from "../_app.ts";

function reset(t: TestApp, body: unknown) {
  return t.app.request("/api/reset_user_password", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

Deno.test("reset_user_password refuses bad requests and stores only the token's hash", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await addUser(t, { username: "john", extra: { is_enabled: false } });

    const neither = await reset(t, {});
    assert.equal(neither.status, 400);
    assert.match((await neither.json())._message, /email must be provided/);
    const notString = await reset(t, { email: 42 });
    assert.equal(notString.status, 400);
    assert.deepEqual((await notString.json())._issues, { email: "must be of string type" });
    const unknown = await reset(t, { email: "nobody@example.com" });
    assert.equal(unknown.status, 400);
    await unknown.body?.cancel();
    const disabled = await reset(t, { email: "john@example.com" });
    assert.equal(disabled.status, 403);
    await disabled.body?.cancel();
    const badToken = await reset(t, { token: "made-up", password: "new-secret-1" });
    assert.equal(badToken.status, 401);
    await badToken.body?.cancel();

    const asked = await reset(t, [{ email: "JANE@example.com" }]);
    assert.equal(asked.status, 201, await asked.clone().text());
    const answer = await asked.json();
    assert.equal(answer._status, "OK");
    assert.equal(answer.token, undefined);
    const tokens = await t.platform.documents.collection("reset_user_password").find({});
    assert.equal(tokens.length, 1);
    assert.equal(tokens[0]!._id, answer._id);
    assert.equal(tokens[0]!.email, "jane@example.com");
    assert.match(String(tokens[0]!.token_hash), /^[0-9a-f]{64}$/);
    assert.equal(tokens[0]!.token, undefined);
  });
});
