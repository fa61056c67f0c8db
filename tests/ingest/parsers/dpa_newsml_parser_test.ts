import assert from "node:assert/strict";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { dpaNewsmlParser } from "../../../src/ingest/parsers/dpa_newsml_parser.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("dpanewsml: keywords, the section as body, UTC dates and the header's default priority", () => {
  const { items, problems } = dpaNewsmlParser.parse(fixture("dpa_newsml.xml"), {});
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.guid, "urn:newsml:dpa.com:20090101:261206-99-1234");
  assert.equal(item!.version, 3);
  assert.equal(item!.type, "text");
  assert.equal(item!.urgency, 3);
  assert.equal(item!.priority, 5);
  assert.equal(item!.language, "de");
  assert.equal(item!.slugline, "");
  assert.equal(item!.byline, undefined);
  assert.equal(item!.headline, "Erster Schnee in den Alpen");
  assert.deepEqual(item!.keywords, ["Wetter", "Alpen"]);
  assert.deepEqual(item!.authors, [{ uri: null, name: "example.eva" }]);
  assert.equal(item!.usageterms, "Nutzung nur mit Vereinbarung");
  assert.equal(item!.word_count, 9);
  assert.equal((item!.versioncreated as Date).toISOString(), "2026-12-06T15:00:00.000Z");
  assert.equal(item!.firstcreated, undefined);
  assert.equal(
    item!.body_html,
    '<p><span class="dateline">Innsbruck (dpa) - </span>Es schneit.</p><p>Die Pässe sind zu.</p>',
  );
});

Deno.test("dpanewsml: an XHTML body without a section is read whole", () => {
  const xml = new TextDecoder().decode(fixture("dpa_newsml.xml"))
    .replace(/<section[^>]*>/, "").replace("</section>", "");
  const [item] = dpaNewsmlParser.parse(new TextEncoder().encode(xml), {}).items;
  assert.match(String(item!.body_html), /^<header>.*<p>Die Pässe sind zu.<\/p>$/s);
});

Deno.test("dpanewsml: an unreadable document is error 1005", () => {
  assert.throws(
    () => dpaNewsmlParser.parse(new TextEncoder().encode("<nitf/>"), {}),
    (error: unknown) => error instanceof IngestError && error.code === 1005,
  );
});
