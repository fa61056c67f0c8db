/** bcrypt compatibility with the `$2b$` hashes Superdesk (Python bcrypt) stores. */
import assert from "node:assert/strict";
import { hashPassword, verifyPassword } from "../../src/auth/password.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { newObjectId } from "../../src/resources/ids.ts";
import { addUser, PASSWORD, postLogin, withApp } from "./_auth_fixtures.ts";

// Made by libxcrypt's crypt(3) (the OpenBSD algorithm Python's bcrypt also wraps), not bcryptjs.
const SUPERDESK_HASH = "$2b$12$Q8s1fVw3mKp0LxZr7TnYhuHiNoPOwkhYzdzoMRPTnHsMpJgPwt0QK";
const SUPERDESK_PASSWORD = "Sup3rdesk!admin";
const LEGACY_2A_HASH = "$2a$04$Q8s1fVw3mKp0LxZr7TnYhuxDPvshj0G0H/Q4ZigF7u8gnvjYiTpRG";

Deno.test("verifyPassword accepts hashes made by another bcrypt implementation", async () => {
  assert.equal(await verifyPassword(SUPERDESK_PASSWORD, SUPERDESK_HASH, 4), true);
  assert.equal(await verifyPassword(SUPERDESK_PASSWORD, LEGACY_2A_HASH, 4), true);
  assert.equal(await verifyPassword("Sup3rdesk!admiN", SUPERDESK_HASH, 4), false);
});

Deno.test("verifyPassword never matches a missing or malformed hash", async () => {
  for (const hash of [undefined, null, "", SUPERDESK_PASSWORD, "$2b$12$short"]) {
    assert.equal(await verifyPassword(SUPERDESK_PASSWORD, hash, 4), false, String(hash));
  }
});

Deno.test("hashPassword makes salted $2b$ hashes of the cost it is given", async () => {
  for (const rounds of [4, 10]) {
    const [first, second] = [
      await hashPassword("a-password", rounds),
      await hashPassword("a-password", rounds),
    ];
    const cost = String(rounds).padStart(2, "0");
    assert.match(first, new RegExp(`^\\$2b\\$${cost}\\$[./A-Za-z0-9]{53}$`));
    assert.notEqual(first, second);
    assert.equal(await verifyPassword("a-password", first, rounds), true);
  }
});

Deno.test("new hashes cost 10 by default, BCRYPT_GENSALT_WORK_FACTOR otherwise (4 to 31)", () => {
  assert.equal(loadConfig({}).bcryptWorkFactor, 10);
  assert.equal(loadConfig({ BCRYPT_GENSALT_WORK_FACTOR: "12" }).bcryptWorkFactor, 12);
  assert.throws(
    () => loadConfig({ BCRYPT_GENSALT_WORK_FACTOR: "3" }),
    /BCRYPT_GENSALT_WORK_FACTOR/,
  );
});

Deno.test("a user created by an app stores a hash of the app's configured cost", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "costly" });
    const stored = await t.platform.registry.service("users").findOne({ username: "costly" });
    assert.match(String(stored?.password), /^\$2b\$05\$/);
    const response = await postLogin(t, { username: "costly", password: PASSWORD });
    assert.equal(response.status, 201, await response.clone().text());
  }, { env: { BCRYPT_GENSALT_WORK_FACTOR: "5" } });
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
