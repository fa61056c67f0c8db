/**
 * The example apps (examples/apps/) loaded by configuration, on the embedded default and on
 * the real engines: the `fact_checks` resource is served and documented, its hooks hold, its
 * signal handler enqueues a scan when a story is updated and the scan records each claim once;
 * the word count macro is listed and applied, with and without commit; what the apps register
 * (privileges, preferences, client_config) is in the registries.
 */
import assert from "node:assert/strict";
import { ValidationError } from "../../src/errors.ts";
import { silentLogger } from "../../src/log.ts";
import { body, refused, signIn } from "../newsroom/_newsroom.ts";
import { clientFor } from "../_client.ts";
import { appsTest, EXAMPLE_APPS } from "./_apps_fixture.ts";

const VALIDATION = new ValidationError({}).status;
const options = { installed: EXAMPLE_APPS, env: { WORD_COUNT_LIMIT: "8" } };
const CLAIMS = "<p>Unemployment fell to 4.2% in March.</p><p>The council met on Tuesday.</p>" +
  "<p>Spending rose by $12 million. It was a record.</p>";

appsTest(
  "an app's resource is served, listed at /api and in the OpenAPI document",
  options,
  async ({ app, editor }) => {
    const home = await body(await clientFor(app).get("/api"));
    assert.ok(
      home._links.child.some((link: { href: string; title: string }) =>
        link.href === "fact_checks" && link.title === "Fact checks"
      ),
    );
    const doc = await body(await clientFor(app).get("/api/openapi.json"));
    assert.deepEqual(Object.keys(doc.paths["/fact_checks"]).sort(), ["get", "post"]);
    assert.match(
      doc.paths["/fact_checks/{id}"].patch.description,
      /Requires the `fact_check` privilege/,
    );
    const item = doc.paths["/fact_checks/{id}"].get.responses["200"].content["application/json"];
    const schema = doc.components.schemas[String(item.schema.$ref).split("/").pop()!];
    assert.deepEqual(
      schema.properties.status.anyOf.map((s: { const: string }) => s.const),
      ["pending", "verified", "disputed", "false"],
    );
    const list = await body(await editor.get("/api/fact_checks"));
    assert.deepEqual(list._items, []);
  },
);

appsTest(
  "an app's hooks check the item and record who judged a claim",
  options,
  async ({ app, editor, story }) => {
    const missing = await refused(
      await editor.post("/api/fact_checks", { item: "urn:nowhere", claim: "It rained 3 days." }),
      VALIDATION,
    );
    assert.deepEqual(missing._issues, { item: 'no archive item "urn:nowhere"' });
    assert.equal((await body(await editor.get("/api/fact_checks")))._meta.total, 0);

    const created = await body(
      await editor.post("/api/fact_checks", { item: story._id, claim: "It rained 3 days." }),
      201,
    );
    const check = await body(await editor.get(`/api/fact_checks/${created._id}`));
    assert.equal(check.status, "pending");
    assert.equal(check.origin, "manual");
    assert.equal(check.checked_by, undefined);

    const judged = await editor.patch(`/api/fact_checks/${check._id}`, { status: "verified" }, {
      etag: check._etag,
    });
    assert.equal(judged.status, 200, await judged.clone().text());
    const after = await body(await editor.get(`/api/fact_checks/${check._id}`));
    assert.equal(after.status, "verified");
    assert.equal(after.checked_by, editor.userId);
    assert.ok(after.checked_at);

    const reader = await signIn(app, "reader", { archive: 1 });
    await refused(
      await reader.post("/api/fact_checks", { item: story._id, claim: "It rained 4 days." }),
      403,
      'Insufficient privileges: "fact_check" is required',
    );
  },
);

appsTest(
  "updating a story calls the app's signal handler; its scan records each claim once",
  options,
  async ({ app, editor, story }) => {
    const { queue, tasks, services } = app.platform;
    // The story's creation queued a scan already: take it out of the way.
    for (const entry of await queue.read("test", { count: 10 })) await queue.ack(entry);

    const patched = await editor.patch(`/api/archive/${story._id}`, { body_html: CLAIMS }, {
      etag: story._etag,
    });
    assert.equal(patched.status, 200, await patched.clone().text());
    const entries = await queue.read("test", { count: 10 });
    assert.deepEqual(entries.map(({ task, args }) => ({ task, args })), [
      { task: "fact_checks:scan", args: { item: story._id } },
    ]);

    const scan = tasks.get("fact_checks:scan")!;
    const run = () =>
      scan.handler(entries[0]!.args as never, {
        services,
        signal: new AbortController().signal,
        log: silentLogger,
        attempt: 1,
        taskId: entries[0]!.id,
      });
    await run();
    await run();
    await queue.ack(entries[0]!);
    const checks = await body(
      await editor.get(`/api/fact_checks?where=${JSON.stringify({ item: story._id })}`),
    );
    assert.deepEqual(checks._items.map((check: { claim: string }) => check.claim).sort(), [
      "Spending rose by $12 million.",
      "Unemployment fell to 4.2% in March.",
    ]);
    assert.ok(
      checks._items.every((check: { status: string; origin: string }) =>
        check.status === "pending" && check.origin === "scan"
      ),
    );
  },
);

appsTest(
  "an app's macro is listed and applied, with and without commit",
  options,
  async ({ app, editor, story }) => {
    // Listed last, after the server's own macros (the publish and macros modules register first).
    const listed = await body(await editor.get("/api/macros?max_results=200"));
    assert.deepEqual(listed._items.at(-1), {
      name: "word_count_limit",
      label: "Word count limit",
      description: "Cut the body to 8 words",
      group: "length",
      access_type: "frontend",
      action_type: "direct",
      replace_type: "no-replace",
    });
    assert.deepEqual(listed._meta, { page: 1, max_results: 200, total: listed._items.length });
    await refused(await clientFor(app).get("/api/macros"), 401);

    const long = "<p>One two three four five.</p><p>Six seven eight nine ten.</p>";
    const applied = await body(
      await editor.post("/api/macros", { macro: "word_count_limit", item: { body_html: long } }),
      201,
    );
    assert.equal(applied.item.body_html, "<p>One two three four five.</p><p>Six seven eight</p>");
    assert.equal(applied._status, "OK");
    assert.equal(applied.commit, false);

    const committed = await body(
      await editor.post("/api/macros", {
        macro: "word_count_limit",
        item: { ...story, body_html: long },
        commit: true,
      }),
      201,
    );
    const stored = await body(await editor.get(`/api/archive/${story._id}`));
    assert.equal(stored.body_html, "<p>One two three four five.</p><p>Six seven eight</p>");
    assert.equal(stored._current_version, story._current_version + 1);
    assert.equal(committed.item._etag, stored._etag);

    const unknown = await refused(
      await editor.post("/api/macros", { macro: "no such macro", item: {} }),
      VALIDATION,
    );
    assert.deepEqual(unknown._issues, { macro: "unallowed value no such macro" });
    const reader = await signIn(app, "reader", {});
    await refused(
      await reader.post("/api/macros", { macro: "word_count_limit", item: {} }),
      403,
    );
  },
);

appsTest(
  "what apps register is in the registries, in load order",
  options,
  async ({ app, editor }) => {
    const { apps } = app.platform;
    assert.deepEqual(apps.apps, [
      // Registered whatever SUPERDESK_TESTING says (its route only in testing mode).
      { name: "prepopulate" },
      { name: "auth" },
      { name: "auth_server" },
      { name: "indexing" },
      { name: "newsroom" },
      { name: "tasks" },
      { name: "content" },
      { name: "publish" },
      { name: "content_api" },
      { name: "legal_archive" },
      { name: "ingest" },
      { name: "macros" },
      { name: "shell" },
      { name: "preferences" },
      { name: "activity" },
      { name: "archive_history" },
      { name: "comments" },
      { name: "media" },
      { name: "contacts" },
      { name: "concept_items" },
      { name: "duplication" },
      { name: "export" },
      { name: "attachments" },
      { name: "spellcheck" },
      { name: "places" },
      { name: "usage_metrics" },
      { name: "storage" },
      { name: "word_count_limit", source: EXAMPLE_APPS[0] },
      { name: "fact_checks", source: EXAMPLE_APPS[1] },
    ]);
    assert.deepEqual(apps.privileges.get("fact_check"), {
      name: "fact_check",
      label: "Fact checking",
      description: "Add, judge and remove the fact checks of stories",
      category: "fact_checks",
      app: "fact_checks",
    });
    assert.equal(apps.privileges.get("archive")?.app, "newsroom");
    const config = apps.clientConfig.values();
    assert.equal(config.word_count_limit, 8);
    assert.deepEqual(config.fact_checks, {
      statuses: ["pending", "verified", "disputed", "false"],
    });
    assert.equal(config.google_auth, false);
    const preferences = apps.preferences.userDefaults();
    assert.deepEqual(preferences["word_count_limit:warn"], {
      type: "bool",
      enabled: true,
      default: true,
      label: "Warn when a story passes 8 words",
      category: "editor",
    });
    assert.deepEqual(apps.preferences.sessionDefaults()["desk:items"], []);

    const listed = await body(await editor.get("/api/privileges"));
    const labels = listed._items.map((p: { label: string }) => p.label);
    assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)), "sorted by label");
    assert.deepEqual(listed._items.find((p: { name: string }) => p.name === "fact_check"), {
      _id: "fact_check",
      name: "fact_check",
      label: "Fact checking",
      description: "Add, judge and remove the fact checks of stories",
      category: "fact_checks",
      _links: { self: { title: "Privilege", href: "privileges/fact_check" } },
    });
    assert.equal(listed._meta.total, apps.privileges.list().length);
  },
);
