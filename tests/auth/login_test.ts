/** `POST /api/auth_db`: Superdesk's login answers, and what a session stores. */
import assert from "node:assert/strict";
import { hashSessionToken } from "../../src/auth/session_token.ts";
import { addUser, PASSWORD, postLogin, withApp } from "./_auth_fixtures.ts";

const WIRE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;

Deno.test("POST /api/auth_db with valid credentials answers 201 with a session and a token", async () => {
  await withApp(async (t) => {
    const userId = await addUser(t, { username: "jane" });
    const response = await postLogin(t, { username: "jane", password: PASSWORD });
    assert.equal(response.status, 201);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const body = await response.json();
    assert.match(body._id, /^[a-f0-9]{24}$/);
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/, "32 random bytes in base64url");
    assert.equal(body.user, userId);
    assert.equal(body.username, "jane");
    assert.match(body._created, WIRE_DATE);
    assert.match(body._updated, WIRE_DATE);
    assert.equal(typeof body._etag, "string");
    assert.equal(body._status, "OK");
    assert.deepEqual(body._links, { self: { title: "Auth", href: `auth/${body._id}` } });
    assert.equal(response.headers.get("location"), `http://localhost/api/auth/${body._id}`);
    assert.equal("password" in body || "token_hash" in body, false);
  });
});

Deno.test("two logins get different tokens", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const first = await (await postLogin(t, { username: "jane", password: PASSWORD })).json();
    const second = await (await postLogin(t, { username: "jane", password: PASSWORD })).json();
    assert.notEqual(first.token, second.token);
    assert.notEqual(first._id, second._id);
  });
});

Deno.test("the session stores the token's SHA-256, never the token", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const body = await (await postLogin(t, { username: "jane", password: PASSWORD })).json();
    const stored = await t.platform.documents.collection("auth").findOne({ _id: body._id });
    assert.ok(stored);
    assert.equal(stored.token_hash, await hashSessionToken(body.token));
    assert.equal(JSON.stringify(stored).includes(body.token), false);
  });
});

Deno.test("POST /api/auth_db with a wrong password answers 401 credentials", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const response = await postLogin(t, { username: "jane", password: "not-the-password" });
    assert.equal(response.status, 401);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(await response.json(), {
      _status: "ERR",
      _message: "Authentication failed",
      _error: { code: 401, message: "Authentication failed" },
      internal_error: 401,
      _issues: { credentials: 1 },
    });
  });
});

Deno.test("POST /api/auth_db for an unknown user answers exactly as for a wrong password", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const wrong = await postLogin(t, { username: "jane", password: "not-the-password" });
    const unknown = await postLogin(t, { username: "nobody", password: "not-the-password" });
    assert.equal(unknown.status, 401);
    assert.deepEqual(await unknown.json(), await wrong.json());
  });
});

Deno.test("POST /api/auth_db for a disabled user answers 403 is_enabled false", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane", extra: { is_enabled: false } });
    const response = await postLogin(t, { username: "jane", password: PASSWORD });
    assert.equal(response.status, 403);
    const body = await response.json();
    assert.deepEqual(body._issues, { is_enabled: false });
    assert.equal(body._error.code, 403);
  });
});

Deno.test("POST /api/auth_db for an inactive user answers 403 is_active false", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane", extra: { is_active: false } });
    const response = await postLogin(t, { username: "jane", password: PASSWORD });
    assert.equal(response.status, 403);
    assert.deepEqual((await response.json())._issues, { is_active: false });
  });
});

Deno.test("a disabled account is not revealed to someone without its password", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane", extra: { is_enabled: false } });
    const response = await postLogin(t, { username: "jane", password: "not-the-password" });
    assert.equal(response.status, 401);
    assert.deepEqual((await response.json())._issues, { credentials: 1 });
  });
});

Deno.test("POST /api/auth_db without a password answers 400 naming the field", async () => {
  await withApp(async (t) => {
    const response = await postLogin(t, { username: "jane" });
    assert.equal(response.status, 400);
    assert.deepEqual((await response.json())._issues, { password: { required: 1 } });
  });
});
