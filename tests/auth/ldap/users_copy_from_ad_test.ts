/** `superdesk users:copyfromad`: accounts (the first administrator) from the LDAP directory. */
import assert from "node:assert/strict";
import { runBinary } from "../../_server_process.ts";
import { createTestApp } from "../../_app.ts";
import { startDirectory } from "./_directory_server.ts";
import { ADMIN, JANE, ldapEnv } from "./_ldap_app.ts";

Deno.test("users:copyfromad creates an administrator from the directory, then refreshes it", async () => {
  const directory = await startDirectory([JANE, ADMIN]);
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_ldap_cli_" });
  const env = { DATA_DIR: dataDir, LOG_LEVEL: "error", ...ldapEnv(directory.port) };
  const copy = (...extra: string[]) =>
    runBinary([
      "users:copyfromad",
      "--ad-username",
      "jane",
      "--ad-password",
      JANE.password,
      "--username-to-import",
      "chief",
      ...extra,
    ], env);
  try {
    const created = await copy("--admin");
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created user chief \([a-f0-9]{24}\)/);
    directory.add({ ...ADMIN, attributes: { ...ADMIN.attributes, sn: "In Chief" } });
    const updated = await copy();
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /updated user chief/);
    const t = await createTestApp({ env });
    try {
      const users = t.platform.registry.service("users");
      const chief = await users.findOne({ username: "chief" });
      assert.equal(chief?.user_type, "administrator");
      assert.equal(chief?.last_name, "In Chief");
      assert.equal(chief?.email, "chief@example.org");
      assert.equal(chief?.needs_activation, false);
      assert.equal((await users.find({ filter: {}, page: 1, maxResults: 10 })).total, 1);
    } finally {
      await t.close();
    }
  } finally {
    await directory.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("users:copyfromad fails cleanly on wrong credentials or without LDAP_SERVER", async () => {
  const directory = await startDirectory([JANE]);
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_ldap_cli_" });
  const args = ["users:copyfromad", "--ad-username", "jane", "--ad-password", "wrong-one"];
  try {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "error", ...ldapEnv(directory.port) };
    const wrong = await runBinary([...args, "--username-to-import", "jane"], env);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Authentication failed/);
    const off = await runBinary([...args, "--username-to-import", "jane"], { DATA_DIR: dataDir });
    assert.equal(off.code, 2);
    assert.match(off.stderr, /LDAP_SERVER is not set/);
  } finally {
    await directory.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
