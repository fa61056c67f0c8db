/**
 * Tokens on later requests: both Authorization forms, Superdesk's 401, logout, expiry after
 * SESSION_EXPIRY_MINUTES of inactivity, and the throttled activity stamp.
 */
import assert from "node:assert/strict";
import { type SessionsService, TOUCH_INTERVAL_MS } from "../../src/auth/sessions_service.ts";
import type { TestApp } from "../_app.ts";
import {
  addUser,
  assertNoSecrets,
  authed,
  basic,
  login,
  patchWithEtag,
  withApp,
} from "./_auth_fixtures.ts";

const AUTH_REQUIRED = {
  _status: "ERR",
  _message: "Please provide proper credentials",
  _error: { code: 401, message: "Please provide proper credentials" },
  internal_error: 401,
  _issues: { auth: 1 },
};

function sessions(t: TestApp) {
  return t.platform.documents.collection("auth");
}

async function setLastActivity(t: TestApp, sessionId: string, msAgo: number) {
  const at = new Date(Date.now() - msAgo);
  await sessions(t).updateOne({ _id: sessionId }, { $set: { last_activity_at: at } });
  return at;
}

Deno.test("the token is accepted as Basic base64(token:) and as Bearer", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const { token, userId } = await login(t, "jane");
    for (const authorization of [basic(token), `Bearer ${token}`]) {
      const response = await t.app.request(`/api/users/${userId}`, {
        headers: { Authorization: authorization },
      });
      assert.equal(response.status, 200, authorization.split(" ")[0]);
      assert.equal((await response.json()).username, "jane");
    }
  });
});

Deno.test("a missing or unknown token answers 401 auth", async () => {
  await withApp(async (t) => {
    const missing = await t.app.request("/api/users");
    assert.equal(missing.status, 401);
    assert.match(missing.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(await missing.json(), AUTH_REQUIRED);
    const unknown = await t.app.request("/api/users", {
      headers: { Authorization: basic("x".repeat(43)) },
    });
    assert.equal(unknown.status, 401);
    assert.deepEqual(await unknown.json(), AUTH_REQUIRED);
  });
});

Deno.test("only the API home, login and health are public", async () => {
  await withApp(async (t) => {
    assert.equal((await t.app.request("/api")).status, 200);
    assert.equal((await t.app.request("/health")).status, 200);
    for (const path of ["/api/users", "/api/roles", "/api/sessions"]) {
      assert.equal((await t.app.request(path)).status, 401, path);
    }
  });
});

Deno.test("DELETE /api/auth/<id> logs out: the token stops working at once", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const { token, sessionId } = await login(t, "jane");
    const other = await login(t, "jane");
    const response = await t.app.request(
      `/api/auth/${sessionId}`,
      authed(token, { method: "DELETE" }),
    );
    assert.equal(response.status, 204);
    assert.equal((await t.app.request("/api/users", authed(token))).status, 401);
    assert.equal((await t.app.request("/api/users", authed(other.token))).status, 200);
    assert.equal(await sessions(t).findOne({ _id: sessionId }), null);
  });
});

Deno.test("logging out someone else's session needs the users privilege", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await addUser(t, { username: "joe" });
    await addUser(t, { username: "root", admin: true });
    const jane = await login(t, "jane");
    const joe = await login(t, "joe");
    const root = await login(t, "root");
    const refused = await t.app.request(
      `/api/auth_db/${joe.sessionId}`,
      authed(jane.token, { method: "DELETE" }),
    );
    assert.equal(refused.status, 403);
    assert.deepEqual((await refused.json())._issues, { privilege: "users" });
    const done = await t.app.request(
      `/api/auth/${joe.sessionId}`,
      authed(root.token, { method: "DELETE" }),
    );
    assert.equal(done.status, 204);
    assert.equal((await t.app.request("/api/users", authed(joe.token))).status, 401);
  });
});

Deno.test("logout with a stale If-Match answers 412 and keeps the session", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const { token, sessionId } = await login(t, "jane");
    const response = await t.app.request(
      `/api/auth/${sessionId}`,
      authed(token, { method: "DELETE", headers: { "If-Match": "stale" } }),
    );
    assert.equal(response.status, 412);
    assert.equal((await t.app.request("/api/users", authed(token))).status, 200);
  });
});

Deno.test("GET /api/auth/<id> shows your own session without its token hash, 404 for others", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await addUser(t, { username: "joe" });
    const jane = await login(t, "jane");
    const joe = await login(t, "joe");
    const own = await t.app.request(`/api/auth/${jane.sessionId}`, authed(jane.token));
    assert.equal(own.status, 200);
    const body = await own.json();
    assert.equal(body._id, jane.sessionId);
    assert.equal(body.user, jane.userId);
    assert.equal("token_hash" in body || "token" in body, false);
    const other = await t.app.request(`/api/auth/${joe.sessionId}`, authed(jane.token));
    assert.equal(other.status, 404);
  });
});

Deno.test("a session idle for longer than SESSION_EXPIRY_MINUTES is refused and removed", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const { token, sessionId } = await login(t, "jane");
    await setLastActivity(t, sessionId, 50_000);
    assert.equal((await t.app.request("/api/users", authed(token))).status, 200);
    await setLastActivity(t, sessionId, 61_000);
    const response = await t.app.request("/api/users", authed(token));
    assert.equal(response.status, 401);
    assert.deepEqual((await response.json())._issues, { auth: 1 });
    assert.equal(await sessions(t).findOne({ _id: sessionId }), null);
  }, { env: { SESSION_EXPIRY_MINUTES: "1", AUTH_CACHE_SECONDS: "0" } });
});

Deno.test("activity is recorded at most once a minute per session", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const { token, sessionId, userId } = await login(t, "jane");
    const recent = await setLastActivity(t, sessionId, TOUCH_INTERVAL_MS / 2);
    assert.equal((await t.app.request("/api/users", authed(token))).status, 200);
    const untouched = await sessions(t).findOne({ _id: sessionId });
    assert.equal((untouched!.last_activity_at as Date).getTime(), recent.getTime());

    const old = await setLastActivity(t, sessionId, TOUCH_INTERVAL_MS * 3);
    const before = Date.now();
    assert.equal((await t.app.request("/api/users", authed(token))).status, 200);
    const touched = await sessions(t).findOne({ _id: sessionId });
    const stamp = (touched!.last_activity_at as Date).getTime();
    assert.ok(stamp > old.getTime() && stamp >= before, "the session's last activity moved to now");
    const user = await t.platform.documents.collection("users").findOne({ _id: userId });
    assert.ok((user!.last_activity_at as Date).getTime() >= before);
  }, { env: { AUTH_CACHE_SECONDS: "0" } });
});

Deno.test("disabling a user ends their sessions at once", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "root", admin: true });
    const janeId = await addUser(t, { username: "jane" });
    const root = await login(t, "root");
    const jane = await login(t, "jane");
    const response = await patchWithEtag(t, root.token, `users/${janeId}`, { is_enabled: false });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await t.app.request("/api/users", authed(jane.token))).status, 401);
  });
});

Deno.test("GET /api/sessions shows users their own sessions and admins everyone's", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "root", admin: true });
    await addUser(t, { username: "jane" });
    const root = await login(t, "root");
    const jane = await login(t, "jane");
    const own = await (await t.app.request("/api/sessions", authed(jane.token))).json();
    assert.deepEqual(own._items.map((s: { _id: string }) => s._id), [jane.sessionId]);
    const all = await t.app.request('/api/sessions?embedded={"user":1}', authed(root.token));
    assert.equal(all.status, 200);
    const body = await all.json();
    assert.equal(body._meta.total, 2);
    assertNoSecrets(JSON.stringify(body));
    const usernames = body._items.map((s: { user: { username: string } }) => s.user.username);
    assert.deepEqual(usernames.sort(), ["jane", "root"]);
  });
});

Deno.test("DELETE /api/users/<id>/sessions ends the user's other sessions and needs users", async () => {
  await withApp(async (t) => {
    const rootId = await addUser(t, { username: "root", admin: true });
    const janeId = await addUser(t, { username: "jane" });
    const root = await login(t, "root");
    const rootElsewhere = await login(t, "root");
    const jane = await login(t, "jane");
    const refused = await t.app.request(
      `/api/users/${rootId}/sessions`,
      authed(jane.token, { method: "DELETE" }),
    );
    assert.equal(refused.status, 403);
    const own = await t.app.request(
      `/api/users/${rootId}/sessions`,
      authed(root.token, { method: "DELETE" }),
    );
    assert.equal(own.status, 204);
    assert.equal((await t.app.request("/api/users", authed(root.token))).status, 200);
    assert.equal((await t.app.request("/api/users", authed(rootElsewhere.token))).status, 401);
    await t.app.request(`/api/users/${janeId}/sessions`, authed(root.token, { method: "DELETE" }));
    assert.equal((await t.app.request("/api/users", authed(jane.token))).status, 401);
  });
});

Deno.test("purgeExpired deletes only sessions idle for longer than the expiry", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const stale = await login(t, "jane");
    const fresh = await login(t, "jane");
    await setLastActivity(t, stale.sessionId, 241 * 60_000);
    const service = t.platform.registry.service<SessionsService>("sessions");
    assert.equal(await service.purgeExpired(), 1);
    assert.equal(await sessions(t).findOne({ _id: stale.sessionId }), null);
    assert.equal((await t.app.request("/api/users", authed(fresh.token))).status, 200);
  });
});
