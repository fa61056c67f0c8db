/**
 * AP's ANPA (`ap_anpa1312`) end to end over HTTP, on both stores: the category letter mapped
 * through the newsroom's `ap_category_map`, the sports subject, and the AP dateline located at
 * the one city of its name (else a UTC place of its own), with Superdesk's formatted text.
 */
import assert from "node:assert/strict";
import { ingestFeedFile } from "./_feed_files.ts";
import { type IngestRoom, ingestTest, items, manageableVocabulary } from "./_ingest_room.ts";

/** The `ap_category_map` vocabulary of Superdesk's tests: z → s, anything else → i. */
async function categoryMap(room: IngestRoom) {
  await manageableVocabulary(room, "ap_category_map", "AP category map", [
    { is_active: true, ap_code: "z", category_code: "s" },
    { is_active: false, ap_code: "a", category_code: "x" },
    { is_active: true, ap_code: "default", category_code: "i" },
  ]);
}

async function ingestedAp(room: IngestRoom, file: string) {
  const { result } = await ingestFeedFile(room, file, { source: "AP", feed_parser: "ap_anpa1312" });
  assert.deepEqual({ stored: result.stored, problems: result.problems }, {
    stored: 1,
    problems: 0,
  });
  const [item] = items(await room.get("/api/ingest?max_results=10"));
  assert.equal(item.ap_category_map, undefined);
  assert.equal(item.dateline_city, undefined);
  return item;
}

ingestTest("an ap_anpa1312 story is mapped and datelined at its known city", async (room) => {
  await categoryMap(room);
  await room.app.platform.registry.service("cities").create([{
    city: "Calgary",
    city_code: "Calgary",
    country: "Canada",
    country_code: "CA",
    tz: "America/Edmonton",
    dateline: "city",
  }]);
  const item = await ingestedAp(room, "ap_anpa_hockey.tst");
  assert.equal(item.headline, "Flames rally late to beat Oilers 4-3 in overtime");
  assert.deepEqual(item.anpa_category, [{ qcode: "s" }]);
  assert.deepEqual(item.subject, [
    { qcode: "15031000", name: "ice hockey" },
    { qcode: "15000000", name: "sport" },
  ], "with its parent, as ingest adds");
  assert.equal(item.dateline.source, "AP");
  assert.equal(item.dateline.located.country_code, "CA");
  assert.equal(item.dateline.text, "CALGARY, Dec 5 AP -", "the city's day (05:41Z is Dec 5 there)");
});

ingestTest(
  "an ap_anpa1312 alert gets the default category and a UTC dateline of its own",
  async (room) => {
    await categoryMap(room);
    const item = await ingestedAp(room, "ap_anpa_alert.tst");
    assert.deepEqual(item.anpa_category, [{ qcode: "i" }], "an inactive entry does not map");
    assert.match(item.headline, /^Colorado lawmakers pass a bill/);
    assert.deepEqual(item.dateline.located, {
      city_code: "DENVER",
      city: "DENVER",
      tz: "UTC",
      dateline: "city",
    });
    assert.equal(item.dateline.text, "DENVER, Dec 7 AP -");
  },
);

ingestTest("without an ap_category_map the letters stay AP's", async (room) => {
  const item = await ingestedAp(room, "ap_anpa_business.tst");
  assert.deepEqual(item.anpa_category, [{ qcode: "w" }]);
  assert.equal(item.ednote, "(Updates with closing prices. With BC-US--Wall Street.)");
});
