/**
 * The `newsroom ninjs` formatter, after Superdesk's
 * `tests/publish/formatters/ninjs_newsroom_formatter_test.py`: NINJS plus the products that take
 * the item, the agency's guid for auto-published ingest, refs; and, end to end, the products a
 * published story goes out with (every product that takes it, not only the subscriber's), read
 * once: the enqueue formats with the products its caller routed with.
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { enqueueForRoutes } from "../../src/publish/enqueue_copy.ts";
import type { PublishQueueService } from "../../src/publish/publish_queue_service.ts";
import { formatterFor, formattersMatching } from "../../src/publish/formatters/formatters.ts";
import {
  newsroomNinjsFormatter,
  toNewsroomNinjs,
} from "../../src/publish/formatters/newsroom_ninjs_formatter.ts";
import { toNinjs } from "../../src/publish/formatters/ninjs_formatter.ts";
import { productsTaking } from "../../src/publish/item_products.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body } from "../newsroom/_newsroom.ts";
import { within } from "../notify/_collect.ts";
import { contextFor, fullStory, minimalStory } from "./_items.ts";
import { publishingTest } from "./_publishing.ts";

Deno.test("newsroom ninjs is looked up by Superdesk's type and offered for neither preview nor export", () => {
  assert.equal(formatterFor("newsroom ninjs"), newsroomNinjsFormatter);
  assert.equal(formatterFor("Newsroom NINJS"), newsroomNinjsFormatter);
  assert.equal(newsroomNinjsFormatter.name, "NewsroomNinjsFormatter");
  assert.equal(newsroomNinjsFormatter.label, "Newsroom NINJS");
  assert.ok(!formattersMatching("can_preview").includes(newsroomNinjsFormatter));
  assert.ok(!formattersMatching("can_export").includes(newsroomNinjsFormatter));
});

Deno.test("newsroom ninjs is the item's NINJS with the products of the context", () => {
  const products = [{ code: "p1", name: "Finance" }];
  const formatted = newsroomNinjsFormatter.format(fullStory(), { ...contextFor(), products });
  assert.equal(formatted.mimeType, "application/json");
  assert.equal(formatted.extension, "json");
  const ninjs = JSON.parse(formatted.text);
  assert.deepEqual(ninjs, { ...JSON.parse(JSON.stringify(toNinjs(fullStory()))), products });
  // No products known: an empty list, as Superdesk's when none matches.
  assert.deepEqual(
    JSON.parse(newsroomNinjsFormatter.format(minimalStory(), contextFor()).text).products,
    [],
  );
});

Deno.test("an auto-published ingested item goes out with the agency's guid and version", () => {
  const item = minimalStory({ guid: "foo", ingest_id: "bar", ingest_version: "7" });
  assert.equal(toNewsroomNinjs(item).guid, "foo");
  assert.equal(toNewsroomNinjs(item).version, "1");
  const auto = toNewsroomNinjs({ ...item, auto_publish: true });
  assert.equal(auto.guid, "bar");
  assert.equal(auto.uri, "bar");
  assert.equal(auto.version, "7");
  const asked = toNewsroomNinjs({ ...item, extra: { publish_ingest_id_as_guid: true } });
  assert.equal(asked.guid, "bar");
  // Without an ingest version the item's own stays.
  assert.equal(toNewsroomNinjs({ ...item, ingest_version: null, auto_publish: true }).version, "1");
});

Deno.test("newsroom ninjs carries refs and a picture's renditions without its thumbnail", () => {
  const refs = [{ guid: "urn:other", type: "text" }];
  assert.deepEqual(toNewsroomNinjs(minimalStory({ refs })).refs, refs);
  assert.equal(toNewsroomNinjs(minimalStory({ refs: [] })).refs, undefined);
  const rendition = (name: string) => ({ href: `http://media/${name}`, mimetype: "image/jpeg" });
  const picture = minimalStory({
    type: "picture",
    renditions: Object.fromEntries(
      ["original", "viewImage", "baseImage", "thumbnail", "16-9"].map((
        name,
      ) => [name, rendition(name)]),
    ),
  });
  assert.deepEqual(Object.keys(toNewsroomNinjs(picture).renditions as Doc), [
    "original",
    "viewImage",
    "baseImage",
    "16-9",
  ]);
});

Deno.test("the products that take an item: content filter (with referenced filters) and geo restriction", () => {
  const filters = {
    contentFilters: new Map<string, Doc>([
      ["3", { _id: "3", content_filter: [{ expression: { pf: ["4"], fc: ["2"] } }] }],
      ["4", { _id: "4", content_filter: [{ expression: { fc: ["1"] } }] }],
    ]),
    conditions: new Map<string, Doc>([
      ["1", { _id: "1", field: "headline", operator: "like", value: "test" }],
      ["2", { _id: "2", field: "urgency", operator: "in", value: "2" }],
    ]),
  };
  const products = new Map<string, Doc>([
    ["1", { _id: "1", name: "p-1", content_filter: { filter_id: "3", filter_type: "permitting" } }],
    ["2", { _id: "2", name: "p-2", content_filter: { filter_id: "3", filter_type: "blocking" } }],
    ["3", { _id: "3", name: "p-3", geo_restrictions: "QLD" }],
  ]);
  const article = minimalStory({ headline: "This is a test headline", urgency: 2 });
  assert.deepEqual(productsTaking(article, { products, filters }), [{ code: "1", name: "p-1" }]);
  assert.deepEqual(productsTaking({ ...article, urgency: 1 }, { products, filters }), [
    { code: "2", name: "p-2" },
  ]);
  const targeted = { ...article, target_regions: [{ qcode: "QLD", allow: true }] };
  assert.deepEqual(productsTaking(targeted, { products, filters }).map((p) => p.name), ["p-3"]);
});

publishingTest(
  "a published story's newsroom ninjs names every product that takes it",
  async (room) => {
    const conditions = room.app.platform.registry.service("filter_conditions");
    const [sport] = await conditions.create(
      [{ name: "Sport", field: "headline", operator: "like", value: "sport" }],
      SYSTEM_ACTOR,
    );
    const filters = room.app.platform.registry.service("content_filters");
    const [sportOnly] = await filters.create(
      [{ name: "Sport only", content_filter: [{ expression: { fc: [String(sport!._id)] } }] }],
      SYSTEM_ACTOR,
    );
    const subscribed = await room.product({ name: "Everything" });
    const other = await room.product({ name: "Also everything" });
    await room.product({
      name: "Sport",
      content_filter: { filter_id: sportOnly!._id, filter_type: "permitting" },
    });
    await room.subscriber({
      name: "Newsroom",
      products: [subscribed._id],
      destinations: [room.pushTo("/newsroom", "newsroom ninjs")],
    });
    const story = await room.story({ headline: "Budget passes" });
    await body(await room.act("publish", story));
    await within(room.receiver.until((r) => r.length >= 1), "newsroom delivery");
    const ninjs = JSON.parse(room.receiver.received[0]!.body);
    assert.equal(ninjs.guid, story._id);
    assert.deepEqual(
      [...ninjs.products].sort((a: Doc, b: Doc) => String(a.name).localeCompare(String(b.name))),
      [{ code: other._id, name: "Also everything" }, { code: subscribed._id, name: "Everything" }],
    );
  },
);

publishingTest(
  "POST /api/formatters as NewsroomNinjsFormatter names the products too",
  async (room) => {
    const product = await room.product({ name: "Everything" });
    const story = await room.story({ headline: "Budget vote" });
    const answer = await body(
      await room.editor.post("/api/formatters", {
        article_id: story._id,
        formatter_name: "NewsroomNinjsFormatter",
      }),
      201,
    );
    const ninjs = JSON.parse(answer._id.formatted_doc);
    assert.equal(ninjs.headline, "Budget vote");
    assert.deepEqual(ninjs.products, [{ code: product._id, name: "Everything" }]);
  },
);

publishingTest(
  "products unreadable (engine down): the enqueue fails to be retried, no entry is failed for good",
  async (room) => {
    const registry = room.app.platform.registry;
    const products = registry.service("products");
    products.find = () => Promise.reject(new ServiceUnavailableError("store unavailable"));
    const copy: Doc = {
      _id: "6933a6b0bbbbbbbbbb000001",
      item_id: "urn:outage",
      type: "text",
      state: "published",
      headline: "Outage",
      body_html: "<p>outage</p>",
      _current_version: 1,
    };
    const destination = {
      _id: "d1",
      name: "d",
      format: "newsroom ninjs",
      delivery_type: "http_push",
    };
    const routes = [{
      subscriber: { _id: "sub-outage", name: "s", destinations: [destination] },
      codes: [],
    }];
    await assert.rejects(
      enqueueForRoutes(registry, [{ copy, routes }], { log: silentLogger, ids: "derived" }),
      /store unavailable/,
    );
    const queue = registry.service<PublishQueueService>("publish_queue");
    assert.deepEqual(await queue.entries({ item_id: "urn:outage" }), []);
  },
);

publishingTest(
  "given the products it routed with, the enqueue formats with them and reads none again",
  async (room) => {
    const registry = room.app.platform.registry;
    // Any read of the products now fails: the enqueue step's snapshot is all there is.
    registry.service("products").find = () =>
      Promise.reject(new ServiceUnavailableError("store unavailable"));
    const copy: Doc = {
      _id: "6933a6b0bbbbbbbbbb000002",
      item_id: "urn:snapshot",
      type: "text",
      state: "published",
      headline: "Snapshot",
      body_html: "<p>snapshot</p>",
      _current_version: 1,
    };
    const destination = { _id: "d2", name: "d", format: "newsroom ninjs", delivery_type: "ftp" };
    const routes = [{
      subscriber: { _id: "sub-snapshot", name: "s", destinations: [destination] },
      codes: [],
    }];
    const context = {
      products: new Map<string, Doc>([["p1", { _id: "p1", name: "As routed" }]]),
      filters: { contentFilters: new Map(), conditions: new Map() },
    };
    const { entries } = await enqueueForRoutes(registry, [{ copy, routes }], {
      log: silentLogger,
      ids: "derived",
      context,
    });
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.state, "pending", String(entries[0]!.error_message));
    const ninjs = JSON.parse(String(entries[0]!.formatted_item));
    assert.deepEqual(ninjs.products, [{ code: "p1", name: "As routed" }]);
  },
);
