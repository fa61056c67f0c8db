/**
 * Derived entry ids (`enqueue_copy.ts`) of one copy differ only in their hash part, so that part
 * must be long enough that two of a copy's entries never share an id: a shared id fails the
 * copy's enqueue on every retry (a duplicate key), and across copies skips the later entry as
 * already queued (a subscriber silently gets nothing). The two subscriber ids
 * below were found by a birthday search: their sha1 with this copy and destination agree in the
 * first 10 hex digits (40 bits, what the id kept after the copy's time and counter).
 */
import assert from "node:assert/strict";
import { derivedId, enqueueForRoutes } from "../../src/publish/enqueue_copy.ts";
import type { PublishQueueService } from "../../src/publish/publish_queue_service.ts";
import { silentLogger } from "../../src/log.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { publishingTest } from "./_publishing.ts";

const COPY = "6933a6b0aaaaaaaaaa000001";
const DESTINATION = { _id: "d1", name: "d", format: "ninjs", delivery_type: "http_push" };
const TWINS = ["500000000000000000050a7b", "50000000000000000011faa5"];

Deno.test("derived entry ids: two subscribers of one copy whose hashes share 40 bits differ", () => {
  const [a, b] = TWINS.map((_id) => derivedId({ _id: COPY }, { _id }, DESTINATION));
  assert.match(a!, /^[0-9a-f]{24}$/);
  assert.notEqual(a, b);
});

publishingTest(
  "both entries of a copy are queued when their hashes share 40 bits",
  async (room) => {
    const registry = room.app.platform.registry;
    const copy: Doc = {
      _id: COPY,
      item_id: "urn:twins",
      type: "text",
      state: "published",
      headline: "Twins",
      body_html: "<p>twins</p>",
      _current_version: 1,
    };
    const routes = TWINS.map((_id) => ({
      subscriber: { _id, name: `s${_id.slice(-4)}`, destinations: [DESTINATION] },
      codes: [],
    }));
    const { entries } = await enqueueForRoutes(registry, [{ copy, routes }], {
      log: silentLogger,
      ids: "derived",
    });
    assert.equal(entries.length, 2);
    const queue = registry.service<PublishQueueService>("publish_queue");
    const stored = await queue.entries({ item_id: "urn:twins" });
    assert.deepEqual(stored.map((entry) => entry.subscriber_id).sort(), [...TWINS].sort());
  },
);
