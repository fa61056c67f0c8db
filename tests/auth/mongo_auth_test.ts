/**
 * The auth flow on MongoDB (FerretDB in CI): unique usernames, case-insensitive role names,
 * login, privileges, secrecy, logout and expiry go through the same store seam as on SQLite.
 */
import assert from "node:assert/strict";
import { engineUrl } from "../_engines.ts";
import {
  addRole,
  addUser,
  assertNoSecrets,
  authed,
  login,
  postLogin,
  withApp,
} from "./_auth_fixtures.ts";

const mongoUri = engineUrl("MONGO_URI");

Deno.test({
  name: "on MongoDB: login, privileges, secrecy, logout and expiry",
  ignore: !mongoUri,
  async fn() {
    await withApp(async (t) => {
      const writers = await addRole(t, "Writers", { archive: 1 });
      await addUser(t, { username: "root", admin: true });
      await addUser(t, { username: "jane", role: writers });
      const root = await login(t, "root");
      const jane = await login(t, "jane");
      assert.equal((await postLogin(t, { username: "jane", password: "wrong-pw" })).status, 401);

      const body = { username: "joe", email: "joe@example.com", password: "joe-password" };
      const refused = await t.app.request(
        "/api/users",
        authed(jane.token, { method: "POST", body }),
      );
      assert.equal(refused.status, 403);
      const created = await t.app.request(
        "/api/users",
        authed(root.token, { method: "POST", body }),
      );
      assert.equal(created.status, 201);
      const duplicate = await t.app.request(
        "/api/users",
        authed(root.token, { method: "POST", body: { ...body, email: "joe2@example.com" } }),
      );
      assert.equal(duplicate.status, 400);
      assert.ok("username" in (await duplicate.json())._issues);
      const clash = await t.app.request(
        "/api/roles",
        authed(root.token, { method: "POST", body: { name: "WRITERS" } }),
      );
      assert.equal(clash.status, 400);

      const list = await t.app.request('/api/users?projection={"password":1}', authed(root.token));
      assert.equal(list.status, 200);
      assertNoSecrets(await list.text(), "joe-password");

      await t.platform.documents.collection("auth").updateOne(
        { _id: jane.sessionId },
        { $set: { last_activity_at: new Date(Date.now() - 241 * 60_000) } },
      );
      assert.equal((await t.app.request("/api/users", authed(jane.token))).status, 401);
      const logout = await t.app.request(
        `/api/auth/${root.sessionId}`,
        authed(root.token, { method: "DELETE" }),
      );
      assert.equal(logout.status, 204);
      assert.equal((await t.app.request("/api/users", authed(root.token))).status, 401);
    }, { mongoUri, env: { AUTH_CACHE_SECONDS: "0" } });
  },
});
