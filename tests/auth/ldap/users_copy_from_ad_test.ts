/** `superdesk users:copyfromad`: accounts (the first administrator) from the LDAP directory. */
import assert from "node:assert/strict";
import { main } from "../../../src/cli/main.ts";
import { createTestApp } from "../../_app.ts";
import { startDirectory } from "./_directory_server.ts";
import { ADMIN, JANE, ldapEnv } from "./_ldap_app.ts";

Deno.test("users:copyfromad creates an administrator from the directory, then refreshes it", async () => {
  const directory = await startDirectory([JANE, ADMIN]);
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_ldap_cli_" });
  const env = { DATA_DIR: dataDir, LOG_LEVEL: "error", ...ldapEnv(directory.port) };
  const copy = (...extra: string[]) =>
    main([
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
    assert.equal(await copy("--admin"), 0);
    directory.add({ ...ADMIN, attributes: { ...ADMIN.attributes, sn: "In Chief" } });
    assert.equal(await copy(), 0);
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
    assert.equal(await main([...args, "--username-to-import", "jane"], env), 1);
    assert.equal(await main([...args, "--username-to-import", "jane"], { DATA_DIR: dataDir }), 2);
  } finally {
    await directory.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
