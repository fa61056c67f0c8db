/**
 * The publishing resources over HTTP, on both stores: subscribers (sequence settings,
 * destinations required when active, secrets never returned and kept on save, unique names),
 * products (in use by a subscriber: not deletable), filter conditions (identical settings
 * refused, referenced ones kept), content filters (cycles refused), validators and `/validate`,
 * the publish queue (manual entries, state changes pushed), the formatters list, an item
 * formatted on request and the output formats.
 */
import assert from "node:assert/strict";
import { awaitEvent, body, eventsNamed, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

publishingTest("subscribers: sequence settings, destinations and hidden secrets", async (room) => {
  const editor = room.editor;
  const base = { name: "S", subscriber_type: "digital", email: "s@example.com" };
  const tooLow = await editor.post("/api/subscribers", {
    ...base,
    sequence_num_settings: { min: 0, max: 10 },
  });
  await refused(
    tooLow,
    400,
    "Value of Minimum in Sequence Number Settings should be greater than 0",
  );
  const inverted = await editor.post("/api/subscribers", {
    ...base,
    sequence_num_settings: { min: 10, max: 5 },
  });
  await refused(inverted, 400, /less than the value of Maximum/);
  const empty = await editor.post("/api/subscribers", { ...base, is_active: true });
  await refused(empty, 400, "At least one destination or one API Product should be specified");
  await refused(await editor.post("/api/subscribers", { ...base, subscriber_type: "radio" }), 400);
  const push = {
    name: "push",
    format: "ninjs",
    delivery_type: "http_push",
    config: { resource_url: "http://127.0.0.1:1/x", secret_token: "t0p" },
  };
  const created = await room.subscriber({ ...base, destinations: [push] });
  assert.equal(created.is_targetable, true);
  assert.ok(created.destinations[0]._id, "destinations get an id");
  assert.equal(created.destinations[0].config.secret_token, undefined, "secret never returned");
  const list = await body(await editor.get("/api/subscribers"));
  assert.equal(list._items[0].destinations[0].config.secret_token, undefined);
  const saved = await editor.patch(`/api/subscribers/${created._id}`, {
    destinations: created.destinations,
  }, { etag: created._etag });
  await body(saved);
  const stored = await room.app.platform.documents.collection("subscribers").findOne({
    _id: created._id,
  });
  assert.equal((stored!.destinations as Json[])[0].config.secret_token, "t0p", "secret kept");
  await refused(await editor.post("/api/subscribers", { ...base, name: "s" }), 400);
  assert.equal((await eventsNamed(room, "subscriber:create")).length, 1);
  await refused(await room.writer.post("/api/subscribers", { ...base, name: "W" }), 403);
});

publishingTest("products in use cannot be deleted; filters keep their references", async (room) => {
  const editor = room.editor;
  const condition = await body(
    await editor.post("/api/filter_conditions", {
      name: "sport",
      field: "subject",
      operator: "in",
      value: "15000000,15001000",
    }),
    201,
  );
  const twin = await editor.post("/api/filter_conditions", {
    name: "sport again",
    field: "subject",
    operator: "in",
    value: "15001000,15000000",
  });
  await refused(twin, 400, "Filter condition:sport has identical settings");
  await refused(
    await editor.post("/api/filter_conditions", {
      name: "bad",
      field: "nope",
      operator: "in",
      value: "1",
    }),
    400,
  );
  const filter = await body(
    await editor.post("/api/content_filters", {
      name: "sports",
      content_filter: [{ expression: { fc: [condition._id] } }],
    }),
    201,
  );
  const outer = await body(
    await editor.post("/api/content_filters", {
      name: "outer",
      content_filter: [{ expression: { pf: [filter._id] } }],
    }),
    201,
  );
  const current = await body(await editor.get(`/api/content_filters/${filter._id}`));
  const cycle = await editor.patch(`/api/content_filters/${filter._id}`, {
    content_filter: [{ expression: { pf: [outer._id] } }],
  }, { etag: current._etag });
  await refused(cycle, 400, /Circular dependency error in content filters/);
  const conditionNow = await body(await editor.get(`/api/filter_conditions/${condition._id}`));
  const deleteCondition = await editor.delete(`/api/filter_conditions/${condition._id}`, {
    etag: conditionNow._etag,
  });
  await refused(deleteCondition, 400, /referenced in content filter: sports/);
  const product = await room.product({
    content_filter: { filter_id: filter._id, filter_type: "permitting" },
  });
  await room.subscriber({
    name: "User",
    products: [product._id],
    destinations: [room.pushTo("/x")],
  });
  const deleteProduct = await editor.delete(`/api/products/${product._id}`, {
    etag: product._etag,
  });
  await refused(deleteProduct, 400, "Product is used by the subscriber(s): User");
  const unused = await room.product();
  assert.equal(
    (await editor.delete(`/api/products/${unused._id}`, { etag: unused._etag })).status,
    204,
  );
});

publishingTest("validators drive /api/validate with Superdesk's messages", async (room) => {
  await room.app.platform.registry.service("validators").create([{
    _id: "publish_text",
    act: "publish",
    type: "text",
    schema: {
      headline: { type: "string", required: true, minlength: 2, maxlength: 10 },
      slugline: { type: "string" },
    },
  }]);
  const validate = async (item: Json) =>
    (await body(
      await room.editor.post("/api/validate", { act: "publish", type: "text", validate: item }),
      201,
    )).errors;
  assert.deepEqual(await validate({ headline: "ok headline" }), ["HEADLINE is too long"]);
  assert.deepEqual(await validate({ headline: "x" }), ["HEADLINE is too short"]);
  assert.deepEqual(await validate({ slugline: 1 }), [
    "HEADLINE is a required field",
    "SLUGLINE must be of string type",
  ]);
  assert.deepEqual(await validate({ headline: "fine" }), []);
  // Without rules for the action, Superdesk's default profile of the type applies; a type
  // without one has no rules.
  const validateKill = async (type: string) =>
    (await body(
      await room.editor.post("/api/validate", { act: "kill", type, validate: {} }),
      201,
    )).errors;
  assert.deepEqual(await validateKill("text"), ["HEADLINE is a required field"]);
  assert.deepEqual(await validateKill("preformatted"), []);
  await refused(await room.editor.post("/api/validate", { type: "text", validate: {} }), 400);
  await refused(
    await room.editor.post("/api/validators", { _id: "x", act: "publish", type: "text" }),
    403,
  );
});

publishingTest("/api/validate takes names an object inherits as plain names", async (room) => {
  await room.app.platform.registry.service("validators").create([{
    _id: "publish_text",
    act: "publish",
    type: "text",
    schema: { constructor: { type: "string", required: true } },
  }]);
  const validate = async (type: string) =>
    (await body(
      await room.editor.post("/api/validate", { act: "publish", type, validate: {} }),
      201,
    )).errors;
  assert.deepEqual(await validate("text"), ["CONSTRUCTOR is a required field"]);
  // No profile, `SCHEMA` rules, validators or default profile for the type: no rules.
  assert.deepEqual(await validate("constructor"), []);
});

publishingTest(
  "publish queue: manual entries start pending; state changes are pushed",
  async (room) => {
    const subscriber = await room.subscriber({
      name: "Q",
      destinations: [room.pushTo("/q")],
    });
    const created = await body(
      await room.editor.post("/api/publish_queue", {
        item_id: "urn:x",
        subscriber_id: subscriber._id,
        destination: subscriber.destinations[0],
      }),
      201,
    );
    const entry = await body(await room.editor.get(`/api/publish_queue/${created._id}`));
    assert.equal(entry.state, "pending");
    assert.equal(entry.published_seq_num, 1);
    const patched = await body(
      await room.editor.patch(`/api/publish_queue/${entry._id}`, { state: "canceled" }, {
        etag: entry._etag,
      }),
    );
    assert.ok(patched._etag);
    // Waited for: on the engines the bus (Redis) delivers after the PATCH has answered.
    const update = await awaitEvent(
      room,
      "publish_queue:update",
      (extra) => extra.queue_id === entry._id,
    );
    assert.equal(update.extra.state, "canceled");
    const bad = await room.editor.patch(`/api/publish_queue/${entry._id}`, { state: "lost" }, {
      etag: patched._etag,
    });
    await refused(bad, 400);
    const formatters = await body(await room.editor.get("/api/formatters"));
    assert.deepEqual(formatters._items.map((f: Json) => f.type).sort(), [
      "email",
      "newsml12",
      "newsmlg2",
      "newsroom ninjs",
      "ninjs",
      "nitf",
    ]);
    // The client's preview and export offer only the formatters that can (NINJS, as Superdesk).
    for (const criteria of ["can_preview", "can_export"]) {
      const offered = await body(await room.editor.get(`/api/formatters?criteria=${criteria}`));
      assert.deepEqual(offered._items, [{ name: "NINJSFormatter", type: "ninjs" }]);
    }
    await refused(await room.editor.get("/api/formatters?criteria=__class__"), 400);
  },
);

publishingTest(
  "POST /api/formatters formats an item; /api/output_formats names the formats",
  async (room) => {
    const story = await room.story({ headline: "Budget vote", body_html: "<p>Passed.</p>" });
    const format = (request: Json) => room.editor.post("/api/formatters", request);
    const answer = await body(
      await format({ article_id: story._id, formatter_name: "NINJSFormatter" }),
      201,
    );
    assert.equal(answer._status, "OK");
    const ninjs = JSON.parse(answer._id.formatted_doc);
    assert.equal(ninjs.guid, story._id);
    assert.equal(ninjs.headline, "Budget vote");
    const nitf = await body(
      await format({ article_id: story._id, formatter_name: "NITFFormatter" }),
      201,
    );
    assert.match(nitf._id.formatted_doc, /<nitf/);
    // A published item is still the archive's, and formats as it went out.
    await body(await room.act("publish", story));
    const published = await body(
      await format({ article_id: story._id, formatter_name: "NINJSFormatter" }),
      201,
    );
    assert.equal(JSON.parse(published._id.formatted_doc).version, "3");
    // The resource's schema first (Eve's `_issues`), then Superdesk's service messages.
    const unnamed = await refused(await format({ article_id: story._id }), 400);
    assert.deepEqual(unnamed._issues, { formatter_name: "required field" });
    const mistyped = await refused(
      await format({ article_id: 7, formatter_name: null }),
      400,
    );
    assert.deepEqual(mistyped._issues, {
      article_id: "must be of string type",
      formatter_name: "null value not allowed",
    });
    await refused(
      await format({ article_id: story._id, formatter_name: "" }),
      400,
      "Formatter name not found",
    );
    await refused(
      await format({ article_id: story._id, formatter_name: "ninjs" }),
      400,
      "Formatter not found",
    );
    await refused(
      await format({ article_id: "nope", formatter_name: "NINJSFormatter" }),
      400,
      "Article not found!",
    );
    await room.app.platform.registry.service("validators").create([{
      _id: "publish_text",
      act: "publish",
      type: "text",
      schema: { slugline: { type: "string", required: true } },
    }]);
    await refused(
      await format({ article_id: story._id, formatter_name: "NINJSFormatter" }),
      400,
      "Error in formatting article: SLUGLINE is a required field",
    );
    const formats = await body(await room.editor.get("/api/output_formats"));
    assert.deepEqual(formats._items, [
      { name: "Email", type: "email" },
      { name: "NewsML 1.2", type: "newsml12" },
      { name: "NewsML G2", type: "newsmlg2" },
      { name: "Newsroom NINJS", type: "newsroom ninjs" },
      { name: "NINJS", type: "ninjs" },
      { name: "NITF", type: "nitf" },
    ]);
  },
);
