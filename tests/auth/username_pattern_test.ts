/**
 * `USER_USERNAME_PATTERN` over HTTP on both setups: a username the pattern does not match from
 * its start is Superdesk's 400 `{username: {pattern: 1}}` on create and rename; the client reads
 * the pattern from `client_config`.
 */
import assert from "node:assert/strict";
import { perEngineTest } from "../_engine_app.ts";
import { addUser, authed, login } from "./_auth_fixtures.ts";

perEngineTest("usernames must match USER_USERNAME_PATTERN from their start", async (t) => {
  await addUser(t, { username: "root_1", admin: true });
  const { token } = await login(t, "root_1");
  const post = (username: string) =>
    t.app.request(
      "/api/users",
      authed(token, {
        method: "POST",
        body: { username, email: `${username}@example.com`, password: "long-enough" },
      }),
    );
  for (const bad of ["123foo", "_foo"]) {
    const refused = await post(bad);
    assert.equal(refused.status, 400, bad);
    assert.match(refused.headers.get("content-type") ?? "", /^application\/json/);
    const body = await refused.json();
    assert.equal(body._status, "ERR");
    assert.deepEqual(body._issues, { username: { pattern: 1 } });
  }
  const created = await post("foo123");
  assert.equal(created.status, 201, "re.match: a match at the start is enough");
  const user = await created.json();
  const rename = await t.app.request(
    `/api/users/${user._id}`,
    authed(token, {
      method: "PATCH",
      body: { username: "9lives" },
      headers: { "If-Match": user._etag },
    }),
  );
  assert.equal(rename.status, 400);
  assert.match(JSON.stringify((await rename.json())._issues), /pattern/);
  const kept = await t.app.request(`/api/users/${user._id}`, authed(token));
  assert.equal((await kept.json()).username, "foo123");
  const config = await (await t.app.request("/api/client_config")).json();
  assert.equal(config.config.user.username_pattern, "[a-z]+");
}, { env: { USER_USERNAME_PATTERN: "[a-z]+", LOGIN_RATE_LIMIT_PER_MINUTE: "1000" } });
