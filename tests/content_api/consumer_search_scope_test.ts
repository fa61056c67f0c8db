/**
 * The consumer endpoint's search stays within the token's subscriber, on both setups: two
 * subscribers' items are stored, and every way a client can shape the search (`q` with field
 * prefixes and wildcards, `filter` with `should`, `ids`, `query_string`, `multi_match`, `where`,
 * sort, paging, field lists) answers only the reader's own item, with a
 * total that counts nothing else; clauses that reach further are a 400, and so is a query too
 * large or too deeply nested to be cheap. An item the reader shares with another subscriber
 * tells it nothing about who else has it: every query naming `subscribers` (or another of the
 * store's own fields) is a 400 naming the field, and text without fields does not search them.
 */
import assert from "node:assert/strict";
import type { ItemsService } from "../../src/content_api/items_service.ts";
import { body, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "../publish/_publishing.ts";

/**
 * Two api subscribers: `reader` with one item, `other` with two ("secret"); with `shared`, one
 * more item the reader shares with `other`.
 */
async function seeded(room: Room, { shared = false } = {}) {
  const api = await room.product({ product_type: "api" });
  const reader = await room.subscriber({ name: "Reader", api_products: [api._id] });
  const other = await room.subscriber({ name: "Other", api_products: [api._id] });
  const story = (guid: string, headline: string, urgency: number) => ({
    guid,
    type: "text",
    headline,
    body_html: `<p>${headline} body</p>`,
    urgency,
    versioncreated: new Date("2026-01-0" + urgency + "T00:00:00Z"),
  });
  await room.app.platform.registry.service<ItemsService>("items").publishItems([
    { copy: story("mine", "Reader news", 1), subscribers: [reader._id] },
    { copy: story("secret-1", "Secret alpha", 2), subscribers: [other._id] },
    { copy: story("secret-2", "Secret beta", 3), subscribers: [other._id] },
    ...(shared
      ? [{ copy: story("both", "Shared news", 4), subscribers: [reader._id, other._id] }]
      : []),
  ]);
  const created = await body(
    await room.editor.post("/api/subscriber_token", { subscriber: reader._id, expiry_days: 1 }),
    201,
  );
  return { reader, other, token: created.token as string };
}

function get(room: Room, token: string, query: string) {
  return Promise.resolve(room.app.app.request(`/api/contentapi/items${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  }));
}

const filter = (clauses: unknown) => `?filter=${encodeURIComponent(JSON.stringify(clauses))}`;

publishingTest(
  "no q, filter, where, sort or page reaches another subscriber's items",
  async (room) => {
    const { token } = await seeded(room);
    const all = await body(await get(room, token, ""));
    assert.deepEqual(all._items.map((item: Json) => item.headline), ["Reader news"]);
    assert.equal(all._meta.total, 1);

    const attempts = [
      `?q=secret`,
      `?q=*`,
      `?q=${encodeURIComponent("*:*")}`,
      `?q=${encodeURIComponent("_id:secret-1 OR guid:secret-2")}`,
      `?q=secret&default_operator=OR`,
      filter([{ ids: { values: ["secret-1", "secret-2"] } }]),
      filter({ constant_score: { filter: { match_all: {} } } }),
      filter({ multi_match: { query: "secret", fields: ["headline", "body_html"] } }),
      `?where=${encodeURIComponent(JSON.stringify({ _id: { $in: ["secret-1", "mine"] } }))}`,
      `?page=2&max_results=1`,
      `?exclude_fields=subscribers`,
      `?include_fields=subscribers,_id,ancestors`,
    ];
    for (const query of attempts) {
      const found = await body(await get(room, token, query));
      // `uri` is always kept, whatever the field lists say.
      const uris = found._items.map((item: Json) => item.uri);
      assert.ok(uris.every((uri: string) => uri.endsWith("/items/mine")), `${query}: ${uris}`);
      assert.ok(found._meta.total <= 1, `${query}: total ${found._meta.total}`);
      for (const item of found._items) {
        assert.equal(item.subscribers, undefined, query);
        assert.equal(item._id, undefined, query);
      }
    }
    // They do search: the reader's own item is found by the same means.
    assert.equal((await body(await get(room, token, "?q=reader")))._meta.total, 1);
    assert.equal(
      (await body(await get(room, token, filter({ ids: { values: ["mine"] } }))))._meta.total,
      1,
    );
    const direct = await room.app.app.request("/api/contentapi/items/secret-1", {
      headers: { Authorization: `Bearer ${token}` },
    });
    await refused(direct, 404);
  },
);

/** Every way of naming one of the store's own fields: `[parameter, query]`. */
function probes(other: string, reader: string): [string, string][] {
  const where = (w: unknown) => `?where=${encodeURIComponent(JSON.stringify(w))}`;
  const q = (text: string) => `?q=${encodeURIComponent(text)}`;
  return [
    ["where", where({ subscribers: other })],
    ["where", where({ $or: [{ subscribers: other }, { _id: "x" }] })],
    ["where", where({ $and: [{ headline: "Shared news" }, { subscribers: { $in: [other] } }] })],
    ["where", where({ "associations.main.subscribers": other })],
    ["where", where({ _created: { $gte: "2020-01-01T00:00:00+0000" } })],
    ["where", where({ ancestors: { $exists: true } })],
    ["sort", `?sort=${encodeURIComponent('[("subscribers", 1)]')}`],
    ["sort", "?sort=-_updated"],
    ["q", q(`subscribers:${other}`)],
    ["q", q(`shared AND subscribers:${other}`)],
    ["q", q(`reader OR (subscribers:(${other} OR ${reader}))`)],
    ["q", q(`sub\scribers:${other}`)],
    ["q", q(`subscr*:${other}`)],
    ["q", q(`*:${other}`)],
    ["q", q("_exists_:subscribers")],
    ["q", q("_etag:*")],
    // Lucene allows whitespace between a field and its `:`.
    ["q", q(`shared AND subscribers :${other}`)],
    ["q", q(`subscribers\t:${other}`)],
    ["q", q("_exists_ : subscribers")],
    ["q", q('_exists_:"subscribers"')],
    ["filter", filter({ bool: { should: [{ terms: { subscribers: [other] } }] } })],
    ["filter", filter({ bool: { must_not: [{ term: { subscribers: reader } }] } })],
    ["filter", filter({ prefix: { subscribers: other.slice(0, 4) } })],
    ["filter", filter({ exists: { field: "subscribers" } })],
    ["filter", filter({ range: { _created: { gte: "2020-01-01" } } })],
    ["filter", filter({ match: { subscribers: other } })],
    ["filter", filter({ match_phrase: { "associations.main.subscribers": other } })],
    ["filter", filter({ query_string: { query: `subscribers:${other}` } })],
    ["filter", filter({ query_string: { query: other, fields: ["subscribers"] } })],
    ["filter", filter({ query_string: { query: other, default_field: "subscri*" } })],
    ["filter", filter({ multi_match: { query: other, fields: ["headline", "subscribers^2"] } })],
    ["filter", filter({ multi_match: { query: other, fields: ["*"] } })],
    // Elasticsearch reads all after a field's `^` as a boost, Java's floats included.
    ["filter", filter({ multi_match: { query: other, fields: ["subscribers^2f"] } })],
    ["filter", filter({ query_string: { query: other, fields: ["subscribers^1e1"] } })],
    ["filter", filter({ query_string: { query: `shared AND subscribers :${other}` } })],
    ["filter", filter({ constant_score: { filter: { term: { ancestors: "x" } } } })],
  ];
}

publishingTest(
  "a subscriber cannot learn who else received its items: internal fields are refused",
  async (room) => {
    const { reader, other, token } = await seeded(room, { shared: true });
    for (const [param, query] of probes(other._id, reader._id)) {
      const response = await get(room, token, query);
      const answer = await refused(response, 400, new RegExp(`\\(${param}\\)`));
      assert.match(
        JSON.stringify(answer),
        /the field (subscribers|_created|_updated|_etag|ancestors) cannot be queried/,
        query,
      );
    }
    // Text without fields finds the shared item by its words, never by a subscriber's id.
    for (const id of [other._id, reader._id]) {
      const found = await body(await get(room, token, `?q=${encodeURIComponent(id)}`));
      assert.equal(found._meta.total, 0, `q=${id}`);
      const clauses = [
        { query_string: { query: id } },
        { query_string: { query: id, fields: [] } },
        { multi_match: { query: id } },
        { multi_match: { query: id, fields: [] } },
      ];
      for (const clause of clauses) {
        const byFilter = await body(await get(room, token, filter(clause)));
        assert.equal(byFilter._meta.total, 0, JSON.stringify(clause));
      }
    }
    assert.equal((await body(await get(room, token, "?q=shared")))._meta.total, 1);
    const shared = await body(
      await get(room, token, filter({ query_string: { query: "shared" } })),
    );
    assert.equal(shared._meta.total, 1);
    for (const item of shared._items) assert.equal(item.subscribers, undefined);
    // `*:*` stays match-all, and `_id` (the item's `uri`) stays searchable.
    assert.equal(
      (await body(await get(room, token, `?q=${encodeURIComponent("*:*")}`)))._meta.total,
      2,
    );
    assert.equal(
      (await body(await get(room, token, `?q=${encodeURIComponent("_id:both")}`)))._meta.total,
      1,
    );
  },
);

publishingTest("filter clauses that reach further, and costly queries, are a 400", async (room) => {
  const { other, token } = await seeded(room);
  const refusedClauses: unknown[] = [
    { has_child: { type: "x", query: { match_all: {} } } },
    { has_parent: { parent_type: "x", query: { match_all: {} } } },
    { nested: { path: "associations", query: { match_all: {} } } },
    { script: { script: { source: "true" } } },
    { wildcard: { headline: "*e*" } },
    { regexp: { headline: ".*" } },
    { fuzzy: { headline: "secrt" } },
    { more_like_this: { like: [{ _index: "items", _id: "secret-1" }] } },
    { terms: { subscribers: { index: "subscribers", id: other._id, path: "_id" } } },
    { bool: { must: [], should: { script: { script: "true" } }, extra: { match_all: {} } } },
    { bool: { must: [{ has_child: { type: "x", query: { match_all: {} } } }] } },
    { constant_score: { filter: { script: { script: "true" } } } },
    { term: { urgency: 1 }, range: { urgency: { gt: 0 } } },
    { term: "x" },
    "text",
    [],
  ];
  for (const clause of refusedClauses) {
    await refused(await get(room, token, filter([clause])), 400);
  }
  let deep: unknown = { match_all: {} };
  for (let i = 0; i < 9; i++) deep = { bool: { must: [deep] } };
  await refused(await get(room, token, filter(deep)), 400, /nest deeper/);
  const terms = (n: number) => Array.from({ length: n }, (_, i) => ({ term: { urgency: i } }));
  await refused(await get(room, token, filter({ bool: { should: terms(65) } })), 400, /clauses/);
  const values = (n: number) => Array.from({ length: n }, (_, i) => i);
  await refused(await get(room, token, filter({ terms: { urgency: values(65) } })), 400, /clauses/);
  const words = (n: number) => Array.from({ length: n }, (_, i) => `*${i}*`).join(" ");
  await refused(await get(room, token, `?q=${encodeURIComponent(words(33))}`), 400, /words/);
  const text = filter({ query_string: { query: words(20) } });
  await refused(await get(room, token, `${text}&q=${encodeURIComponent(words(15))}`), 400, /words/);
  const matched = filter([{ match: { headline: { query: "x".repeat(1001) } } }]);
  await refused(await get(room, token, matched), 400, /characters/);
  // Within the bounds the same shapes are searched; past the request line's 8 KB, a 414.
  const near = filter({ bool: { should: terms(60) } });
  assert.equal((await body(await get(room, token, near)))._meta.total, 1);
  assert.equal(
    (await body(await get(room, token, `?q=${encodeURIComponent(words(30))}`)))._meta.total,
    1,
  );
  await refused(await get(room, token, `?q=${"x".repeat(9000)}`), 414);
  // Malformed clause bodies and sorts the index refuses are a 400 too, never a 500.
  for (
    const query of [
      filter({ range: { urgency: { gt: "not a number" } } }),
      filter({ match: { headline: { query: "x", operator: "nope" } } }),
      `?q=${encodeURIComponent('"unclosed OR (x')}`,
      `?q=${encodeURIComponent("headline:/.*/")}`,
      `?sort=${encodeURIComponent('[("body_html", 1)]')}`,
      `?page=100000&max_results=100`,
    ]
  ) {
    const response = await get(room, token, query);
    const text = await response.text();
    assert.ok(response.status < 500, `${query}: ${response.status} ${text}`);
  }
});
