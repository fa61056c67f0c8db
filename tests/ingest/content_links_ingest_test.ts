/**
 * Links a feed's content names are followed only to public addresses unless
 * INGEST_CONTENT_URL_ALLOWED_NETWORKS allows others; the provider's own URL (loopback here) and
 * its origin are asked as configured.
 */
import assert from "node:assert/strict";
import { ingestTest, items } from "./_ingest_room.ts";
import type { IngestRoom } from "./_ingest_room.ts";

/** The test's feed server under another origin than the provider's (`localhost`), still loopback. */
function elsewhere(room: IngestRoom): string {
  return room.feeds.url.replace("127.0.0.1", "localhost");
}

/**
 * An API of two pages on the test's feed server; page 1 links to page 2 by a loopback URL on
 * another origin than the provider's.
 */
async function twoPageProvider(room: IngestRoom) {
  const page = (n: number, next?: string) =>
    JSON.stringify({
      _items: [{
        guid: `urn:links:${n}`,
        type: "text",
        headline: `Page ${n}`,
        versioncreated: "2026-01-06T10:00:00+0000",
      }],
      _links: next ? { next: { href: next } } : {},
    });
  room.feeds.set("/api", {
    body: page(1, `${elsewhere(room)}/api/2`),
    contentType: "application/json",
  });
  room.feeds.set("/api/2", { body: page(2), contentType: "application/json" });
  return await room.provider({
    name: "links",
    source: "links",
    feeding_service: "http",
    feed_parser: "ninjs",
    config: { url: `${room.feeds.url}/api` },
  });
}

ingestTest(
  "a next page on loopback is not followed: the first page is stored and the refusal recorded on the provider",
  async (room) => {
    const provider = await twoPageProvider(room);
    const result = await room.poll(provider._id);
    assert.deepEqual({ stored: result.stored, problems: result.problems, failed: result.failed }, {
      stored: 1,
      problems: 1,
      failed: undefined,
    });
    assert.deepEqual(items(await room.get("/api/ingest")).map((item) => item.headline), [
      "Page 1",
    ]);
    const status = await room.get(`/api/ingest_providers/${provider._id}`);
    assert.equal(status.last_error.code, 4000);
    assert.match(status.last_error.message, /loopback/);
    assert.equal(status.last_error.payload, `${elsewhere(room)}/api/2`);
  },
);

ingestTest(
  "with INGEST_CONTENT_URL_ALLOWED_NETWORKS naming loopback the next page is followed",
  async (room) => {
    const provider = await twoPageProvider(room);
    const result = await room.poll(provider._id);
    assert.deepEqual({ stored: result.stored, problems: result.problems }, {
      stored: 2,
      problems: 0,
    });
  },
  { env: { INGEST_CONTENT_URL_ALLOWED_NETWORKS: "127.0.0.1, ::1" } },
);
