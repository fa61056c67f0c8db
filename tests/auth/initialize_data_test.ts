/**
 * The CLI side: `users:create`, `app:initialize_data` (idempotent) and the first start's
 * administrator with a password shown once.
 */
import assert from "node:assert/strict";
import { createUser } from "../../src/auth/create_user.ts";
import { DEFAULT_ROLES } from "../../src/auth/default_roles.ts";
import { ensureFirstAdmin } from "../../src/auth/ensure_first_admin.ts";
import { initializeData } from "../../src/auth/initialize_data.ts";
import { effectivePrivileges } from "../../src/auth/privileges.ts";
import { createLogger, silentLogger } from "../../src/log.ts";
import type { TestApp } from "../_app.ts";
import { addUser, assertNoSecrets, postLogin, withApp } from "./_auth_fixtures.ts";

function everything(t: TestApp) {
  return Promise.all(
    ["users", "roles"].map((name) => t.platform.documents.collection(name).find({})),
  );
}

/** The generated password in a printed line. */
function printedPassword(lines: string[]): string {
  assert.equal(lines.length, 1);
  return /the password (\S+)/.exec(lines[0]!)![1]!;
}

Deno.test("initializeData seeds the default roles and an administrator, once", async () => {
  await withApp(async (t) => {
    const printed: string[] = [];
    const logged: string[] = [];
    const log = createLogger({ sink: (line) => logged.push(line) });
    const first = await initializeData(t.platform.registry, { log, print: (l) => printed.push(l) });
    assert.deepEqual(first, { rolesCreated: DEFAULT_ROLES.map((r) => r.name), adminCreated: true });
    const password = printedPassword(printed);
    assert.equal(logged.join("\n").includes(password), false, "the password is not logged");
    const login = await postLogin(t, { username: "admin", password });
    assert.equal(login.status, 201);

    const before = await everything(t);
    const second = await initializeData(t.platform.registry, {
      log,
      print: (l) => printed.push(l),
    });
    assert.deepEqual(second, { rolesCreated: [], adminCreated: false });
    assert.equal(printed.length, 1, "nothing printed the second time");
    const after = await everything(t);
    const stable = (docs: typeof after) =>
      docs.map((list) => list.map(({ last_activity_at: _, ...doc }) => doc));
    assert.deepEqual(stable(after), stable(before));
    const defaults = after[1]!.filter((role) => role.is_default === true);
    assert.deepEqual(defaults.map((role) => role.name), ["Writer"]);
  });
});

Deno.test("the seeded roles show the client's Spiked Items and highlights, editors embargo", async () => {
  await withApp(async (t) => {
    await initializeData(t.platform.registry, { log: silentLogger, print: () => {} });
    // Superdesk's data update 00019 gives spike_read and highlights_read to every role: without
    // them the client hides the Spiked Items view and the highlights lists (superdesk-client-core
    // scripts/apps/monitoring/config.ts:34, scripts/apps/highlights/index.ts:76).
    const writer = await addUser(t, { username: "seeded-writer" });
    const [user] = await t.platform.documents.collection("users").find({ _id: writer });
    const [role] = await t.platform.documents.collection("roles").find({ _id: user!.role });
    assert.equal(role!.name, "Writer");
    const held = effectivePrivileges(role!.privileges, user!.privileges);
    assert.deepEqual(
      ["spike_read", "highlights_read", "embargo"].map((name) => held.has(name)),
      [true, true, false],
    );
    assert.equal(DEFAULT_ROLES.find((role) => role.name === "Editor")?.privileges.embargo, 1);
  });
});

Deno.test("initializeData keeps an existing default role and uses SUPERDESK_ADMIN_PASSWORD", async () => {
  await withApp(async (t) => {
    await t.platform.registry.service("roles").create([{ name: "House", is_default: true }]);
    const printed: string[] = [];
    const result = await initializeData(t.platform.registry, {
      log: silentLogger,
      adminPassword: "given-admin-password",
      print: (line) => printed.push(line),
    });
    assert.equal(result.adminCreated, true);
    assert.deepEqual(printed, []);
    const roles = await t.platform.documents.collection("roles").find({ is_default: true });
    assert.deepEqual(roles.map((role) => role.name), ["House"]);
    const login = await postLogin(t, { username: "admin", password: "given-admin-password" });
    assert.equal(login.status, 201);
  });
});

Deno.test("ensureFirstAdmin creates an administrator only when there are no users", async () => {
  await withApp(async (t) => {
    const printed: string[] = [];
    const options = { log: silentLogger, print: (line: string) => printed.push(line) };
    assert.equal(await ensureFirstAdmin(t.platform.registry, options), true);
    const password = printedPassword(printed);
    const admin = await t.platform.documents.collection("users").findOne({ username: "admin" });
    assert.equal(admin!.user_type, "administrator");
    assert.equal(admin!.needs_activation, false);
    assert.equal((await postLogin(t, { username: "admin", password })).status, 201);
    assert.equal(await ensureFirstAdmin(t.platform.registry, options), false);
    assert.equal(printed.length, 1);
  });
});

Deno.test("ensureFirstAdmin does nothing when users exist", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    const printed: string[] = [];
    const created = await ensureFirstAdmin(t.platform.registry, {
      log: silentLogger,
      print: (line) => printed.push(line),
    });
    assert.equal(created, false);
    assert.deepEqual(printed, []);
  });
});

Deno.test("createUser stores a bcrypt hash and returns the user without it", async () => {
  await withApp(async (t) => {
    const user = await createUser(t.platform.registry, {
      username: "editor",
      password: "editor-password",
      email: "Editor@Example.com",
      admin: false,
      firstName: "Ed",
      lastName: "Itor",
    });
    assertNoSecrets(JSON.stringify(user), "editor-password");
    assert.equal(user.display_name, "Ed Itor");
    assert.equal(user.email, "editor@example.com");
    const stored = await t.platform.documents.collection("users").findOne({ _id: user._id });
    const cost = String(t.platform.config.bcryptWorkFactor).padStart(2, "0");
    assert.ok(String(stored!.password).startsWith(`$2b$${cost}$`), "a hash of the configured cost");
    await assert.rejects(
      createUser(t.platform.registry, {
        username: "editor",
        password: "another-password",
        email: "other@example.com",
        admin: false,
      }),
      (error: Error & { status?: number; issues?: Record<string, unknown> }) =>
        error.status === 400 && "username" in (error.issues ?? {}),
    );
  });
});
