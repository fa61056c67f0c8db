import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { encodeBase64 } from "../../src/text/base64.ts";
import { basicAuthorization } from "../../src/net/basic_auth.ts";

Deno.test("base64: bytes of every value and lengths over what a spread call takes", () => {
  for (const length of [0, 1, 2, 3, 255, 200_000]) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919) % 256);
    assert.equal(encodeBase64(bytes), Buffer.from(bytes).toString("base64"));
  }
});

Deno.test("basic authorization: user and password as UTF-8, base64-encoded", () => {
  assert.equal(basicAuthorization("zoë", "p:ss"), `Basic ${btoa("zo\u00c3\u00ab:p:ss")}`);
});
