/**
 * `POST /api/auth_db` against a real LDAP directory over TCP: the account is created and kept in
 * step with the directory entry; wrong passwords are 401s, an unreachable directory a 503; typed
 * values cannot change the bind DN or the search filter; the login guard applies as for local
 * passwords; no password reaches the log.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../../src/resources/actor.ts";
import { clientFor } from "../../_client.ts";
import { closedPort } from "../../_ports.ts";
import { postLogin } from "../_auth_fixtures.ts";
import { personDn } from "./_directory_server.ts";
import { JANE, ldapEnv, withLdapApp } from "./_ldap_app.ts";

const jane = { username: "jane", password: JANE.password };

Deno.test("a first LDAP sign-in creates the account from the directory entry", async () => {
  await withLdapApp(async ({ t, directory }) => {
    const response = await postLogin(t, jane);
    assert.equal(response.status, 201);
    const session = await response.json();
    assert.equal(session.username, "jane");
    assert.deepEqual(directory.binds, [personDn("jane")]);
    assert.deepEqual(directory.filters, ["(&(objectClass=inetOrgPerson)(uid=jane))"]);
    const user = await (await clientFor(t, session.token).get(`/api/users/${session.user}`)).json();
    assert.equal(user.email, "jane@example.org");
    assert.equal(user.first_name, "Jane");
    assert.equal(user.last_name, "Doe");
    assert.equal(user.display_name, "Jane Doe");
    assert.equal(user.user_type, "user");
    assert.equal(user.is_active, true);
    assert.equal(user.is_enabled, true);
    assert.equal(user.needs_activation, false);
    assert.deepEqual(user._readonly, { email: true, first_name: true, last_name: true });
    assert.equal("password" in user, false);
  });
});

Deno.test("a later LDAP sign-in updates the account from the directory, ignoring case", async () => {
  await withLdapApp(async ({ t, directory }) => {
    const first = await (await postLogin(t, jane)).json();
    directory.add({ ...JANE, attributes: { ...JANE.attributes, sn: "Smith" } });
    const second = await (await postLogin(t, { ...jane, username: "JANE" })).json();
    assert.equal(second.user, first.user, "the same account");
    const users = t.platform.registry.service("users");
    const stored = await users.findOne({ _id: first.user });
    assert.equal(stored?.last_name, "Smith");
    assert.equal(stored?.username, "jane");
    assert.equal((await users.find({ filter: {}, page: 1, maxResults: 10 })).total, 1);
  });
});

Deno.test("a wrong LDAP password is Superdesk's 401 and reaches no log", async () => {
  await withLdapApp(async ({ t, lines }) => {
    const response = await postLogin(t, { username: "jane", password: "guess-number-one" });
    assert.equal(response.status, 401);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const body = await response.json();
    assert.equal(body._message, "Authentication failed");
    assert.deepEqual(body._issues, { credentials: 1 });
    assert.equal(
      await t.platform.registry.service("users").findOne({ username: "jane" }),
      null,
    );
    await postLogin(t, jane);
    assert.ok(lines.length > 0, "the sign-ins were logged");
    const log = lines.join("\n");
    assert.equal(log.includes("guess-number-one") || log.includes(JANE.password), false);
  });
});

Deno.test("a user missing from the directory or its searched branch is a 401", async () => {
  await withLdapApp(async ({ t }) => {
    const unknown = await postLogin(t, { username: "nobody", password: "whatever-1" });
    assert.equal(unknown.status, 401);
    assert.deepEqual((await unknown.json())._issues, { credentials: 1 });
  }, { env: {} });
  await withLdapApp(async ({ t }) => {
    const outside = await postLogin(t, jane);
    assert.equal(outside.status, 401);
    assert.equal(
      (await outside.json())._message,
      "User does not belong to security Group or could not find the user profile.",
    );
  }, { env: { LDAP_USER_FILTER: "(&(objectClass=groupOfNames)(uid={1}))" } });
});

Deno.test("an unreachable directory is a JSON 503 with Retry-After, not a 500", async () => {
  await withLdapApp(async ({ t }) => {
    const response = await postLogin(t, jane);
    assert.equal(response.status, 503);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    assert.ok(response.headers.get("retry-after"));
    assert.equal((await response.json())._error.code, 503);
  }, { env: ldapEnv(closedPort()) });
});

Deno.test("a directory that accepts the connection but never answers is a 503", async () => {
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of silent) held.push(conn);
  })();
  try {
    await withLdapApp(async ({ t }) => {
      const response = await postLogin(t, jane);
      assert.equal(response.status, 503);
      assert.equal((await response.json())._error.code, 503);
    }, { env: { ...ldapEnv((silent.addr as Deno.NetAddr).port), LDAP_TIMEOUT_SECONDS: "1" } });
  } finally {
    silent.close();
    await accepting;
    held.forEach((conn) => conn.close());
  }
});

Deno.test("typed values are escaped in the bind DN (RFC 4514) and the filter (RFC 4515)", async () => {
  await withLdapApp(async ({ t, directory }) => {
    // Raw, the value would add RDNs of its own to the DN (uid=jane,ou=people,ou=people,...).
    const dn = await postLogin(t, { username: "jane,ou=people", password: JANE.password });
    assert.equal(dn.status, 401);
    assert.equal(directory.binds.at(-1), `uid=jane\\,ou\\=people,${"ou=people,dc=example,dc=org"}`);
    assert.equal(directory.filters.length, 0, "the failed bind stops before any search");
  });
  // Where the bind name is not a DN (Active Directory's user@domain), the filter still holds:
  // a wildcard or an injected clause in the profile name matches no one.
  await withLdapApp(async ({ t, directory }) => {
    const session =
      await (await postLogin(t, { username: "chief", password: "directory-secret-2" }))
        .json();
    await t.platform.registry.service("users").update(
      session.user,
      { user_type: "administrator" },
      {
        actor: SYSTEM_ACTOR,
      },
    );
    const client = clientFor(t, session.token);
    for (const profile of ["*", "j*", "nobody)(uid=jane"]) {
      const response = await client.post("/api/import_profile", {
        username: "chief",
        password: "directory-secret-2",
        profile_to_import: profile,
      });
      assert.equal(response.status, 403, profile);
      assert.deepEqual((await response.json())._issues, { credentials: 1 });
    }
    assert.deepEqual(directory.filters.slice(-3), [
      "(&(objectClass=inetOrgPerson)(uid=\\2a))",
      "(&(objectClass=inetOrgPerson)(uid=j\\2a))",
      "(&(objectClass=inetOrgPerson)(uid=nobody\\29\\28uid=jane))",
    ]);
    assert.equal(
      await t.platform.registry.service("users").findOne({ username: "jane" }),
      null,
    );
  });
});

Deno.test("failed LDAP sign-ins are rate-limited as local ones, before the directory", async () => {
  await withLdapApp(async ({ t, directory }) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      assert.equal((await postLogin(t, { ...jane, password: `wrong-${attempt}` })).status, 401);
    }
    const refused = await postLogin(t, jane);
    assert.equal(refused.status, 429);
    assert.ok(refused.headers.get("retry-after"));
    assert.equal(directory.binds.length, 2, "the refused attempt never reached the directory");
  }, { env: { LOGIN_RATE_LIMIT_PER_MINUTE: "2" } });
});

Deno.test("names that bind as one principal share one count: padded refused, user@LDAP_FQDN", async () => {
  await withLdapApp(async ({ t, directory }) => {
    // Directories compare names without the blanks around them: refused before any bind.
    for (const username of ["jane ", " jane", "\tjane"]) {
      assert.equal((await postLogin(t, { username, password: "guess" })).status, 401);
    }
    assert.equal(directory.binds.length, 0);
    // `jane@corp.example.org` binds as `jane`: both wrong guesses count against one account.
    assert.equal((await postLogin(t, { username: "jane", password: "wrong-0" })).status, 401);
    assert.equal(
      (await postLogin(t, { username: "JANE@corp.example.org", password: "wrong-1" })).status,
      401,
    );
    assert.equal((await postLogin(t, { username: "jane", password: "wrong-2" })).status, 429);
  }, {
    env: { LDAP_BIND_DN: "", LDAP_FQDN: "corp.example.org", LOGIN_USER_LIMIT_PER_HOUR: "2" },
  });
});

Deno.test("a disabled account stays out even with the right directory password", async () => {
  await withLdapApp(async ({ t }) => {
    const session = await (await postLogin(t, jane)).json();
    await t.platform.registry.service("users").update(session.user, { is_enabled: false }, {
      actor: SYSTEM_ACTOR,
    });
    const response = await postLogin(t, jane);
    assert.equal(response.status, 403);
    assert.deepEqual((await response.json())._issues, { is_enabled: false });
  });
});

Deno.test("sign-ins of one directory user at once all succeed, into one account", async () => {
  await withLdapApp(async ({ t, directory }) => {
    const users = t.platform.registry.service("users");
    const signIns = () => Promise.all([1, 2, 3].map(() => postLogin(t, jane)));
    // First sign-ins: one creates the account, the others find it.
    const first = await signIns();
    assert.deepEqual(first.map((response) => response.status), [201, 201, 201]);
    const ids = new Set(await Promise.all(first.map(async (r) => (await r.json()).user)));
    assert.equal(ids.size, 1);
    assert.equal((await users.find({ filter: {}, page: 1, maxResults: 10 })).total, 1);
    // Later ones each refresh the changed entry.
    directory.add({ ...JANE, attributes: { ...JANE.attributes, sn: "Smith" } });
    const later = await signIns();
    assert.deepEqual(later.map((response) => response.status), [201, 201, 201]);
    assert.equal((await users.findOne({ username: "jane" }))?.last_name, "Smith");
  });
});

Deno.test("a sign-in with the directory entry unchanged leaves the account as it was", async () => {
  await withLdapApp(async ({ t }) => {
    // JANE's mail has capitals; the account keeps it lowercased, which is no change.
    const { user } = await (await postLogin(t, jane)).json();
    const users = t.platform.registry.service("users");
    const before = await users.findOne({ _id: user });
    assert.equal((await postLogin(t, jane)).status, 201);
    assert.equal((await users.findOne({ _id: user }))?._etag, before?._etag);
  });
});
