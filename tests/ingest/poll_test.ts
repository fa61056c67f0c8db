/** Polling over HTTP: items stored and searchable, deduplicated, versions replaced, problems kept. */
import assert from "node:assert/strict";
import { fixture } from "./_fixtures.ts";
import { ingestTest, items } from "./_ingest_room.ts";
import { eventsNamed } from "../newsroom/_newsroom.ts";
import { isDue } from "../../src/ingest/provider_status.ts";
import type { IngestService } from "../../src/ingest/ingest_service.ts";
import { removeExpiredIngest } from "../../src/ingest/ingest_tasks.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";

/** A one-item NINJS page with a given version. */
function ninjs(version: number, headline: string) {
  return JSON.stringify({
    _items: [{
      guid: "urn:northwind:2026:versioned",
      type: "text",
      version,
      headline,
      versioncreated: `2026-01-06T1${version}:00:00+0000`,
      subject: [{ code: "15000000", name: "sport" }],
    }],
  });
}

ingestTest(
  "a poll stores the feed's items in ingest, listed and searchable with repo=ingest",
  async (room) => {
    room.feeds.set("/message.xml", { body: fixture("newsml_message.xml"), etag: '"m1"' });
    const provider = await room.provider({
      name: "Northwind G2",
      source: "northwind",
      feeding_service: "http",
      feed_parser: "newsml2",
      config: { url: `${room.feeds.url}/message.xml` },
    });
    const result = await room.poll(provider._id);
    assert.deepEqual({ stored: result.stored, problems: result.problems }, {
      stored: 3,
      problems: 0,
    });
    const list = items(await room.get("/api/ingest?max_results=10"));
    assert.equal(list.length, 3);
    const text = list.find((item) => item.type === "text");
    assert.equal(text.guid, "tag:northwind.example,2026:newsml_NW0106A001");
    assert.equal(text.state, "ingested");
    assert.equal(text.ingest_provider, provider._id);
    assert.equal(text.source, "northwind");
    assert.equal(text.priority, 3);
    assert.equal(text.urgency, 2);
    assert.match(text.unique_name, /^#\d+$/);
    assert.ok(["1", "2", "3"].includes(text.ingest_provider_sequence));
    const refs = list.find((item) => item.type === "composite").groups[1].refs;
    assert.equal(refs[0].guid, "tag:northwind.example,2026:newsml_NW0106A001");
    assert.equal(refs[0].residRef, text._id, "package references point at the ingest ids");
    assert.equal(refs[0].location, "ingest");
    const source = JSON.stringify({ query: { term: { guid: text.guid } } });
    const found = await room.get(`/api/search?repo=ingest&source=${encodeURIComponent(source)}`);
    assert.deepEqual(items(found).map((item) => [item._id, item._type]), [[text._id, "ingest"]]);
    const updated = (await eventsNamed(room, "ingest:update"))[0];
    assert.deepEqual(updated?.extra, { provider_id: provider._id });
    const status = await room.get(`/api/ingest_providers/${provider._id}`);
    assert.ok(status.last_updated);
    const pkg = list.find((item) => item.type === "composite");
    assert.equal(status.last_item_update, pkg.versioncreated, "the newest item's time");
    assert.equal(status.ingested_count, 3);
    assert.equal(status.error_count, 0);
    // The unchanged feed answers 304; a new ETag makes it read again: deduplicated by guid+version.
    assert.equal((await room.poll(provider._id)).stored, 0);
    room.feeds.set("/message.xml", { body: fixture("newsml_message.xml"), etag: '"m2"' });
    const again = await room.poll(provider._id);
    assert.deepEqual({ stored: again.stored, skipped: again.skipped }, { stored: 0, skipped: 3 });
    assert.equal(items(await room.get("/api/ingest")).length, 3);
  },
);

ingestTest(
  "a newer version replaces the stored item; the same or an older one is skipped",
  async (room) => {
    room.feeds.set("/api", {
      body: ninjs(1, "First take"),
      contentType: "application/json",
      etag: '"1"',
    });
    const provider = await room.provider({
      name: "versions",
      source: "nw",
      feeding_service: "http",
      feed_parser: "ninjs",
      config: { url: `${room.feeds.url}/api` },
    });
    assert.equal((await room.poll(provider._id)).stored, 1);
    const [first] = items(await room.get("/api/ingest"));
    room.feeds.set("/api", {
      body: ninjs(2, "Second take"),
      contentType: "application/json",
      etag: '"2"',
    });
    assert.equal((await room.poll(provider._id)).stored, 1);
    const [second, ...rest] = items(await room.get("/api/ingest"));
    assert.deepEqual(rest, []);
    assert.equal(second._id, first._id);
    assert.equal(second.headline, "Second take");
    assert.equal(second.version, 2);
    assert.equal(second.unique_id, first.unique_id);
    room.feeds.set("/api", {
      body: ninjs(1, "Late first take"),
      contentType: "application/json",
      etag: '"3"',
    });
    const late = await room.poll(provider._id);
    assert.deepEqual({ stored: late.stored, skipped: late.skipped }, { stored: 0, skipped: 1 });
    assert.equal(items(await room.get("/api/ingest"))[0].headline, "Second take");
  },
);

ingestTest("bad items are reported on the provider and the good ones are stored", async (room) => {
  room.feeds.set("/page", { body: fixture("ninjs_page.json"), contentType: "application/json" });
  const provider = await room.provider({
    name: "bad items",
    source: "nw",
    feeding_service: "http",
    feed_parser: "ninjs",
    config: { url: `${room.feeds.url}/page` },
  });
  const result = await room.poll(provider._id);
  assert.deepEqual({ stored: result.stored, problems: result.problems }, {
    stored: 2,
    problems: 3,
  });
  const status = await room.get(`/api/ingest_providers/${provider._id}`);
  assert.equal(status.recent_errors.length, 3);
  assert.deepEqual(status.recent_errors.map((error: { code: number }) => error.code), [
    1001,
    1001,
    1001,
  ]);
  assert.match(status.last_error.message, /non-integer urgency|neither guid|unknown type/);
  assert.equal(status.last_error.payload, `${room.feeds.url}/page`);
  assert.equal(status.error_count, 0, "item problems are not a failed poll");
});

ingestTest(
  "a failing provider records the error, backs off, and closes on a critical error",
  async (room) => {
    room.feeds.set("/feed.rss", { body: fixture("rss_world.xml") });
    const provider = await room.provider({
      name: "flaky",
      source: "nw",
      feeding_service: "rss",
      config: { url: `${room.feeds.url}/feed.rss` },
      update_schedule: { seconds: 30 },
      critical_errors: { "4007": true },
    });
    const providers = room.app.platform.registry.service("ingest_providers");
    await providers.update(provider._id, { config: { url: `${room.feeds.url}/gone.rss` } });
    const failed = await room.poll(provider._id);
    assert.equal(failed.failed?.code, 4006);
    const status = await room.get(`/api/ingest_providers/${provider._id}`);
    assert.equal(status.error_count, 1);
    assert.equal(status.last_error.code, 4006);
    assert.equal(status.is_closed, false);
    const stored = await providers.findOne({ _id: provider._id });
    assert.equal(stored!.last_updated, undefined, "a failed poll is not a completed one");
    const last = Date.parse(status.last_error.time);
    assert.equal(isDue(stored!, new Date(last + 31_000)), false, "one failure doubles the wait");
    assert.equal(isDue(stored!, new Date(last + 61_000)), true);
    room.feeds.requireAuth("someone", "else");
    await providers.update(provider._id, { config: { url: `${room.feeds.url}/feed.rss` } });
    assert.equal((await room.poll(provider._id)).failed?.code, 4007);
    const closed = await room.get(`/api/ingest_providers/${provider._id}`);
    assert.equal(closed.is_closed, true);
    assert.match(closed.last_closed.message, /Channel closed due to critical error/);
    assert.ok((await eventsNamed(room, "ingest_provider:update")).length > 0);
  },
);

ingestTest("ingest:remove_expired deletes expired ingest items and nothing else", async (room) => {
  const ingest = room.app.platform.registry.service<IngestService>("ingest");
  const past = new Date(Date.now() - 60_000).toISOString();
  const future = new Date(Date.now() + 3_600_000).toISOString();
  await ingest.create([
    { guid: "expired-1", headline: "old", expiry: past },
    { guid: "expired-2", headline: "old", expiry: past },
    { guid: "fresh", headline: "new", expiry: future },
  ], SYSTEM_ACTOR);
  assert.equal(await removeExpiredIngest(ingest), 2);
  assert.deepEqual(items(await room.get("/api/ingest")).map((item) => item.guid), ["fresh"]);
  assert.equal(await removeExpiredIngest(ingest), 0);
});

ingestTest("ingest:remove_expired deletes an item another write changed after its read", async (
  room,
) => {
  const ingest = room.app.platform.registry.service<IngestService>("ingest");
  const past = new Date(Date.now() - 60_000).toISOString();
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const [stamped, extended] = await ingest.create([
    { guid: "stamped", headline: "old", expiry: past },
    { guid: "extended", headline: "old", expiry: past },
  ], SYSTEM_ACTOR);
  // Each item is written once more right after the expiry's delete reads it: a user's fetch
  // stamps the first (still expired), a poll moves the second's expiry on.
  const findOne = ingest.findOne.bind(ingest);
  const written = new Set<string>();
  ingest.findOne = async (...args) => {
    const found = await findOne(...args);
    const id = String(found?._id);
    if (found && !written.has(id)) {
      written.add(id);
      const change = id === stamped!._id ? { archived: new Date().toISOString() } : {
        expiry: future,
      };
      await ingest.update(id, change, { actor: SYSTEM_ACTOR });
    }
    return found;
  };
  assert.equal(await removeExpiredIngest(ingest), 1);
  ingest.findOne = findOne;
  assert.deepEqual(items(await room.get("/api/ingest")).map((item) => item._id), [extended!._id]);
});
