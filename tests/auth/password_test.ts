/** bcrypt compatibility with the `$2b$` hashes Superdesk (Python bcrypt) stores. */
import assert from "node:assert/strict";
import { BCRYPT_ROUNDS, hashPassword, verifyPassword } from "../../src/auth/password.ts";
import { newObjectId } from "../../src/resources/ids.ts";
import { postLogin, withApp } from "./_auth_fixtures.ts";

// Made by libxcrypt's crypt(3) (the OpenBSD algorithm Python's bcrypt also wraps), not bcryptjs.
const SUPERDESK_HASH = "$2b$12$Q8s1fVw3mKp0LxZr7TnYhuHiNoPOwkhYzdzoMRPTnHsMpJgPwt0QK";
const SUPERDESK_PASSWORD = "Sup3rdesk!admin";
const LEGACY_2A_HASH = "$2a$04$Q8s1fVw3mKp0LxZr7TnYhuxDPvshj0G0H/Q4ZigF7u8gnvjYiTpRG";

Deno.test("verifyPassword accepts hashes made by another bcrypt implementation", async () => {
  assert.equal(await verifyPassword(SUPERDESK_PASSWORD, SUPERDESK_HASH), true);
  assert.equal(await verifyPassword(SUPERDESK_PASSWORD, LEGACY_2A_HASH), true);
  assert.equal(await verifyPassword("Sup3rdesk!admiN", SUPERDESK_HASH), false);
});

Deno.test("verifyPassword never matches a missing or malformed hash", async () => {
  for (const hash of [undefined, null, "", SUPERDESK_PASSWORD, "$2b$12$short"]) {
    assert.equal(await verifyPassword(SUPERDESK_PASSWORD, hash), false, String(hash));
  }
});

Deno.test("hashPassword makes salted $2b$ hashes of the configured cost", async () => {
  const [first, second] = [await hashPassword("a-password"), await hashPassword("a-password")];
  assert.match(first, new RegExp(`^\\$2b\\$${BCRYPT_ROUNDS}\\$[./A-Za-z0-9]{53}$`));
  assert.notEqual(first, second);
  assert.equal(await verifyPassword("a-password", first), true);
});

Deno.test("a user imported from Superdesk with its stored hash can log in", async () => {
  await withApp(async (t) => {
    const now = new Date();
    await t.platform.documents.collection("users").insertMany([{
      _id: newObjectId(),
      username: "legacy",
      email: "legacy@example.com",
      password: SUPERDESK_HASH,
      user_type: "user",
      is_active: true,
      is_enabled: true,
      _created: now,
      _updated: now,
      _etag: "legacy",
    }]);
    const response = await postLogin(t, { username: "legacy", password: SUPERDESK_PASSWORD });
    assert.equal(response.status, 201, await response.clone().text());
  });
});
