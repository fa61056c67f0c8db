import assert from "node:assert/strict";
import { DATELINE_CITY } from "../../../src/ingest/dateline_city.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { scoopNewsmlParser } from "../../../src/ingest/parsers/scoop_newsml_parser.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("scoop_newsml2: a BusinessDesk story with Superdesk's fixed fields; the package is skipped", () => {
  const { items, problems } = scoopNewsmlParser.parse(fixture("scoop_businessdesk.xml"), {});
  assert.deepEqual(problems.map((p) => p.code), [1005]);
  assert.match(problems[0]!.message, /bad versionCreated "yesterday"/);
  assert.equal(items.length, 1);
  const [item] = items;
  assert.equal(item!.guid, "BD-20261207091500");
  assert.equal(item!.version, 2);
  assert.equal(item!.type, "text");
  assert.equal(item!.headline, "Dairy co-op lifts milk price forecast");
  assert.equal(item!.priority, 6);
  assert.equal(item!.urgency, 3);
  assert.deepEqual(item!.anpa_category, [{ qcode: "f" }]);
  assert.deepEqual(item!.subject, [{ qcode: "04000000", name: "economy, business and finance" }]);
  // 09:15 on 7 December in Wellington is 20:15 UTC the day before (NZ daylight time).
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-12-06T20:15:00.000Z");
  assert.equal(item!.byline, "Kim Example");
  assert.equal(
    item!.body_html,
    "<p>The dairy co-operative raised its forecast &amp; shares rose.</p><p>Farmers welcomed the news.</p>",
  );
  assert.equal(item!.word_count, 12);
  assert.equal((item!.dateline as { date: Date }).date.toISOString(), "2026-12-06T11:00:00.000Z");
  assert.deepEqual(item![DATELINE_CITY], {
    city: "Wellington",
    countryCode: "NZ",
    source: "BusinessDesk",
    keepUnknown: false,
  });
});

Deno.test("scoop_newsml2: anything but a newsMessage is error 1005", () => {
  for (const text of ["<newsItem guid='x'/>", "not xml <"]) {
    assert.throws(
      () => scoopNewsmlParser.parse(new TextEncoder().encode(text), {}),
      (error: unknown) => error instanceof IngestError && error.code === 1005,
    );
  }
});
