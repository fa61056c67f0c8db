/**
 * Superdesk's authorization-server steps (superdesk/tests/steps.py, "Auth Server"):
 * `Given authorized clients`, `When we do OAuth2 client authentication with id ... and password
 * ...`, `Then we get a valid access token` / `we don't get an access token`. The token is
 * checked as Superdesk's step checks it: a wrong key must fail the signature, the shared secret
 * must verify it, its times must hold and it must carry Superdesk's claims.
 */
import assert from "node:assert/strict";
import type { AuthServerClientsService } from "../../src/auth_server/auth_server_clients.ts";
import type { AccessTokenClaims } from "../../src/auth_server/access_token.ts";
import type { TestApp } from "../_app.ts";

/** The shared secret the scenarios run with (Superdesk's tests set one too). */
export const AUTH_SERVER_SECRET = "behave-auth-server-shared-secret-0123456789";

/** Configuration of a scenario app with the authorization server on. */
export const AUTH_SERVER_ENV = { AUTH_SERVER_SHARED_SECRET: AUTH_SERVER_SECRET };

/** A token endpoint answer. */
export interface TokenResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** `Given authorized clients`: registers each `{name, client_id, password, scope}`. */
export async function givenAuthorizedClients(app: TestApp, text: string): Promise<void> {
  const clients = app.platform.registry.service<AuthServerClientsService>("auth_server_clients");
  for (const client of JSON.parse(text)) {
    await clients.register({
      name: client.name,
      clientId: client.client_id,
      password: client.password,
      scope: client.scope,
    });
  }
}

/**
 * `When we do OAuth2 client authentication with id "<id>" and password "<password>"`: the
 * client credentials grant with HTTP Basic, as a multipart form (Superdesk's step), from
 * `address` when given.
 */
export async function oauth2ClientAuthentication(
  app: TestApp,
  id: string,
  password: string,
  { form = { grant_type: "client_credentials" }, address }: {
    form?: Record<string, string>;
    address?: string;
  } = {},
): Promise<TokenResponse> {
  const body = new FormData();
  for (const [key, value] of Object.entries(form)) body.set(key, value);
  const env = address ? { remoteAddr: { hostname: address, port: 40000, transport: "tcp" } } : {};
  const response = await app.app.request("/api/auth_server/token", {
    method: "POST",
    headers: { Authorization: `Basic ${btoa(`${id}:${password}`)}` },
    body,
  }, env);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** `Then we get a valid access token`; returns the token's claims. */
export async function validAccessToken(
  response: TokenResponse,
  secret = AUTH_SERVER_SECRET,
): Promise<AccessTokenClaims> {
  assert.equal(response.status, 200, JSON.stringify(response.body));
  for (const key of ["expires_in", "token_type", "access_token"]) {
    assert.ok(key in response.body, `no ${key} in ${JSON.stringify(response.body)}`);
  }
  assert.equal(response.headers.get("cache-control"), "no-store");
  const token = String(response.body.access_token);
  assert.equal(await verifiedClaims(token, "BAD_SECRET"), null, "a wrong key must not verify");
  const claims = await verifiedClaims(token, secret);
  assert.ok(claims, "the shared secret must verify the token");
  const now = Date.now() / 1000;
  assert.ok(claims.iat <= now + 1 && claims.exp > now, `times ${claims.iat}..${claims.exp}`);
  for (const key of ["client_id", "iss", "iat", "exp", "scope"]) {
    assert.ok(key in claims, `no ${key} in the claims`);
  }
  return claims;
}

/** `Then we don't get an access token`. */
export function noAccessToken(response: TokenResponse): void {
  assert.equal(response.status, 401);
  assert.deepEqual(response.body, { error: "invalid_client" });
}

/** The claims of an HS256 JWT when `secret` verifies its signature, else null. */
export async function verifiedClaims(
  token: string,
  secret: string,
): Promise<AccessTokenClaims | null> {
  const [header, payload, signature] = token.split(".");
  assert.ok(header && payload && signature, "a JWT has three parts");
  assert.deepEqual(JSON.parse(fromBase64Url(header)), { alg: "HS256", typ: "JWT" });
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signatureBytes = Uint8Array.from(fromBase64Url(signature), (c) => c.charCodeAt(0));
  const valid = await crypto.subtle.verify(
    "HMAC",
    key,
    signatureBytes,
    new TextEncoder().encode(`${header}.${payload}`),
  );
  return valid ? JSON.parse(fromBase64Url(payload)) : null;
}

function fromBase64Url(text: string): string {
  return atob(text.replace(/-/g, "+").replace(/_/g, "/"));
}
