/**
 * Shared set-up for the auth suites: an in-process app on the embedded store, users created
 * through the service, logins over HTTP, and the Authorization header forms clients send.
 */
import assert from "node:assert/strict";
import { createUser } from "../../src/auth/create_user.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { createTestApp, type TestApp } from "../_app.ts";

/** The password every fixture user gets unless told otherwise. */
export const PASSWORD = "correct-horse-battery";

/** Runs `fn` against a fresh app (embedded store, or MongoDB) and always closes it. */
export async function withApp(
  fn: (t: TestApp) => Promise<void>,
  { env = {}, mongoUri }: { env?: Record<string, string>; mongoUri?: string } = {},
): Promise<void> {
  const t = await createTestApp({
    env: {
      LOGIN_RATE_LIMIT_PER_MINUTE: "1000",
      LOGIN_ADDRESS_LIMIT_PER_MINUTE: "1000",
      LOGIN_USER_LIMIT_PER_HOUR: "1000",
      ...env,
    },
    mongoUri,
  });
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

/** Creates a user (optionally an administrator, with a role or own privileges); returns its id. */
export async function addUser(
  t: TestApp,
  { username, admin = false, password = PASSWORD, role, privileges, extra = {} }: {
    username: string;
    admin?: boolean;
    password?: string;
    role?: string;
    privileges?: Record<string, 0 | 1>;
    extra?: Record<string, unknown>;
  },
): Promise<string> {
  const user = await createUser(t.platform.registry, {
    username,
    password,
    email: `${username}@example.com`,
    admin,
  });
  const changes = { ...extra, ...(role ? { role } : {}), ...(privileges ? { privileges } : {}) };
  if (Object.keys(changes).length > 0) {
    await t.platform.registry.service("users").update(String(user._id), changes, {
      actor: SYSTEM_ACTOR,
    });
  }
  return String(user._id);
}

/** Creates a role with `privileges`; returns its id. */
export async function addRole(
  t: TestApp,
  name: string,
  privileges: Record<string, 0 | 1>,
): Promise<string> {
  const [role] = await t.platform.registry.service("roles").create([{ name, privileges }]);
  return String(role!._id);
}

/** `POST /api/auth_db` with `body`, optionally from a given client address. */
export function postLogin(t: TestApp, body: unknown, { address }: { address?: string } = {}) {
  const env = address ? { remoteAddr: { hostname: address, port: 40000, transport: "tcp" } } : {};
  return t.app.request("/api/auth_db", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }, env);
}

/** Logs in (asserting 201) and returns the session's token, id and user id. */
export async function login(t: TestApp, username: string, password = PASSWORD) {
  const response = await postLogin(t, { username, password });
  assert.equal(response.status, 201, await response.clone().text());
  const body = await response.json();
  return { token: String(body.token), sessionId: String(body._id), userId: String(body.user) };
}

/** Superdesk's web client form: `Basic base64(token:)`. */
export function basic(token: string): string {
  return `Basic ${btoa(`${token}:`)}`;
}

/** A JSON request with the session's Basic authorization and extra headers. */
export function authed(
  token: string,
  { method = "GET", body, headers = {} }: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): RequestInit {
  return {
    method,
    headers: {
      Authorization: basic(token),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** PATCHes `/api/<path>` with the item's current etag. */
export async function patchWithEtag(t: TestApp, token: string, path: string, body: unknown) {
  const current = await t.app.request(`/api/${path}`, authed(token));
  assert.equal(current.status, 200, await current.clone().text());
  const { _etag } = await current.json();
  return t.app.request(
    `/api/${path}`,
    authed(token, { method: "PATCH", body, headers: { "If-Match": String(_etag) } }),
  );
}

/** Fails when `text` holds a password field, a bcrypt hash, a token hash or `plain`. */
export function assertNoSecrets(text: string, plain = PASSWORD): void {
  assert.doesNotMatch(text, /"password"\s*:/);
  assert.doesNotMatch(text, /\$2[aby]\$\d\d\$/);
  assert.doesNotMatch(text, /token_hash/);
  assert.equal(text.includes(plain), false, "the clear-text password appears");
}

/** Waits out the last seconds of a minute, so a test's attempts fall into one counter window. */
export async function awayFromMinuteEnd() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/**
 * Waits out the last seconds of a minute (and of an hour), so a test's attempts fall into one
 * window of the rate limiter's counters.
 */
export async function awayFromWindowEnd() {
  await awayFromMinuteEnd();
  const leftInHour = 3_600_000 - (Date.now() % 3_600_000);
  if (leftInHour < 5_000) await new Promise((resolve) => setTimeout(resolve, leftInHour + 50));
}
