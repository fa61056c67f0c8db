import assert from "node:assert/strict";
import { nitfParser } from "../../../src/ingest/parsers/nitf_parser.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("NITF: Latin-1 document with Superdesk's mapping", () => {
  const { items, problems } = nitfParser.parse(fixture("nitf_weather.xml"), {});
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.guid, "NW.2026.0106.0417");
  assert.equal(item!.type, "text");
  assert.equal(item!.urgency, 4);
  assert.equal(item!.pubstatus, "usable");
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-01-06T07:15:00.000Z");
  assert.deepEqual(item!.subject, [
    { qcode: "17000000", name: "Weather" },
    { qcode: "17004000", name: "Statistics" },
    { qcode: "04001002", name: "Fishing Industry" },
  ]);
  assert.deepEqual(item!.keywords, ["weather", "fishing"]);
  assert.deepEqual(item!.genre, [{ qcode: "Current", name: "Current" }]);
  assert.deepEqual(item!.place, [{ name: "Tromsø", code: "NO", qcode: "Tromsø" }]);
  assert.equal(item!.ednote, "Corrects temperature in third paragraph");
  assert.equal(item!.headline, "Cold snap keeps Arctic fishing fleet in port");
  assert.equal(item!.abstract, "Temperatures fell to minus 28 degrees.");
  assert.equal(item!.byline, "By Ola Nordmann");
  assert.deepEqual(item!.dateline, { located: { city: "Tromsø" }, text: "Tromsø, Jan 6" });
  assert.equal(item!.slugline, "weather-fishing");
  assert.equal(item!.ingest_provider_sequence, "0417");
  assert.deepEqual(item!.anpa_category, [{ qcode: "b" }]);
  assert.equal(item!.priority, 3);
  assert.equal(item!.source, "Northwind");
  assert.equal(item!.format, "HTML");
  assert.equal(
    item!.body_html,
    "<p>TROMSØ, Norway, Jan 6 (Northwind) - Sea ice kept more than 40 trawlers in port on " +
      "Tuesday.</p><p>Forecasters expect milder air &amp; calmer seas by Friday.</p>",
  );
  assert.equal(item!.word_count, 24);
});

Deno.test("NITF: a bad document is reported with code 1006", () => {
  const { items, problems } = nitfParser.parse(fixture("nitf_no_body.xml"), {});
  assert.deepEqual(items, []);
  assert.equal(problems[0]?.code, 1006);
  assert.match(problems[0]!.message, /urgency "very"/);
  assert.throws(() => nitfParser.parse(fixture("xml_external_entity.xml"), {}), /undefined entity/);
});
