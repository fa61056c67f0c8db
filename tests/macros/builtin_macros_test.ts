/**
 * The built-in macros over HTTP, as the web client asks for them (superdesk-client-core
 * scripts/apps/authoring/macros/macros.ts), on the embedded default and on the real engines:
 * the authoring "applying populate abstract macro" e2e test lists macros on the Sports desk and
 * runs `populate_abstract`; "Validate for Publish" answers the errors as the client parses them;
 * the currency macro answers 503 without a configured rate, and every failure's `_message` is
 * the JSON list of messages the client shows; a bad
 * rate or a second macro of a built-in's name stops the start.
 */
import assert from "node:assert/strict";
import { defineApp, SYSTEM_ACTOR } from "../../src/app_api.ts";
import { loginAs } from "../_auth.ts";
import { createTestApp } from "../_app.ts";
import { engineTestApp, onEachEngine, perEngineTest } from "../_engine_app.ts";

perEngineTest("the client lists populate_abstract on any desk and runs it", async (app) => {
  const user = await loginAs(app, { username: "editor", admin: true });
  // macros.ts:62 (getByDesk, the widget on a desk) through macros.ts:27 (api.query).
  const listed = await user.get(
    "/api/macros?backend=false&desk=Sports&max_results=200&page=1",
  );
  assert.equal(listed.status, 200);
  assert.match(listed.headers.get("content-type")!, /application\/json/);
  const { _items: items } = await listed.json();
  const populate = items.find((macro: { name: string }) => macro.name === "populate_abstract");
  assert.deepEqual(populate, {
    name: "populate_abstract",
    label: "Populate Abstract",
    description: "Populate the abstract field with the first sentence of the body",
    access_type: "frontend",
    action_type: "direct",
    replace_type: "simple-replace",
    order: 3,
    shortcut: "a",
  });
  // Backend macros only on request (macros.ts:48 `backend: !!includeBackend`).
  const names = (list: { name: string }[]) => list.map((macro) => macro.name);
  assert.ok(!names(items).includes("take_key_validator"));
  const all = await (await user.get("/api/macros?backend=true&max_results=200")).json();
  assert.ok(names(all._items).includes("take_key_validator"));

  // macros.ts:83 (triggerMacro): the item being edited, commit false.
  const run = await user.post("/api/macros", {
    macro: "populate_abstract",
    item: { _id: "sports-1", body_html: "<p>test sport story body</p>", abstract: "" },
    commit: false,
  });
  assert.equal(run.status, 201);
  assert.match(run.headers.get("content-type")!, /application\/json/);
  const body = await run.json();
  assert.equal(body.item.abstract, "test sport story body");
  assert.equal(body.item.body_html, "<p>test sport story body</p>");
});

perEngineTest(
  "Validate for Publish answers the publish errors as the client reads them",
  async (app) => {
    const { registry } = app.platform;
    // superdesk-core tests/macros/validate_for_publish_test.py: headline at most 5 long.
    await registry.service("validators").create(
      [{
        _id: "publish_text",
        act: "publish",
        type: "text",
        schema: {
          headline: {
            required: true,
            maxlength: 5,
            empty: false,
            nullable: false,
            type: "string",
          },
        },
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    await registry.service("archive").create(
      [{ _id: "long", type: "text", headline: "123456" }, {
        _id: "short",
        type: "text",
        headline: "12345",
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const user = await loginAs(app, { username: "editor", admin: true });
    // macros.ts:83 (triggerMacro); on failure macros.ts:89 JSON-parses `_message`.
    const refused = await user.post("/api/macros", {
      macro: "Validate for Publish",
      item: { _id: "long" },
      commit: false,
    });
    assert.equal(refused.status, 400);
    assert.match(refused.headers.get("content-type")!, /application\/json/);
    const errors = JSON.parse((await refused.json())._message);
    assert.ok(Array.isArray(errors) && errors.length > 0);
    assert.match(errors.join(" "), /headline/i);
    const passed = await user.post("/api/macros", {
      macro: "Validate for Publish",
      item: { _id: "short" },
      commit: false,
    });
    assert.equal(passed.status, 201);
    assert.deepEqual((await passed.json()).item, { _id: "short" });
  },
);

onEachEngine(
  "usd_to_cad answers 503 without USD_TO_CAD_RATE and converts with it",
  async (engine) => {
    const item = { body_html: "$10 bar", headline: "foo $5" };
    const bare = await engineTestApp(engine);
    try {
      const user = await loginAs(bare, { username: "editor", admin: true });
      // macros.ts:83 (triggerMacro); on failure macros.ts:89 JSON-parses `_message` and shows
      // each of its messages.
      const refused = await user.post("/api/macros", {
        macro: "usd_to_cad",
        item,
        commit: false,
      });
      assert.equal(refused.status, 503);
      assert.match(refused.headers.get("content-type")!, /application\/json/);
      assert.deepEqual(JSON.parse((await refused.json())._message), [
        "Cannot convert USD to CAD: no exchange rate is configured (USD_TO_CAD_RATE)",
      ]);
      // A macro the server lacks: the validation issue, as a message the client shows.
      const unknown = await user.post("/api/macros", { macro: "nope", item, commit: false });
      assert.equal(unknown.status, 400);
      assert.match(unknown.headers.get("content-type")!, /application\/json/);
      assert.deepEqual(JSON.parse((await unknown.json())._message), [
        "macro: unallowed value nope",
      ]);
      // A user without the archive privilege: the 403, as a message the client shows.
      const reader = await loginAs(bare, { username: "reader", privileges: {} });
      const forbidden = await reader.post("/api/macros", { macro: "usd_to_cad", item });
      assert.equal(forbidden.status, 403);
      assert.deepEqual(JSON.parse((await forbidden.json())._message), [
        'Insufficient privileges: "archive" is required',
      ]);
      // Without a rate it is no translation macro: en-CA → en-AU translates, unconverted.
      await bare.platform.registry.service("archive").create(
        [{
          _id: "ca",
          guid: "ca",
          type: "text",
          state: "draft",
          language: "en-CA",
          body_html: "$10",
        }],
        SYSTEM_ACTOR,
        { trusted: true },
      );
      const translated = await user.post("/api/archive/translate", {
        guid: "ca",
        language: "en-AU",
      });
      assert.equal(translated.status, 201, await translated.clone().text());
      const copy = await (await user.get(`/api/archive/${(await translated.json())._id}`)).json();
      assert.deepEqual([copy.language, copy.body_html], ["en-AU", "$10"]);
    } finally {
      await bare.close();
    }
    const rated = await engineTestApp(engine, { env: { USD_TO_CAD_RATE: "1.3139" } });
    try {
      const user = await loginAs(rated, { username: "editor", admin: true });
      const run = await user.post("/api/macros", { macro: "usd_to_cad", item });
      assert.equal(run.status, 201);
      const body = await run.json();
      assert.deepEqual(body.diff, { "$10": "$10 (CAD 13)", "$5": "$5 (CAD 7)" });
      assert.equal(body.item.body_html, "$10 (CAD 13) bar");
    } finally {
      await rated.close();
    }
  },
);

Deno.test("a bad USD_TO_CAD_RATE stops the start naming the setting", async () => {
  for (const rate of ["1,31", "0.000", "1e3", "-2"]) {
    await assert.rejects(
      createTestApp({ env: { USD_TO_CAD_RATE: rate } }),
      /USD_TO_CAD_RATE must be a positive decimal number/,
      rate,
    );
  }
});

Deno.test("an app registering a built-in macro's name stops the start naming both", async () => {
  const shadow = defineApp({
    name: "shadow",
    register(app) {
      app.macros({ name: "populate_abstract", label: "Mine", callback: (item) => ({ item }) });
    },
  });
  await assert.rejects(createTestApp({ apps: [shadow] }), (error: Error) => {
    assert.match(error.message, /populate_abstract/);
    assert.match(error.message, /macros/);
    assert.match(error.message, /shadow/);
    return true;
  });
});
