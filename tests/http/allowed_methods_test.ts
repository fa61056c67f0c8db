/** `Allow` from the OpenAPI paths: a concrete path wins over templated ones that also fit it. */
import assert from "node:assert/strict";
import { allowedMethodsIndex } from "../../src/http/openapi/allowed_methods.ts";

const ID = { name: "id", in: "path", schema: { type: "string" } };
const HEX = { name: "id", in: "path", schema: { type: "string", pattern: "^[0-9a-f]{24}$" } };

Deno.test("a concrete path allows its own methods, not those of a template it also fits", () => {
  const allowed = allowedMethodsIndex({
    "/archive/{id}": {
      get: { parameters: [ID] },
      patch: { parameters: [ID] },
      delete: { parameters: [ID] },
    },
    "/archive/translate": { post: {} },
  });
  assert.deepEqual(allowed("/archive/translate"), ["POST"]);
  assert.deepEqual(allowed("/archive/urn:1"), ["GET", "HEAD", "PATCH", "DELETE"]);
});

Deno.test("templates that fit the same path by their patterns add up their methods", () => {
  const allowed = allowedMethodsIndex({
    "/users/{id}": { get: { parameters: [ID] }, patch: { parameters: [HEX] } },
  });
  assert.deepEqual(allowed("/users/admin"), ["GET", "HEAD"]);
  assert.deepEqual(allowed(`/users/${"a".repeat(24)}`), ["GET", "HEAD", "PATCH"]);
  assert.deepEqual(allowed("/nowhere"), []);
});
