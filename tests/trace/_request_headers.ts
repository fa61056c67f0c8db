/** The headers every answer to a traced cross-origin request carries, asserted. */
import assert from "node:assert/strict";

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
