/** `basicCredentials`: how the token endpoint reads `Authorization: Basic …`, edge cases first. */
import assert from "node:assert/strict";
import { basicCredentials } from "../../src/auth_server/token_route.ts";

const basic = (text: string) => `Basic ${btoa(text)}`;
const basicBytes = (bytes: number[]) => `Basic ${btoa(String.fromCharCode(...bytes))}`;

Deno.test("the id is lowercased and the secret kept from the first colon on", () => {
  assert.deepEqual(basicCredentials(basic("0102030405060708090A0B0C:s:e:c")), {
    id: "0102030405060708090a0b0c",
    secret: "s:e:c",
  });
  assert.deepEqual(basicCredentials(`bAsIc   ${btoa("id:secret")}  `), {
    id: "id",
    secret: "secret",
  });
});

Deno.test("percent-encoded parts are decoded; a raw + stays a + (as Authlib reads it)", () => {
  assert.deepEqual(basicCredentials(basic("id:a%20b%2Bc")), { id: "id", secret: "a b+c" });
  assert.deepEqual(basicCredentials(basic("id:a+b")), { id: "id", secret: "a+b" });
  assert.deepEqual(basicCredentials(basic("id:100%")), { id: "id", secret: "100%" });
});

Deno.test("no colon, an empty part, bad base64, other schemes and non-UTF-8 are refused", () => {
  for (
    const header of [
      undefined,
      "",
      "Basic",
      "Basic ",
      basic("nocolon"),
      basic(":secret"),
      basic("id:"),
      "Basic !!!",
      "Basic YWJj ZGVm",
      `Bearer ${btoa("id:secret")}`,
      basicBytes([0x69, 0x64, 0x3a, 0xff, 0xfe]),
      basicBytes([0xc3, 0x3a, 0x73]),
    ]
  ) {
    assert.equal(basicCredentials(header), undefined, String(header));
  }
});

Deno.test("a UTF-8 secret is read as text", () => {
  const bytes = [...new TextEncoder().encode("id:sécret")];
  assert.deepEqual(basicCredentials(basicBytes(bytes)), { id: "id", secret: "sécret" });
});

Deno.test("a huge header is read whole, and refused whole for one bad character", () => {
  const secret = "x".repeat(200_000);
  assert.equal(basicCredentials(basic(`id:${secret}`))?.secret.length, secret.length);
  assert.equal(basicCredentials(`Basic ${"A".repeat(300_000)}!`), undefined);
});
