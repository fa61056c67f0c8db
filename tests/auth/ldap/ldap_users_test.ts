/**
 * `users` and the password routes while sign-in goes to the directory: no password is stored or
 * changed here, the directory's profile fields are read-only to people, and administrators add
 * colleagues with `POST /api/import_profile`.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../../src/resources/actor.ts";
import type { TestApp } from "../../_app.ts";
import { clientFor } from "../../_client.ts";
import { postLogin } from "../_auth_fixtures.ts";
import { ADMIN, JANE, withLdapApp } from "./_ldap_app.ts";

/** Signs `person` in and returns the session; `admin` makes the account an administrator. */
async function signIn(t: TestApp, person: typeof JANE, { admin = false } = {}) {
  const response = await postLogin(t, { username: person.uid, password: person.password });
  assert.equal(response.status, 201);
  const session = await response.json();
  if (admin) {
    await t.platform.registry.service("users").update(session.user, {
      user_type: "administrator",
    }, { actor: SYSTEM_ACTOR });
  }
  return { id: String(session.user), client: clientFor(t, session.token) };
}

Deno.test("with LDAP, the password routes do not exist", async () => {
  await withLdapApp(async ({ t }) => {
    const { client } = await signIn(t, JANE);
    for (const path of ["/api/change_user_password", "/api/reset_user_password"]) {
      const response = await client.post(path, { email: "jane@example.org" });
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    }
    const links = JSON.stringify(await (await client.get("/api")).json());
    assert.equal(links.includes("change_user_password"), false);
    assert.ok(links.includes("import_profile"));
    const { paths } = await (await client.get("/api/openapi.json")).json();
    assert.ok("/import_profile" in paths);
    assert.equal("/change_user_password" in paths || "/reset_user_password" in paths, false);
  });
});

Deno.test("with LDAP, no password is accepted on users, and mapped fields are read-only", async () => {
  await withLdapApp(async ({ t }) => {
    const { id, client } = await signIn(t, JANE);
    const user = await (await client.get(`/api/users/${id}`)).json();
    const etag = user._etag;
    const password = await client.patch(`/api/users/${id}`, { password: "local-one-1" }, { etag });
    assert.equal(password.status, 400);
    assert.deepEqual((await password.json())._issues, {
      password: "passwords are kept by the LDAP directory",
    });
    for (const field of ["first_name", "last_name", "email"]) {
      const value = field === "email" ? "other@example.org" : "Other";
      const response = await client.patch(`/api/users/${id}`, { [field]: value }, { etag });
      assert.equal(response.status, 400, field);
      assert.deepEqual((await response.json())._issues, { [field]: "field is read-only" });
    }
    const own = await client.patch(`/api/users/${id}`, { sign_off: "JD" }, { etag });
    assert.equal(own.status, 200, "other fields stay the user's own");
    const list = await (await client.get("/api/users")).json();
    assert.deepEqual(list._items.map((item: { _readonly: unknown }) => item._readonly), [
      { email: true, first_name: true, last_name: true },
    ]);
  });
});

Deno.test("with LDAP, a new account is active at once and gets no activation mail", async () => {
  await withLdapApp(async ({ t }) => {
    const { client } = await signIn(t, ADMIN, { admin: true });
    const created = await client.post("/api/users", { username: "kim", email: "kim@example.org" });
    assert.equal(created.status, 201);
    const body = await created.json();
    assert.equal(body.needs_activation, false);
    const tokens = await t.platform.documents.collection("reset_user_password").find({});
    assert.deepEqual(tokens, []);
    const withPassword = await client.post("/api/users", {
      username: "lee",
      email: "lee@example.org",
      password: "local-one-1",
    });
    assert.equal(withPassword.status, 400);
  });
});

Deno.test("POST /api/import_profile creates a colleague's account from the directory", async () => {
  await withLdapApp(async ({ t, directory }) => {
    const { client } = await signIn(t, ADMIN, { admin: true });
    const request = { username: "chief", password: ADMIN.password, profile_to_import: "jane" };
    const response = await client.post("/api/import_profile", request);
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.equal(body.username, "jane");
    assert.equal(body.display_name, "Jane Doe");
    assert.equal(body.is_active, true);
    assert.equal(body.needs_activation, false);
    assert.equal(directory.binds.at(-1), "uid=chief,ou=people,dc=example,dc=org");
    const stored = await t.platform.registry.service("users").findOne({ username: "jane" });
    assert.equal(stored?.email, "jane@example.org");

    // Refused as existing, the account is left as it was, though the directory's entry changed.
    directory.add({ ...JANE, attributes: { ...JANE.attributes, sn: "Smith" } });
    const again = await client.post("/api/import_profile", {
      ...request,
      profile_to_import: "JANE ",
    });
    assert.equal(again.status, 400);
    const error = await again.json();
    assert.equal(error._message, "User already exists in the system.");
    assert.deepEqual(error._issues, { profile_to_import: 1 });
    const after = await t.platform.registry.service("users").findOne({ username: "jane" });
    assert.equal(after?._etag, stored?._etag);
  });
});

Deno.test("POST /api/import_profile refuses other people's or wrong credentials with 403", async () => {
  await withLdapApp(async ({ t }) => {
    const { client } = await signIn(t, ADMIN, { admin: true });
    const someoneElse = await client.post("/api/import_profile", {
      username: "jane",
      password: JANE.password,
      profile_to_import: "jane",
    });
    assert.equal(someoneElse.status, 403);
    assert.deepEqual((await someoneElse.json())._issues, { credentials: 1 });
    const wrong = await client.post("/api/import_profile", {
      username: "chief",
      password: "not-the-one",
      profile_to_import: "jane",
    });
    assert.equal(wrong.status, 403);
    const invalid = await client.post("/api/import_profile", { username: "chief", password: "x" });
    assert.equal(invalid.status, 400);
    assert.deepEqual((await invalid.json())._issues, {
      password: { minlength: 1 },
      profile_to_import: { required: 1 },
    });
  });
});

Deno.test("POST /api/import_profile needs the users privilege", async () => {
  await withLdapApp(async ({ t }) => {
    const { client } = await signIn(t, JANE);
    const response = await client.post("/api/import_profile", {
      username: "jane",
      password: JANE.password,
      profile_to_import: "chief",
    });
    assert.equal(response.status, 403);
    assert.equal(await t.platform.registry.service("users").findOne({ username: "chief" }), null);
  });
});
