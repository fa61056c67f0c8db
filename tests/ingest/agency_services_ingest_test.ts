/**
 * The agency feeding services end to end, on both stores. `ritzau`: a provider asking the queue at
 * its own URL (the test's server) stores every queued story; the service takes the `ritzau`
 * parser only, and a provider without credentials is refused when saved. `bbc_ldrs`: a provider
 * with its API key stores the BBC's page of stories.
 */
import assert from "node:assert/strict";
import { ingestFeedFile } from "./_feed_files.ts";
import { ingestTest, items } from "./_ingest_room.ts";

const CREDENTIALS = { username: "desk", password: "pa55word" };

ingestTest("a ritzau provider stores the stories of Ritzau's queue", async (room) => {
  const { provider, result } = await ingestFeedFile(room, "ritzau_queue.xml", {
    source: "ritzau",
    feeding_service: "ritzau",
    feed_parser: "ritzau",
    config: CREDENTIALS,
  });
  assert.deepEqual({ stored: result.stored, problems: result.problems }, {
    stored: 2,
    problems: 0,
  });
  assert.equal(provider.config.password, undefined, "the password stays on the server");
  const list = items(await room.get("/api/ingest?max_results=10"));
  assert.deepEqual(list.map((item) => item.headline).sort(), [
    "Landsholdet henter sejr i Malmø",
    "Storebæltsbroen lukker for høje vogne",
  ]);
  const [query] = room.feeds.requests.map((r) => new URL(r.path, room.feeds.url).searchParams);
  assert.equal(query!.get("user"), "desk");
  assert.equal(query!.get("waitAcknowledge"), null);
  // Stories stored but never acknowledged (a crash before the commit) come again: none is doubled.
  const again = await room.poll(provider._id);
  assert.deepEqual({ stored: again.stored, skipped: again.skipped }, { stored: 0, skipped: 2 });
  assert.equal(items(await room.get("/api/ingest?max_results=10")).length, 2);
});

ingestTest("a ritzau provider takes the ritzau parser and needs credentials", async (room) => {
  const fields = { name: "ritzau", source: "ritzau", feeding_service: "ritzau" };
  const wrongParser = await room.chief.post("/api/ingest_providers", {
    ...fields,
    feed_parser: "nitf",
    config: CREDENTIALS,
  });
  assert.equal(wrongParser.status, 400);
  assert.match(await wrongParser.text(), /does not take the/);
  const noPassword = await room.chief.post("/api/ingest_providers", {
    ...fields,
    feed_parser: "ritzau",
    config: { username: "desk" },
  });
  assert.equal(noPassword.status, 400);
  assert.match(await noPassword.text(), /username and password are needed/);
});

ingestTest("a bbc_ldrs provider stores the BBC's stories", async (room) => {
  const { provider, result } = await ingestFeedFile(room, "bbc_ninjs_page.json", {
    source: "bbc",
    feeding_service: "bbc_ldrs",
    feed_parser: "bbc_ninjs",
    config: { api_key: "k-1" },
  }, { contentType: "application/json" });
  assert.ok(result.stored > 0, JSON.stringify(result));
  const list = items(await room.get("/api/ingest?max_results=20"));
  assert.ok(list.some((item) => item.headline === "Council approves bus lane plan"));
  const asked = room.feeds.requests.map((r) => new URL(r.path, room.feeds.url).searchParams);
  assert.deepEqual(asked.map((q) => [q.get("offset"), q.get("limit")]), [
    [null, "1"],
    ["0", "10"],
  ], "the check on save, then one page");
  assert.equal(asked[1]!.get("start"), "1970-01-01T00:00:00");
  const polled = await room.get(`/api/ingest_providers/${provider._id}`);
  await room.poll(provider._id);
  const next = new URL(room.feeds.requests.at(-1)!.path, room.feeds.url).searchParams;
  const since = new Date(polled.last_updated).getTime();
  assert.equal(next.get("start"), new Date(since - since % 1000).toISOString().slice(0, 19));
});
