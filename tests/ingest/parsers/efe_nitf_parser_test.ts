import assert from "node:assert/strict";
import { DATELINE_CITY } from "../../../src/ingest/dateline_city.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { efeNitfParser } from "../../../src/ingest/parsers/efe_nitf_parser.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("efe_nitf: EFE's IPTC subjects, keyword slugline, no byline, evloc as the dateline city", () => {
  const { items, problems } = efeNitfParser.parse(fixture("efe_story.xml"), {});
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.guid, "30410077");
  assert.equal(item!.headline, "Quito opens new metro line");
  assert.equal(item!.abstract, "The line links the north and south of the city.");
  assert.deepEqual(item!.subject, [{ qcode: "04015000", name: "transport" }]);
  assert.equal(item!.slugline, "ECUADOR TRANSPORT");
  assert.deepEqual(item!.keywords, ["ECUADOR TRANSPORT", "METRO"]);
  assert.equal("byline" in item!, false);
  assert.equal("place" in item!, false);
  assert.equal("dateline" in item!, false);
  assert.deepEqual(item![DATELINE_CITY], { city: "Quito", source: "EFE", keepUnknown: false });
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-12-06T15:30:00.000Z");
});

Deno.test("efe_nitf: no evloc, no dateline city; no keywords, no slugline", () => {
  const xml = `<nitf><head><docdata><doc-id id-string="1"/></docdata></head>` +
    `<body><body.content><p>x</p></body.content></body></nitf>`;
  const [item] = efeNitfParser.parse(new TextEncoder().encode(xml), {}).items;
  assert.equal(item![DATELINE_CITY], undefined);
  assert.equal(item!.slugline, undefined);
});

Deno.test("efe_nitf: a document that is not NITF is error 1006", () => {
  assert.throws(
    () => efeNitfParser.parse(new TextEncoder().encode("<NewsML/>"), {}),
    (error: unknown) => error instanceof IngestError && error.code === 1006,
  );
});
