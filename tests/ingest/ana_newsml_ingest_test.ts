/**
 * ANA's NewsML (`ananewsml12`) end to end over HTTP, on both stores: the story is stored with its
 * dateline located in Athens, Greece (not a same-name city elsewhere), named by the provider's
 * source and dated by ANA's `DateLine`, and with no such city it keeps only the dateline's date.
 */
import assert from "node:assert/strict";
import { ingestFeedFile } from "./_feed_files.ts";
import { type IngestRoom, ingestTest, items } from "./_ingest_room.ts";

async function ingestedAna(room: IngestRoom) {
  const { result } = await ingestFeedFile(room, "ana_ferries.xml", {
    source: "ANA",
    feed_parser: "ananewsml12",
  });
  assert.deepEqual({ stored: result.stored, problems: result.problems }, {
    stored: 1,
    problems: 0,
  });
  const [item] = items(await room.get("/api/ingest?max_results=10"));
  assert.equal(item.dateline_city, undefined);
  assert.equal(item.headline, "Island ferry links restored after gale");
  return item;
}

ingestTest("an ananewsml12 story is datelined in Athens, Greece", async (room) => {
  await room.app.platform.registry.service("cities").create([
    { city: "Athens", city_code: "Athens", country: "Greece", country_code: "GR" },
    { city: "Athens", city_code: "Athens-US", country: "United States", country_code: "US" },
  ].map((city) => ({ ...city, tz: "Europe/Athens", dateline: "city" })));
  const item = await ingestedAna(room);
  assert.equal(item.dateline.located.city_code, "Athens");
  assert.equal(item.dateline.source, "ANA");
  assert.equal(item.dateline.text, "ATHENS, Dec 5 ANA -");
  assert.equal(new Date(item.dateline.date).toISOString(), "2026-12-04T22:00:00.000Z");
  assert.doesNotMatch(item.body_html, /script|ΑΠΕ/);
});

ingestTest("an ananewsml12 story from a city the newsroom lacks keeps its date", async (room) => {
  const item = await ingestedAna(room);
  assert.equal(item.dateline.located, undefined);
  assert.equal(new Date(item.dateline.date).toISOString(), "2026-12-04T22:00:00.000Z");
});
