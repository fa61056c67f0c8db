/** NewsML 1.2 feeds end to end: stored in ingest, a later revision replacing the earlier one. */
import assert from "node:assert/strict";
import { fixture } from "./_fixtures.ts";
import { ingestTest, items } from "./_ingest_room.ts";
import { ingestFeedFile } from "./_feed_files.ts";

/** The fixture story as revision `revision`, created at `time` with `headline`. */
function revisionOf(revision: number, time: string, headline: string): Uint8Array {
  const text = new TextDecoder().decode(fixture("newsml12_story.xml"))
    .replace(/<RevisionId([^>]*)>2</, `<RevisionId$1>${revision}<`)
    .replace(/NW-OSL-4711:2</, `NW-OSL-4711:${revision}<`)
    .replace(/<ThisRevisionCreated>[^<]*</, `<ThisRevisionCreated>${time}<`)
    .replace(/<HeadLine xml:lang="en">[^<]*</, `<HeadLine xml:lang="en">${headline}<`);
  return new TextEncoder().encode(text);
}

ingestTest(
  "a newsml12 provider stores its stories; a new revision replaces the old",
  async (room) => {
    room.feeds.set("/story.xml", { body: revisionOf(1, "20261103T090000Z", "Talks go on") });
    const provider = await room.provider({
      name: "Northwind NewsML 1.2",
      source: "northwind",
      feeding_service: "http",
      feed_parser: "newsml12",
      config: { url: `${room.feeds.url}/story.xml` },
    });
    assert.equal((await room.poll(provider._id)).stored, 1);
    room.feeds.set("/story.xml", { body: revisionOf(2, "20261103T091400Z", "Strike ends") });
    assert.equal((await room.poll(provider._id)).stored, 1);
    const list = items(await room.get("/api/ingest?max_results=10"));
    assert.deepEqual(list.map((item) => [item.guid, item.version, item.headline]), [
      ["urn:newsml:northwind.example:20261103T091500Z:NW-OSL-4711", 2, "Strike ends"],
    ]);
    assert.equal(list[0].uri, "urn:newsml:northwind.example:20261103T091500Z:NW-OSL-4711:2");
    assert.equal(list[0].state, "ingested");
    assert.equal(list[0].source, "northwind");
    assert.deepEqual(list[0].subject.map((s: { qcode: string }) => s.qcode), [
      "09003001",
      "09003000",
      "09000000",
    ]);
  },
);

ingestTest("a newsml12 provider's unreadable item is its 1004 problem", async (room) => {
  const { provider, result } = await ingestFeedFile(room, "newsml12_bad_item.xml", {
    source: "northwind",
    feed_parser: "newsml12",
  });
  assert.deepEqual({ stored: result.stored, problems: result.problems }, {
    stored: 1,
    problems: 1,
  });
  const status = await room.get(`/api/ingest_providers/${provider._id}`);
  assert.equal(status.last_error.code, 1004);
  assert.match(status.last_error.message, /yesterday morning/);
});
