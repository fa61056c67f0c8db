/**
 * The headers every answer to a traced cross-origin request carries, asserted; and an app that
 * allows the origin, with the headers of such a request, anonymous and as an administrator.
 */
import assert from "node:assert/strict";
import type { App } from "../../src/apps/app.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import type { Engine } from "../_engine_app.ts";
import { engineUrl } from "../_engines.ts";

/** Asserts `response` carries request `trace`'s id and the CORS headers for `origin`. */
export function assertRequestHeaders(
  response: Response,
  { trace, origin }: { trace: string; origin: string },
  what: string,
) {
  assert.equal(response.headers.get("x-request-id"), trace, what);
  assert.equal(response.headers.get("vary"), "Origin", what);
  assert.equal(response.headers.get("access-control-allow-origin"), origin, what);
  assert.match(response.headers.get("access-control-expose-headers") ?? "", /X-Request-Id/, what);
}

/**
 * An app on `engine` with `apps`, allowing `origin`; `traced`: the headers of a request of trace
 * `trace` from `origin`, `headers`: the same as an administrator. The caller closes `test`.
 */
export async function tracedTestApp(
  engine: Engine,
  apps: App[],
  { trace, origin }: { trace: string; origin: string },
): Promise<{ test: TestApp; traced: Record<string, string>; headers: Record<string, string> }> {
  const test = await createTestApp({
    apps,
    env: { X_DOMAINS: origin },
    mongoUri: engine === "engines" ? engineUrl("MONGO_URI") : undefined,
  });
  try {
    const admin = await loginAs(test, { username: "admin", admin: true });
    const traced = { traceparent: `00-${trace}-00f067aa0ba902b7-01`, Origin: origin };
    return {
      test,
      traced,
      headers: { ...traced, Authorization: `Basic ${btoa(`${admin.token}:`)}` },
    };
  } catch (error) {
    await test.close();
    throw error;
  }
}
