/**
 * The content API on both stores: a publish reaching a subscriber through its api products
 * stores the item in the content API (`/api/items`, the subscriber in its `subscribers`, a
 * `content_api` queue entry), a correction and a kill update it (versions kept, all canceled by
 * the kill), and the consumer endpoint answers only a valid token's subscriber, only its items.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { within } from "../notify/_collect.ts";
import { body, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "../publish/_publishing.ts";

/** A subscriber with api products only, and one with a push destination whose deliveries show
 * that an enqueue run (which stores the content API's items first) is done. */
async function subscribers(room: Room) {
  const api = await room.product({ product_type: "api" });
  const direct = await room.product({ product_type: "direct" });
  const reader = await room.subscriber({ name: "Reader", api_products: [api._id] });
  const watcher = await room.subscriber({
    name: "Watcher",
    products: [direct._id],
    destinations: [room.pushTo("/watch")],
  });
  return { api, reader, watcher };
}

/** A new token of `subscriber`. */
async function tokenOf(room: Room, subscriber: Json, expiry_days = 7): Promise<string> {
  const created = await body(
    await room.editor.post("/api/subscriber_token", { subscriber: subscriber._id, expiry_days }),
    201,
  );
  assert.equal(typeof created.token, "string");
  return created.token;
}

/** GET on the consumer endpoint with `token` as a Bearer token. */
function consumer(room: Room, path: string, token?: string) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return Promise.resolve(room.app.app.request(`/api/contentapi${path}`, { headers }));
}

/** Waits for the watcher's `n`th delivery. */
async function deliveries(room: Room, n: number) {
  await within(room.receiver.until((r) => r.length >= n), `${n} deliveries`);
}

publishingTest("publish, correct and kill reach the content API's subscribers", async (room) => {
  const { reader, watcher } = await subscribers(room);
  const story = await room.story({ headline: "Budget passes" });
  const published = await body(await room.act("publish", story));
  await deliveries(room, 1);
  const stored = await body(await room.editor.get(`/api/items/${story._id}`));
  assert.deepEqual(stored.subscribers, [reader._id]);
  assert.equal(stored.headline, "Budget passes");
  assert.equal(stored.version, String(published._current_version));
  assert.equal(stored.original_id, story._id);
  const where = JSON.stringify({ item_id: story._id, subscriber_id: reader._id });
  const queue = await body(await room.editor.get(`/api/publish_queue?where=${where}`));
  assert.equal(queue._items.length, 1);
  assert.deepEqual(
    { ...queue._items[0].destination, state: queue._items[0].state },
    { name: "content api", delivery_type: "content_api", format: "ninjs", state: "success" },
  );
  assert.equal(JSON.parse(queue._items[0].formatted_item).guid, story._id);
  // The newsroom searches the store's index: its list and `/api/search`.
  for (const [url, total] of [["/api/items?q=passes", 1], ["/api/items?q=zebra", 0]] as const) {
    assert.equal((await body(await room.editor.get(url)))._meta.total, total, url);
  }
  const searched = await body(await room.editor.get("/api/search?repo=items&q=budget"));
  assert.deepEqual(searched._items.map((hit: Json) => hit._id), [story._id]);

  const token = await tokenOf(room, reader);
  const list = await body(await consumer(room, "/items", token));
  assert.equal(list._items.length, 1);
  const [item] = list._items;
  assert.equal(item.headline, "Budget passes");
  assert.ok(item.uri.endsWith(`/api/contentapi/items/${encodeURIComponent(story._id)}`), item.uri);
  for (const hidden of ["_id", "subscribers", "_etag", "ancestors"]) {
    assert.equal(item[hidden], undefined, hidden);
  }

  const corrected = await body(await room.act("correct", published, { headline: "Corrected" }));
  await deliveries(room, 2);
  const one = await body(await consumer(room, `/items/${story._id}`, token));
  assert.equal(one.headline, "Corrected");
  assert.equal(one.version, String(corrected._current_version));

  await body(await room.act("kill", corrected, { body_html: "<p>Killed</p>" }));
  await deliveries(room, 3);
  const killed = await body(await consumer(room, `/items/${story._id}`, token));
  assert.equal(killed.pubstatus, "canceled");
  const versions = await room.app.platform.documents.collection("items_versions").find({
    _id_document: story._id,
  });
  assert.equal(versions.length, 3);
  assert.ok(versions.every((version) => version.pubstatus === "canceled"));
  // The watcher never went through the content API.
  const after = await body(await room.editor.get(`/api/items/${story._id}`));
  assert.deepEqual(after.subscribers, [reader._id]);
  assert.ok(!after.subscribers.includes(watcher._id));
});

publishingTest("the consumer endpoint answers a valid token's subscriber only", async (room) => {
  const { reader, watcher } = await subscribers(room);
  const elsewhere = await room.product({ product_type: "api", geo_restrictions: "QLD" });
  const other = await room.subscriber({ name: "Other", api_products: [elsewhere._id] });
  const story = await room.story({ headline: "For the reader" });
  await body(await room.act("publish", story));
  await deliveries(room, 1);

  await refused(await consumer(room, "/items"), 401);
  await refused(await consumer(room, "/items", "not-a-token"), 401);
  await refused(await consumer(room, "/items", await tokenOf(room, watcher)), 403);

  const otherToken = await tokenOf(room, other);
  assert.deepEqual((await body(await consumer(room, "/items", otherToken)))._items, []);
  // Neither full text nor a client's search clauses reach past the token's subscriber; clauses
  // naming `subscribers` are refused outright.
  const widened = encodeURIComponent(
    JSON.stringify([{ bool: { should: [{ match_all: {} }, { ids: { values: [story._id] } }] } }]),
  );
  for (const query of ["?q=reader", `?filter=${widened}`]) {
    assert.deepEqual((await body(await consumer(room, `/items${query}`, otherToken)))._items, []);
  }
  const bySubscriber = encodeURIComponent(
    JSON.stringify([{ bool: { should: [{ terms: { subscribers: [reader._id] } }] } }]),
  );
  await refused(await consumer(room, `/items?filter=${bySubscriber}`, otherToken), 400);
  await refused(await consumer(room, `/items/${story._id}`, otherToken), 404);

  // Stored as its SHA-256 only; the token is answered once.
  const token = await tokenOf(room, reader);
  const digest = createHash("sha256").update(token).digest("hex");
  const tokens = room.app.platform.documents.collection("subscriber_token");
  assert.equal(await tokens.findOne({ _id: token }), null);
  const stored = await body(await room.editor.get(`/api/subscriber_token/${digest}`));
  assert.equal(stored.token, undefined);
  assert.equal(stored.subscriber, reader._id);
  assert.equal((await body(await consumer(room, "/items", token)))._items.length, 1);

  // Also as `Token <token>` and Basic, as Eve's TokenAuth reads it.
  for (const authorization of [`Token ${token}`, `Basic ${btoa(`${token}:`)}`, token]) {
    const response = await room.app.app.request("/api/contentapi/items", {
      headers: { Authorization: authorization },
    });
    assert.equal((await body(response))._items.length, 1, authorization);
  }

  // An expired token is refused and removed.
  await tokens.updateOne({ _id: digest }, { $set: { expiry: new Date(Date.now() - 1000) } });
  await refused(await consumer(room, "/items", token), 401);
  assert.equal(await tokens.findOne({ _id: digest }), null);

  // An inactive subscriber's token is refused.
  const fresh = await tokenOf(room, reader);
  const current = await body(await room.editor.get(`/api/subscribers/${reader._id}`));
  await body(
    await room.editor.patch(`/api/subscribers/${reader._id}`, { is_active: false }, {
      etag: current._etag,
    }),
  );
  await refused(await consumer(room, "/items", fresh), 403);

  // Creating and deleting tokens takes the `subscribers` privilege; `expiry` is the server's.
  await refused(
    await room.writer.post("/api/subscriber_token", { subscriber: reader._id }),
    403,
  );
  await refused(
    await room.editor.post("/api/subscriber_token", {
      subscriber: reader._id,
      expiry: "2030-01-01T00:00:00+0000",
    }),
    400,
  );
});

publishingTest(
  "the consumer endpoint searches and refuses parameters it does not know",
  async (room) => {
    const { reader } = await subscribers(room);
    const token = await tokenOf(room, reader);
    const refusedQueries = [
      "?nope=1",
      "?related_to=x",
      "?df=headline",
      "?page=1&page=2",
      "?start_date=2020-13-01",
      `?filter=${encodeURIComponent('[{"script": {"script": "true"}}]')}`,
      `?filter=${encodeURIComponent('{"terms": {"urgency": {"index": "x", "id": "y"}}}')}`,
      "?filter=[",
    ];
    for (const query of refusedQueries) {
      await refused(await consumer(room, `/items${query}`, token), 400);
    }
    await refused(await consumer(room, "/items/x?start_date=2020-01-01", token), 400);
    await refused(await consumer(room, "/items?start_date=2999-01-01", token), 400);
    const story = await room.story({ headline: "Dated", urgency: 2 });
    await body(await room.act("publish", story));
    await deliveries(room, 1);
    const count = async (query: string) =>
      (await body(await consumer(room, `/items${query}`, token)))._items.length;
    assert.equal(await count("?urgency=2"), 1);
    assert.equal(await count("?urgency=[1,3]"), 0);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(await count(`?start_date=${today}`), 1);
    assert.equal(await count("?end_date=2000-01-01"), 0);
    // Full text and search clauses run in the search index, within the subscriber's items.
    assert.equal(await count("?q=dated"), 1);
    assert.equal(await count("?q=budget"), 1); // the body
    assert.equal(await count("?q=zebra"), 0);
    const filter = (clauses: unknown) => `?filter=${encodeURIComponent(JSON.stringify(clauses))}`;
    assert.equal(await count(filter([{ term: { urgency: 2 } }])), 1);
    assert.equal(await count(filter({ bool: { must_not: [{ term: { urgency: 2 } }] } })), 0);
    const [only] =
      (await body(await consumer(room, "/items?include_fields=headline", token)))._items;
    assert.deepEqual(Object.keys(only).sort(), ["headline", "uri"]);
  },
);

publishingTest("an item an API-blocking content filter matches is not stored", async (room) => {
  await subscribers(room);
  const condition = await body(
    await room.editor.post("/api/filter_conditions", {
      name: "embargoed words",
      field: "headline",
      operator: "like",
      value: "secret",
    }),
    201,
  );
  await body(
    await room.editor.post("/api/content_filters", {
      name: "api block",
      api_block: true,
      content_filter: [{ expression: { fc: [condition._id] } }],
    }),
    201,
  );
  const blocked = await room.story({ headline: "A secret plan" });
  await body(await room.act("publish", blocked));
  const open = await room.story({ headline: "An open plan" });
  await body(await room.act("publish", open));
  await deliveries(room, 2);
  await refused(await room.editor.get(`/api/items/${blocked._id}`), 404);
  await body(await room.editor.get(`/api/items/${open._id}`));
});
