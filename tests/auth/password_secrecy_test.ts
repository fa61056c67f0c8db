/**
 * The password and its hash never leave the server: not in lists, items, lookups, embeds, write
 * responses or projections, and they cannot be probed with `where` or `sort`.
 */
import assert from "node:assert/strict";
import {
  addUser,
  assertNoSecrets,
  authed,
  login,
  PASSWORD,
  patchWithEtag,
  postLogin,
  withApp,
} from "./_auth_fixtures.ts";

Deno.test("no user response carries the password or its hash", async () => {
  await withApp(async (t) => {
    const rootId = await addUser(t, { username: "root", admin: true });
    const { token } = await login(t, "root");
    const created = await t.app.request(
      "/api/users",
      authed(token, {
        method: "POST",
        body: { username: "jane", email: "Jane@Example.com", password: "jane-secret-pw" },
      }),
    );
    assert.equal(created.status, 201);
    const createdText = await created.text();
    assertNoSecrets(createdText, "jane-secret-pw");
    const janeId = JSON.parse(createdText)._id;
    const patched = await patchWithEtag(t, token, `users/${janeId}`, { password: "jane-new-pw-1" });
    assert.equal(patched.status, 200);
    assertNoSecrets(await patched.text(), "jane-new-pw-1");

    const paths = [
      "/api/users",
      `/api/users/${janeId}`,
      `/api/users/${rootId}`,
      "/api/users/jane",
      '/api/users?projection={"password":1}',
      `/api/users/${janeId}?projection={"password":1}`,
      '/api/sessions?embedded={"user":1}',
    ];
    for (const path of paths) {
      const response = await t.app.request(path, authed(token));
      assert.equal(response.status, 200, path);
      const text = await response.text();
      assertNoSecrets(text, "jane-new-pw-1");
      assertNoSecrets(text, PASSWORD);
    }
    const stored = await t.platform.documents.collection("users").findOne({ _id: janeId });
    assert.match(String(stored!.password), /^\$2b\$/, "stored as a bcrypt hash");
    assert.equal(stored!.email, "jane@example.com");
  });
});

Deno.test("filtering or sorting users on the password answers 400", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "root", admin: true });
    const { token } = await login(t, "root");
    const probes: Array<[string, string]> = [
      ['/api/users?where={"password":{"$regex":"^\\\\$2b"}}', "password"],
      ['/api/users?where={"$or":[{"password":{"$exists":true}}]}', "password"],
      ["/api/users?sort=password", "password"],
      ['/api/sessions?where={"token_hash":{"$gt":""}}', "token_hash"],
    ];
    for (const [path, field] of probes) {
      const response = await t.app.request(path, authed(token));
      assert.equal(response.status, 400, path);
      const body = await response.json();
      assert.deepEqual(body._issues, { [field]: 1 });
      assert.doesNotMatch(JSON.stringify(body), /\$2[aby]\$/);
    }
  });
});

Deno.test("changing the password ends the user's other sessions and swaps the password", async () => {
  await withApp(async (t) => {
    const janeId = await addUser(t, { username: "jane" });
    const current = await login(t, "jane");
    const other = await login(t, "jane");
    const response = await patchWithEtag(t, current.token, `users/${janeId}`, {
      password: "brand-new-password",
    });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await t.app.request("/api/users", authed(current.token))).status, 200);
    assert.equal((await t.app.request("/api/users", authed(other.token))).status, 401);
    assert.equal((await postLogin(t, { username: "jane", password: PASSWORD })).status, 401);
    assert.equal(
      (await postLogin(t, { username: "jane", password: "brand-new-password" })).status,
      201,
    );
  });
});

Deno.test("a too short password answers 400 without echoing it", async () => {
  await withApp(async (t) => {
    const janeId = await addUser(t, { username: "jane" });
    const { token } = await login(t, "jane");
    const response = await patchWithEtag(t, token, `users/${janeId}`, { password: "short" });
    assert.equal(response.status, 400);
    const text = await response.text();
    assert.ok("password" in JSON.parse(text)._issues);
    assert.equal(text.includes("short"), false);
  });
});
