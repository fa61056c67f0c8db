/**
 * Loading and registering apps: what fails stops the start with a message naming the app (and
 * its INSTALLED_APPS entry), in-process and from the binary (exit code 1), in the main thread
 * and in a worker thread; registries refuse a name two apps claim; what an app refers to must
 * exist; an app cannot register once start-up is over.
 */
import assert from "node:assert/strict";
import { defineApp, defineResource, defineSchedule, Type } from "../../src/app_api.ts";
import { AppLoadError, resolveAppSpecifier, SERVER_ROOT } from "../../src/apps/load_apps.ts";
import type { App, AppContext } from "../../src/apps/app.ts";
import { createTestApp } from "../_app.ts";
import { runBinary, startServer } from "../_server_process.ts";

const FIXTURES = "tests/apps/fixtures";

/** Asserts that building with `INSTALLED_APPS` / `apps` rejects with an AppLoadError matching `message`. */
async function refusedAtStart(
  options: { installed?: string[]; apps?: App[] },
  message: RegExp,
) {
  const env: Record<string, string> = {};
  if (options.installed) env.INSTALLED_APPS = options.installed.join(",");
  await assert.rejects(createTestApp({ env, apps: options.apps }), (error: Error) => {
    assert.ok(error instanceof AppLoadError, `${error.name}: ${error.message}`);
    assert.match(error.message, message);
    return true;
  });
}

Deno.test("INSTALLED_APPS entries resolve against the server's directory, absolute paths and URLs as given", () => {
  assert.equal(
    resolveAppSpecifier("examples/apps/fact_checks/mod.ts"),
    new URL("examples/apps/fact_checks/mod.ts", SERVER_ROOT).href,
  );
  assert.equal(resolveAppSpecifier("/opt/apps/a b.ts"), "file:///opt/apps/a%20b.ts");
  assert.equal(
    resolveAppSpecifier("npm:@acme/superdesk-app@1.2.0"),
    "npm:@acme/superdesk-app@1.2.0",
  );
  assert.equal(resolveAppSpecifier("https://example.com/app.ts"), "https://example.com/app.ts");
});

Deno.test("an app that cannot be imported, or exports no app, stops the start naming its entry", async () => {
  await refusedAtStart(
    { installed: [`${FIXTURES}/missing_app.ts`] },
    /^INSTALLED_APPS: "tests\/apps\/fixtures\/missing_app.ts" cannot be loaded: .*not found/i,
  );
  await refusedAtStart(
    { installed: [`${FIXTURES}/throws_on_import.ts`] },
    /"tests\/apps\/fixtures\/throws_on_import.ts" cannot be loaded: this module cannot be imported/,
  );
  await refusedAtStart(
    { installed: [`${FIXTURES}/no_default_app.ts`] },
    /"tests\/apps\/fixtures\/no_default_app.ts" has no default export/,
  );
});

Deno.test("an app whose registration throws stops the start naming the app and its entry", async () => {
  await refusedAtStart(
    { installed: [`${FIXTURES}/broken_app.ts`] },
    /^app "broken" \(INSTALLED_APPS "tests\/apps\/fixtures\/broken_app.ts"\) failed to register: BROKEN_FEED_URL is not set$/,
  );
});

Deno.test("two apps cannot claim one name, privilege, resource, macro, preference or config key", async () => {
  const claiming = (name: string, register: (app: AppContext) => void) =>
    defineApp({ name, register });
  await refusedAtStart(
    { apps: [claiming("newsroom", () => {})] },
    /two apps are named "newsroom": app "newsroom" and app "newsroom"/,
  );
  await refusedAtStart(
    { apps: [claiming("dupe", (app) => app.privileges({ name: "archive", label: "Mine" }))] },
    /app "dupe" failed to register: privilege "archive" is already registered by app "newsroom"/,
  );
  await refusedAtStart(
    {
      apps: [
        claiming(
          "dupe",
          (app) => void app.resource(defineResource({ name: "desks", schema: Type.Object({}) })),
        ),
      ],
    },
    /failed to register: Resource "desks" is already registered by app "newsroom"/,
  );
  await refusedAtStart(
    { apps: [claiming("dupe", (app) => app.sessionPreference("desk:items", ["x"]))] },
    /session preference "desk:items" is already registered by app "newsroom"/,
  );
  await refusedAtStart(
    { apps: [claiming("dupe", (app) => app.clientConfig({ user: { username_pattern: "x" } }))] },
    /client_config "user.username_pattern" is already set by app "auth"/,
  );
  const macro = { name: "m", label: "M", callback: (item: Record<string, unknown>) => ({ item }) };
  await refusedAtStart(
    {
      apps: [
        claiming("one", (app) => app.macros(macro)),
        claiming("two", (app) => app.macros(macro)),
      ],
    },
    /app "two" failed to register: macro "m" is already registered by app "one"/,
  );
});

Deno.test("what an app refers to must exist: privileges, hooked resources, scheduled tasks", async () => {
  await refusedAtStart(
    {
      apps: [defineApp({
        name: "typo",
        register(app) {
          app.resource(defineResource({
            name: "notes",
            schema: Type.Object({ text: Type.String() }),
            resourceMethods: ["GET", "POST"],
            privileges: { POST: "note" },
          }));
        },
      })],
    },
    /app "typo": resource "notes" requires privilege "note", which no app declares/,
  );
  await refusedAtStart(
    { apps: [defineApp({ name: "hooker", register: (app) => app.hooks("notes", {}) })] },
    /app "hooker" failed to register: cannot add hooks to resource "notes": no earlier app registers it/,
  );
  await refusedAtStart(
    {
      apps: [defineApp({
        name: "hooker",
        register: (app) => app.hooks("archive", { onSave() {} } as never),
      })],
    },
    /unknown hooks for "archive": onSave/,
  );
  await refusedAtStart(
    {
      apps: [defineApp({
        name: "cron",
        register: (app) =>
          app.schedules(defineSchedule({ name: "nightly", task: "cron:run", cron: "0 2 * * *" })),
      })],
    },
    /app "cron": schedule "nightly" runs task "cron:run", which no app declares/,
  );
});

Deno.test("an app cannot register anything once start-up is over", async () => {
  let kept: AppContext | undefined;
  const app = await createTestApp({
    apps: [defineApp({ name: "late", register: (context) => void (kept = context) })],
  });
  try {
    assert.throws(
      () => kept!.privileges({ name: "late", label: "Late" }),
      /app "late" called app.privileges\(\) after start-up/,
    );
    assert.equal(app.platform.apps.privileges.has("late"), false);
  } finally {
    await app.close();
  }
});

Deno.test("defineApp refuses a bad name, a missing register and a repeated command", () => {
  assert.throws(() => defineApp({ name: "Fact-Checks", register() {} }), /app name "Fact-Checks"/);
  assert.throws(
    () => defineApp({ name: "x" } as never),
    /app "x" needs a register\(app\) function/,
  );
  const command = { name: "x:run", summary: "", run: () => Promise.resolve(0) };
  assert.throws(
    () => defineApp({ name: "x", commands: [command, command], register() {} }),
    /declares command "x:run" twice/,
  );
});

Deno.test("the binary exits 1 naming an app that fails to load or register; --help lists app commands", async () => {
  const env = { INSTALLED_APPS: `${FIXTURES}/broken_app.ts` };
  for (const args of [["--role=api"], ["check"]]) {
    const { code, stderr } = await runBinary(args, env);
    assert.equal(code, 1, `${args}: ${stderr}`);
    assert.match(
      stderr,
      /^superdesk: app "broken" \(INSTALLED_APPS "tests\/apps\/fixtures\/broken_app.ts"\) failed to register: BROKEN_FEED_URL is not set\n$/,
    );
  }
  const listed = await runBinary(["--help"], {
    INSTALLED_APPS: "examples/apps/fact_checks/mod.ts",
  });
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /fact_checks:pending\s+Print the claims waiting for a check/);
});

Deno.test({
  name: "an app failing only inside the worker threads stops the worker role, naming the app",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer(["--role=worker", "--workers=1"], {
      env: { INSTALLED_APPS: `${FIXTURES}/worker_only_failure_app.ts` },
      listening: [],
    });
    const failed = await server.waitFor((r) => r.msg === "task worker cannot start");
    assert.match(
      String(failed.error),
      /app "thread_shy" \(INSTALLED_APPS "tests\/apps\/fixtures\/worker_only_failure_app.ts"\) failed to register: cannot run in a worker thread/,
    );
    assert.equal(await server.exited, 1);
  },
});
