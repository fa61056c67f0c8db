/**
 * `POST /api/auth_server/token`: OAuth 2.0's errors, the token's scopes and lifetime, and that
 * a wrong secret, an unknown client and a malformed credential answer alike.
 */
import assert from "node:assert/strict";
import { ACCESS_TOKEN_ISSUER } from "../../src/auth_server/access_token.ts";
import { createTestApp } from "../_app.ts";
import { responseChecker } from "../http/_openapi_check.ts";
import {
  AUTH_SERVER_SECRET,
  oauth2ClientAuthentication,
  validAccessToken,
} from "../superdesk/_auth_server_steps.ts";
import { addClient, CLIENT_ID, SECRET, withAuthServer } from "./_auth_server_fixtures.ts";

Deno.test("a token carries Superdesk's claims and the client's scopes, valid one day by default", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const response = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET);
    const claims = await validAccessToken(response);
    assert.equal(response.body.token_type, "Bearer");
    assert.equal(response.body.expires_in, 86_400);
    assert.equal(response.body.scope, "ARCHIVE_READ DESKS_READ");
    assert.equal(claims.iss, ACCESS_TOKEN_ISSUER);
    assert.equal(claims.client_id, CLIENT_ID);
    assert.deepEqual(claims.scope, ["ARCHIVE_READ", "DESKS_READ"]);
    assert.equal(claims.exp - claims.iat, 86_400);
  });
});

Deno.test("AUTH_SERVER_EXPIRATION_DELAY, else Superdesk's AUTH_SERVER_EXPIRATION_TIME, sets the lifetime", async () => {
  for (
    const [env, seconds] of [
      [{ AUTH_SERVER_EXPIRATION_TIME: "60" }, 60],
      [{ AUTH_SERVER_EXPIRATION_TIME: "60", AUTH_SERVER_EXPIRATION_DELAY: "120" }, 120],
    ] as const
  ) {
    await withAuthServer(async (t, clients) => {
      await addClient(clients);
      const response = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET);
      const claims = await validAccessToken(response);
      assert.equal(response.body.expires_in, seconds);
      assert.equal(claims.exp - claims.iat, seconds);
    }, { env });
  }
});

Deno.test("a bad lifetime or a shared secret shorter than 32 bytes stops the start", async () => {
  for (
    const [env, message] of [
      [{ AUTH_SERVER_EXPIRATION_DELAY: "0" }, /AUTH_SERVER_EXPIRATION_DELAY/],
      [{ AUTH_SERVER_EXPIRATION_TIME: "1 day" }, /AUTH_SERVER_EXPIRATION_TIME/],
      [{ AUTH_SERVER_SHARED_SECRET: "some secret" }, /AUTH_SERVER_SHARED_SECRET/],
    ] as const
  ) {
    await assert.rejects(
      createTestApp({ env: { AUTH_SERVER_SHARED_SECRET: AUTH_SERVER_SECRET, ...env } }),
      message,
    );
  }
});

Deno.test("the shared secret signs as given, spaces included, as Superdesk's production API verifies", async () => {
  const secret = ` ${AUTH_SERVER_SECRET}\n`;
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const response = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET);
    await validAccessToken(response, secret);
  }, { env: { AUTH_SERVER_SHARED_SECRET: secret } });
});

Deno.test("without AUTH_SERVER_SHARED_SECRET the token endpoint is not served", async () => {
  const t = await createTestApp();
  try {
    const response = await t.app.request("/api/auth_server/token", {
      method: "POST",
      headers: { Authorization: `Basic ${btoa(`${CLIENT_ID}:${SECRET}`)}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    assert.equal(response.status, 404);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    await response.body?.cancel();
  } finally {
    await t.close();
  }
});

Deno.test("a client may ask for a subset of its scopes, not for more", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const narrowed = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET, {
      form: { grant_type: "client_credentials", scope: "DESKS_READ" },
    });
    assert.deepEqual((await validAccessToken(narrowed)).scope, ["DESKS_READ"]);
    const wider = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET, {
      form: { grant_type: "client_credentials", scope: "DESKS_READ USERS_READ" },
    });
    assert.equal(wider.status, 400);
    assert.equal(wider.body.error, "invalid_scope");
  });
});

Deno.test("a client without scopes gets a token with none (a resource server refuses it everything)", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients, []);
    const response = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET);
    assert.deepEqual((await validAccessToken(response)).scope, []);
  });
});

Deno.test("a wrong secret, an unknown client and malformed credentials all answer invalid_client alike", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const attempts = [
      [CLIENT_ID, "wrong-secret"],
      ["0102030405060708090a0b0d", SECRET],
      ["not-an-object-id", SECRET],
      [CLIENT_ID, `${SECRET}${"x".repeat(80)}`],
      [CLIENT_ID, ""],
    ];
    for (const [id, secret] of attempts) {
      const response = await oauth2ClientAuthentication(t, id!, secret!);
      assert.equal(response.status, 401, `${id}:${secret}`);
      assert.deepEqual(response.body, { error: "invalid_client" });
      assert.equal(response.headers.get("www-authenticate"), 'Basic realm="auth_server"');
      assert.equal(response.headers.get("cache-control"), "no-store");
    }
    for (
      const authorization of [undefined, "Bearer abc", "Basic !!!", `Basic ${btoa("nocolon")}`]
    ) {
      const response = await t.app.request("/api/auth_server/token", {
        method: "POST",
        headers: authorization ? { Authorization: authorization } : {},
        body: new URLSearchParams({ grant_type: "client_credentials" }),
      });
      assert.equal(response.status, 401, String(authorization));
      assert.deepEqual(await response.json(), { error: "invalid_client" });
    }
  });
});

Deno.test("a secret that bcrypt would cut at 72 bytes is refused, not truncated", async () => {
  await withAuthServer(async (t, clients) => {
    const long = "s".repeat(72);
    await assert.rejects(
      clients.register({ name: "long", clientId: CLIENT_ID, password: `${long}tail` }),
      /Insertion failure/,
    );
    await clients.register({ name: "fits", clientId: CLIENT_ID, password: long });
    const response = await oauth2ClientAuthentication(t, CLIENT_ID, `${long}anything`);
    assert.equal(response.status, 401);
  });
});

Deno.test("the grant must be client_credentials, in a form body", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const password = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET, {
      form: { grant_type: "password" },
    });
    assert.equal(password.status, 400);
    assert.equal(password.body.error, "unsupported_grant_type");
    const missing = await oauth2ClientAuthentication(t, CLIENT_ID, SECRET, { form: {} });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, "invalid_request");
    const json = await t.app.request("/api/auth_server/token", {
      method: "POST",
      headers: {
        Authorization: `Basic ${btoa(`${CLIENT_ID}:${SECRET}`)}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    assert.equal(json.status, 400);
    assert.equal((await json.json()).error, "invalid_request");
    const urlencoded = await t.app.request("/api/auth_server/token", {
      method: "POST",
      headers: { Authorization: `Basic ${btoa(`${CLIENT_ID}:${SECRET}`)}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    assert.equal(urlencoded.status, 200);
    await urlencoded.body?.cancel();
  });
});

Deno.test("a percent-encoded id and secret (RFC 6749 §2.3.1) are decoded", async () => {
  await withAuthServer(async (t, clients) => {
    await clients.register({ name: "odd", clientId: CLIENT_ID, password: "a secret+with:%" });
    const encoded = encodeURIComponent("a secret+with:%");
    await validAccessToken(await oauth2ClientAuthentication(t, CLIENT_ID, encoded));
  });
});

Deno.test("the token endpoint's answers conform to the served API reference", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const check = responseChecker(await (await t.app.request("/api/openapi.json")).json());
    const send = (secret: string, form: Record<string, string>) =>
      t.app.request("/api/auth_server/token", {
        method: "POST",
        headers: { Authorization: `Basic ${btoa(`${CLIENT_ID}:${secret}`)}` },
        body: new URLSearchParams(form),
      });
    for (
      const [secret, form, status] of [
        [SECRET, { grant_type: "client_credentials" }, 200],
        [SECRET, { grant_type: "password" }, 400],
        ["wrong", { grant_type: "client_credentials" }, 401],
      ] as const
    ) {
      const response = await send(secret, form);
      assert.equal(response.status, status);
      await check("POST", "/auth_server/token", response);
    }
  });
});
