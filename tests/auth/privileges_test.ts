/**
 * Superdesk's permission model over HTTP: method privileges (403 naming them), role privileges
 * overlaid by the user's own, administrators, and the limits on editing yourself.
 */
import assert from "node:assert/strict";
import type { TestApp } from "../_app.ts";
import { addRole, addUser, authed, login, patchWithEtag, withApp } from "./_auth_fixtures.ts";

function postUser(t: TestApp, token: string, body: Record<string, unknown>) {
  return t.app.request("/api/users", authed(token, { method: "POST", body }));
}

const NEW_USER = { username: "newbie", email: "newbie@example.com", password: "a-long-password" };

Deno.test("POST /api/users without the users privilege answers 403 naming it", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const { token } = await login(t, "jane");
    const response = await postUser(t, token, NEW_USER);
    assert.equal(response.status, 403);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const body = await response.json();
    assert.deepEqual(body._issues, { privilege: "users" });
    assert.match(body._error.message, /"users"/);
  });
});

Deno.test("an administrator may POST /api/users", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "root", admin: true });
    const { token } = await login(t, "root");
    const response = await postUser(t, token, NEW_USER);
    assert.equal(response.status, 201, await response.clone().text());
    assert.equal((await login(t, "newbie", "a-long-password")).userId, (await response.json())._id);
  });
});

Deno.test("a role's privilege grants and the user's own 0 revokes it", async () => {
  await withApp(async (t) => {
    const managers = await addRole(t, "Managers", { users: 1 });
    await addUser(t, { username: "granted", role: managers });
    await addUser(t, { username: "revoked", role: managers, privileges: { users: 0 } });
    const granted = await login(t, "granted");
    const revoked = await login(t, "revoked");
    assert.equal((await postUser(t, granted.token, NEW_USER)).status, 201);
    const refused = await postUser(t, revoked.token, { ...NEW_USER, username: "other" });
    assert.equal(refused.status, 403);
  });
});

Deno.test("a user's own privilege grants what the role lacks", async () => {
  await withApp(async (t) => {
    const writers = await addRole(t, "Writers", { archive: 1 });
    await addUser(t, { username: "jane", role: writers, privileges: { roles: 1 } });
    const { token } = await login(t, "jane");
    const response = await t.app.request(
      "/api/roles",
      authed(token, { method: "POST", body: { name: "Interns", privileges: { roles: 1 } } }),
    );
    assert.equal(response.status, 201, await response.clone().text());
  });
});

Deno.test("users may PATCH themselves without the users privilege, but not others", async () => {
  await withApp(async (t) => {
    const janeId = await addUser(t, { username: "jane" });
    const joeId = await addUser(t, { username: "joe" });
    const { token } = await login(t, "jane");
    const own = await patchWithEtag(t, token, `users/${janeId}`, { first_name: "Jane" });
    assert.equal(own.status, 200, await own.clone().text());
    const other = await patchWithEtag(t, token, `users/${joeId}`, { first_name: "Joe" });
    assert.equal(other.status, 403);
    assert.deepEqual((await other.json())._issues, { privilege: "users" });
  });
});

Deno.test("users cannot raise their own access", async () => {
  await withApp(async (t) => {
    const managers = await addRole(t, "Managers", { users: 1 });
    const chiefs = await addRole(t, "Chiefs", { users: 1, roles: 1 });
    const janeId = await addUser(t, { username: "jane", role: managers });
    const { token } = await login(t, "jane");
    const attempts: Array<[string, unknown]> = [
      ["user_type", "administrator"],
      ["role", chiefs],
      ["privileges", { roles: 1 }],
    ];
    for (const [field, value] of attempts) {
      const response = await patchWithEtag(t, token, `users/${janeId}`, { [field]: value });
      // Refused by the write's hook: Superdesk's (Eve's) 400 carrying the 403 and its reason.
      assert.equal(response.status, 400, field);
      assert.match((await response.json())._issues["validator exception"], /^403: /, field);
    }
    const unchanged = await patchWithEtag(t, token, `users/${janeId}`, { is_enabled: true });
    assert.equal(unchanged.status, 200, "re-sending an unchanged value is fine");
    const stored = await t.platform.documents.collection("users").findOne({ _id: janeId });
    assert.equal(stored!.user_type, "user");
    assert.equal(stored!.role, managers);
  });
});

Deno.test("holding users does not allow creating administrators or granting unheld privileges", async () => {
  await withApp(async (t) => {
    const managers = await addRole(t, "Managers", { users: 1 });
    await addUser(t, { username: "jane", role: managers });
    const rootId = await addUser(t, { username: "root", admin: true });
    const { token } = await login(t, "jane");
    const admin = await postUser(t, token, { ...NEW_USER, user_type: "administrator" });
    assert.equal(admin.status, 403);
    assert.ok("user_type" in (await admin.json())._issues);
    const grant = await postUser(t, token, { ...NEW_USER, privileges: { roles: 1 } });
    assert.equal(grant.status, 403);
    assert.ok("privileges" in (await grant.json())._issues);
    const takeover = await patchWithEtag(t, token, `users/${rootId}`, { password: "mine-now-123" });
    assert.equal(takeover.status, 400);
    assert.match((await takeover.json())._issues["validator exception"], /^403: /);
    const plain = await postUser(t, token, { ...NEW_USER, privileges: { users: 1 } });
    assert.equal(plain.status, 201, await plain.clone().text());
  });
});

Deno.test("roles need the roles privilege to write, and a role in use cannot be deleted", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await addUser(t, { username: "root", admin: true });
    const jane = await login(t, "jane");
    const root = await login(t, "root");
    const body = { name: "Desk", privileges: { archive: 1 } };
    const refused = await t.app.request("/api/roles", authed(jane.token, { method: "POST", body }));
    assert.equal(refused.status, 403);
    assert.deepEqual((await refused.json())._issues, { privilege: "roles" });
    const created = await t.app.request("/api/roles", authed(root.token, { method: "POST", body }));
    assert.equal(created.status, 201);
    const { _id: roleId, _etag } = await created.json();
    const clash = await t.app.request(
      "/api/roles",
      authed(root.token, { method: "POST", body: { name: "DESK" } }),
    );
    assert.equal(clash.status, 400);
    assert.ok("name" in (await clash.json())._issues);
    await addUser(t, { username: "holder", role: roleId });
    const inUse = await t.app.request(
      `/api/roles/${roleId}`,
      authed(root.token, { method: "DELETE", headers: { "If-Match": _etag } }),
    );
    assert.equal(inUse.status, 403);
  });
});

Deno.test("marking a role default clears the previous default", async () => {
  await withApp(async (t) => {
    const roles = t.platform.registry.service("roles");
    const [first] = await roles.create([{ name: "First", is_default: true }]);
    const [second] = await roles.create([{ name: "Second", is_default: true }]);
    assert.equal((await roles.getById(String(first!._id))).is_default, false);
    assert.equal((await roles.getById(String(second!._id))).is_default, true);
    const userId = await addUser(t, { username: "jane" });
    const user = await t.platform.registry.service("users").getById(userId);
    assert.equal(user.role, second!._id, "new users get the default role");
  });
});
