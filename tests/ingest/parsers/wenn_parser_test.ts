import assert from "node:assert/strict";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { wennParser } from "../../../src/ingest/parsers/wenn_parser.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("wenn: an entry with WENN's defaults, times, guid and paragraphs; a bad entry is a 1007 problem", () => {
  const { items, problems } = wennParser.parse(fixture("wenn_feed.xml"), {});
  assert.deepEqual(problems.map((p) => p.code), [1007]);
  assert.match(problems[0]!.message, /no original_article_id/);
  assert.equal(items.length, 1);
  const [item] = items;
  assert.equal(item!.guid, "2048001");
  assert.equal(item!.type, "text");
  assert.equal(item!.urgency, 5);
  assert.equal(item!.pubstatus, "usable");
  assert.deepEqual(item!.anpa_category, [{ qcode: "e" }]);
  assert.deepEqual(item!.subject, [{ qcode: "01000000", name: "arts, culture and entertainment" }]);
  assert.equal(item!.headline, "Band announces reunion tour");
  assert.equal(item!.abstract, "The band will play 20 dates.");
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-12-07T06:10:00.000Z");
  assert.equal((item!.versioncreated as Date).toISOString(), "2026-12-07T07:45:30.000Z");
  assert.equal(
    item!.body_html,
    "<p>The band will play 20 dates &amp; more.</p><p>Tickets go on sale<br>on Friday.</p>",
  );
});

Deno.test("wenn: a document that is no WENN feed is error 1007", () => {
  for (const text of [fixture("atom_tech.xml"), new TextEncoder().encode("<feed")]) {
    assert.throws(
      () => wennParser.parse(text, {}),
      (error: unknown) => error instanceof IngestError && error.code === 1007,
    );
  }
});
