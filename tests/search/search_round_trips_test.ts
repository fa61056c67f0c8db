/**
 * The engine round trips of one `/api/search` (`tests/_round_trips.ts`), pinned so a change that
 * adds one, or makes two run one after the other, fails here: with a warm session (the
 * authenticator's cache) a search of archive, published and archived reads the user's desks and
 * the invisible stages together, then asks the index once; nothing else; a search of a resource
 * whose service has the base search methods (`ingest`, as `bench:search`'s resource) asks the
 * index alone. A desk membership changed between two searches is still seen by the second
 * (`hidden_stages_reads_test.ts`).
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { SEE_ALL_PRIVILEGE } from "../../src/newsroom/privileges.ts";
import { busDelivered, countRoundTrips } from "../_round_trips.ts";
import { body, deskStory, newsroomTest, signIn } from "../newsroom/_newsroom.ts";

newsroomTest(
  "a search with a warm session waits for two round trips: the visibility reads, the index",
  async (room) => {
    await deskStory(room);
    await busDelivered(room.app.platform.bus);
    const search = async (repo: string) =>
      await body(await room.writer.get(`/api/search?repo=${repo}`));
    for (const repo of ["archive", "archive,published,archived"]) {
      await search(repo);
      const counter = countRoundTrips(room.app.platform);
      try {
        const found = await search(repo);
        assert.equal(found._items.length, 1, repo);
        assert.deepEqual([...counter.counts.store].sort(), ["desks.find", "stages.find"], repo);
        assert.deepEqual(counter.counts.search, ["search"], repo);
        assert.deepEqual(counter.counts.bus, [], repo);
        assert.equal(counter.counts.waves, 2, repo);
      } finally {
        counter.restore();
      }
    }
  },
  { env: { AUTH_CACHE_SECONDS: "300" } },
);

newsroomTest(
  "a search of a resource with the base search methods waits for the index alone",
  async (room) => {
    const reader = await signIn(room.app, "reader", { [SEE_ALL_PRIVILEGE]: 1 });
    await room.app.platform.registry.service("ingest").create(
      [{ guid: "wire-1", type: "text", headline: "wire story" }],
      SYSTEM_ACTOR,
    );
    const search = async () => await body(await reader.get("/api/search?repo=ingest"));
    await busDelivered(room.app.platform.bus);
    await search();
    const counter = countRoundTrips(room.app.platform);
    try {
      assert.equal((await search())._items.length, 1);
      assert.deepEqual(counter.counts, { store: [], search: ["search"], bus: [], waves: 1 });
    } finally {
      counter.restore();
    }
  },
  { env: { AUTH_CACHE_SECONDS: "300" } },
);
