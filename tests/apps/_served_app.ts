/**
 * For tests that run the binary with apps installed: an administrator created through the
 * binary's own `users:create`, and a JSON client of the served API signed in as them.
 */
import assert from "node:assert/strict";
import { runBinary } from "../_server_process.ts";

const CHIEF = { username: "chief", password: "chief-pass-1" };

/** Creates the administrator with the binary, in the deployment `env` describes. */
export async function createChief(env: Record<string, string>): Promise<void> {
  const { code, stderr } = await runBinary([
    "users:create",
    `--username=${CHIEF.username}`,
    `--password=${CHIEF.password}`,
    "--email=chief@example.com",
    "--admin",
  ], env);
  assert.equal(code, 0, stderr);
}

/** A JSON client of the api on `port`, signed in as the administrator; asserts each success. */
export async function chiefClient(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth_db`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(CHIEF),
  });
  assert.equal(login.status, 201, await login.clone().text());
  const { token } = await login.json();
  // deno-lint-ignore no-explicit-any
  return async (method: string, path: string, body?: unknown, etag?: string): Promise<any> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${token}`,
        ...(etag ? { "If-Match": etag } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
}
