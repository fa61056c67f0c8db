/**
 * A package enqueued for a packaged destination: its items' copies are read before formatting,
 * so a store outage fails the enqueue (to be retried) instead of storing the entry `failed` for
 * good, while a package naming an item with no published copy fails only its own entry.
 * Embedded default and real engines.
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { silentLogger } from "../../src/log.ts";
import { enqueueForRoutes } from "../../src/publish/enqueue_copy.ts";
import type { PublishQueueService } from "../../src/publish/publish_queue_service.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { newsroomTest } from "../newsroom/_newsroom.ts";

/** A package copy naming `itemId`, and a route to a packaged ninjs destination. */
function packageFor(itemId: string, packageId: string) {
  const copy: Doc = {
    _id: "6933a6b0cccccccccc000001",
    item_id: packageId,
    type: "composite",
    state: "published",
    headline: "Package",
    _current_version: 1,
    groups: [
      { id: "root", refs: [{ idRef: "main" }] },
      { id: "main", refs: [{ residRef: itemId }] },
    ],
  };
  const destination = {
    _id: "d1",
    name: "d",
    format: "ninjs",
    delivery_type: "http_push",
    config: { packaged: true },
  };
  return [{
    copy,
    routes: [{
      subscriber: { _id: `sub-${packageId}`, name: "s", destinations: [destination] },
      codes: [],
    }],
  }];
}

newsroomTest(
  "a package's items unreadable (store down): the enqueue fails, no entry is stored",
  async (
    room,
  ) => {
    const registry = room.app.platform.registry;
    const published = registry.service<PublishedService>("published");
    published.newestCopies = () => Promise.reject(new ServiceUnavailableError("store unavailable"));
    await assert.rejects(
      enqueueForRoutes(registry, packageFor("item-a", "urn:pkg-outage"), {
        log: silentLogger,
        ids: "derived",
      }),
      /store unavailable/,
    );
    const queue = registry.service<PublishQueueService>("publish_queue");
    assert.deepEqual(await queue.entries({ item_id: "urn:pkg-outage" }), []);
  },
);

newsroomTest(
  "a package naming an item never published: only its entry fails, naming the item",
  async (
    room,
  ) => {
    const registry = room.app.platform.registry;
    const { entries } = await enqueueForRoutes(registry, packageFor("gone", "urn:pkg-missing"), {
      log: silentLogger,
      ids: "derived",
    });
    assert.deepEqual(entries.map((entry) => entry.state), ["failed"]);
    assert.match(
      String(entries[0]!.error_message),
      /Can not find package urn:pkg-missing published item gone/,
    );
  },
);
