/**
 * Agency variants of the standard parsers end to end (`pa_nitf`, `efe_nitf`...): a provider of
 * each is accepted with the feeding services Superdesk allows it with, and its stories are stored
 * with the fields ingest settles (an EFE or dpa dateline located among the `cities`).
 */
import assert from "node:assert/strict";
import { fixture } from "./_fixtures.ts";
import { ingestFeedFile } from "./_feed_files.ts";
import { type IngestRoom, ingestTest, items, manageableVocabulary } from "./_ingest_room.ts";

/**
 * Serves fixture `file` over HTTP to a new provider with `parser`, polls it once and answers the
 * one item ingest then holds.
 */
async function ingestedOver(room: IngestRoom, parser: string, file: string) {
  const { result } = await ingestFeedFile(room, file, { feed_parser: parser });
  assert.equal(result.stored, 1);
  const list = items(await room.get("/api/ingest?max_results=10"));
  assert.equal(list.length, 1);
  return list[0];
}

ingestTest("an efe_nitf story is datelined at the one city of its event location", async (room) => {
  await room.app.platform.registry.service("cities").create([{
    city: "Quito",
    city_code: "Quito",
    country: "Ecuador",
    country_code: "EC",
    tz: "America/Guayaquil",
    dateline: "city",
  }]);
  const item = await ingestedOver(room, "efe_nitf", "efe_story.xml");
  assert.equal(item.slugline, "ECUADOR TRANSPORT");
  assert.equal(item.dateline_city, undefined);
  assert.equal(item.dateline.source, "EFE");
  assert.equal(item.dateline.located.country_code, "EC");
  assert.equal(item.dateline.located._id, undefined);
  assert.equal(item.dateline.text, "QUITO, Dec 6 EFE -");
});

ingestTest("an efe_nitf story from a city the newsroom lacks has no dateline", async (room) => {
  const item = await ingestedOver(room, "efe_nitf", "efe_story.xml");
  assert.equal(item.dateline, undefined);
  assert.equal(item.place, undefined);
});

/**
 * The agency parsers and our services that take them: Superdesk offers them with every service
 * that does not restrict its parsers; ours take each where they take its standard parser.
 */
const AGENCY_PARSERS: Record<string, string[]> = {
  pa_nitf: ["file", "ftp", "http"],
  efe_nitf: ["file", "ftp", "http"],
  dpa_iptc7901: ["file", "ftp"],
  dpanewsml: ["file", "ftp", "http"],
  scoop_newsml2: ["file", "ftp", "http"],
  bbc_ninjs: ["file", "ftp", "http"],
  ap_anpa1312: ["file", "ftp", "http"],
  ananewsml12: ["file", "ftp", "http"],
  ritzau: ["file", "ftp", "http"],
  wenn: ["file", "ftp", "http"],
};

ingestTest(
  "agency parsers are taken by the services that take their standard parser, and no other",
  async (room) => {
    for (const [feed_parser, services] of Object.entries(AGENCY_PARSERS)) {
      for (const feeding_service of services) {
        await room.provider({
          name: `${feed_parser} by ${feeding_service}`,
          source: "agency",
          feeding_service,
          feed_parser,
          skip_config_test: true,
        });
      }
      const others = ["file", "ftp", "http", "email"].filter((s) => !services.includes(s));
      for (const feeding_service of others) {
        const refused = await room.chief.post("/api/ingest_providers", {
          name: `${feed_parser} by ${feeding_service}`,
          source: "agency",
          feeding_service,
          feed_parser,
          skip_config_test: true,
        });
        assert.equal(refused.status, 400, `${feed_parser} by ${feeding_service}`);
        assert.match(await refused.text(), /does not take the/);
      }
    }
  },
);

ingestTest("a pa_nitf story is stored with PA's fields", async (room) => {
  const item = await ingestedOver(room, "pa_nitf", "pa_sport.xml");
  assert.equal(item.slugline, "Cricket Ashes Day Three");
  assert.equal(item.pubstatus, "usable");
  assert.match(item.body_html, /Tickets cost £45 &amp; more/);
});

ingestTest("a dpa_iptc7901 story is datelined at its city, known or not", async (room) => {
  await room.app.platform.registry.service("cities").create([{
    city: "Innsbruck",
    city_code: "Innsbruck",
    country: "Austria",
    country_code: "AT",
    tz: "Europe/Vienna",
    dateline: "city",
  }]);
  const dir = await Deno.makeTempDir({ prefix: "ingest_dpa_" });
  try {
    await Deno.writeFile(`${dir}/story.txt`, fixture("dpa_story.txt"));
    const unknown = new TextDecoder("latin1").decode(fixture("dpa_story.txt"))
      .replace("Innsbruck (dpa)", "Lech (dpa)").replace("\x01eca0412", "\x01eca0413");
    await Deno.writeFile(`${dir}/other.txt`, Uint8Array.from(unknown, (c) => c.charCodeAt(0)));
    const provider = await room.provider({
      name: "dpa",
      source: "dpa",
      feeding_service: "file",
      feed_parser: "dpa_iptc7901",
      config: { path: dir },
    });
    assert.equal((await room.poll(provider._id)).stored, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const list = items(await room.get("/api/ingest?max_results=10"));
  const datelines = list.map((item) => item.dateline);
  assert.deepEqual(datelines.map((d) => [d.text, d.source, d.located.tz]).sort(), [
    ["Innsbruck", "dpa", "Europe/Vienna"],
    ["Lech", "dpa", "UTC"],
  ]);
  assert.deepEqual(datelines.find((d) => d.text === "Lech").located, {
    city_code: "Lech",
    city: "Lech",
    tz: "UTC",
    dateline: "city",
  });
  assert.equal(list[0].headline, "Snow closes Alpine passes as winter arrives early");
});

ingestTest("a scoop_newsml2 story is datelined in Wellington, New Zealand", async (room) => {
  const cities = room.app.platform.registry.service("cities");
  await cities.create([
    { city: "Wellington", city_code: "Wellington", country: "New Zealand", country_code: "NZ" },
    { city: "Wellington", city_code: "Wellington-ZA", country: "South Africa", country_code: "ZA" },
  ].map((city) => ({ ...city, tz: "Pacific/Auckland", dateline: "city" })));
  const item = await ingestedOver(room, "scoop_newsml2", "scoop_businessdesk.xml");
  assert.equal(item.dateline.located.city_code, "Wellington");
  assert.equal(item.dateline.text, "WELLINGTON, Dec 7 BusinessDesk -");
  assert.equal(item.byline, "Kim Example");
});

ingestTest(
  "a ritzau story's IPTCList codes are the active subject_custom subjects",
  async (room) => {
    await manageableVocabulary(room, "subject_custom", "Subjects", [
      { is_active: true, name: "Cykling", qcode: "15076000" },
      { is_active: false, name: "Old", qcode: "99" },
    ]);
    const item = await ingestedOver(room, "ritzau", "ritzau_story.xml");
    assert.equal(item.custom_subject_codes, undefined);
    assert.deepEqual(
      item.subject.filter((s: { scheme?: string }) => s.scheme === "subject_custom"),
      [{ qcode: "15076000", name: "Cykling", scheme: "subject_custom" }],
    );
  },
);
