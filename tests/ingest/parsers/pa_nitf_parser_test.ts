import assert from "node:assert/strict";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { paNitfParser } from "../../../src/ingest/parsers/pa_nitf_parser.ts";
import { fixture } from "../_fixtures.ts";

/** A PA story with `head` and `docdata` inside theirs, and one paragraph. */
function paStory(head: string, docdata = "") {
  const xml = `<nitf><head>${head}<docdata management-status="usable">` +
    `<doc-id id-string="pa-1"/>${docdata}</docdata></head>` +
    `<body><body.content><p>Text.</p></body.content></body></nitf>`;
  return paNitfParser.parse(new TextEncoder().encode(xml), {});
}

Deno.test("pa_nitf: a Latin-1 PA story with PA's slugline, category, status and body", () => {
  const { items, problems } = paNitfParser.parse(fixture("pa_sport.xml"), {});
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.guid, "pa-0f3c-SSS-7-1");
  assert.equal(item!.headline, "ENGLAND RALLY AS RAIN SAVES THE DAY");
  assert.equal(item!.slugline, "Cricket Ashes Day Three");
  assert.equal(item!.pubstatus, "usable");
  assert.equal(item!.ednote, "Embargoed to 0001 Monday December 7");
  assert.deepEqual(item!.anpa_category, [{ qcode: "S" }]);
  assert.equal(item!.format, "HTML");
  assert.equal(
    item!.body_html,
    "<p>Rain cost England the last session in Brisbane.</p><p>Tickets cost £45 &amp; more.</p>",
  );
  assert.deepEqual((item!.subject as { qcode: string }[]).map((s) => s.qcode), [
    "15017000",
    "15000000",
  ]);
  assert.deepEqual(item!.keywords, ["Ashes Day Three"]);
  assert.equal(item!.word_count, 12);
});

Deno.test("pa_nitf: without hl1 the headline is the slugline made from the title", () => {
  const { items } = paStory(
    `<title>1 SOCCER INT-Teams</title><meta name="category" content="FSP"/>`,
  );
  assert.equal(items[0]!.headline, "Soccer INT-Teams");
  assert.equal(items[0]!.slugline, "Soccer INT-Teams");
  assert.deepEqual(items[0]!.anpa_category, [{ qcode: "S" }]);
});

Deno.test("pa_nitf: PA's categories map to ANPA categories as Superdesk guesses them", () => {
  const category = (content: string, scope = "POLITICS") =>
    paStory(
      `<title>1 X Y</title><meta name="category" content="${content}"/>`,
      `<doc-scope scope="${scope}"/>`,
    ).items[0]!.anpa_category;
  assert.deepEqual(category("RRR"), [{ qcode: "S" }]);
  assert.deepEqual(category("zzz"), [{ qcode: "V" }]);
  assert.deepEqual(category("HHH", "SHOWBIZ"), [{ qcode: "E" }]);
  assert.deepEqual(category("HHH"), [{ qcode: "I" }]);
  assert.deepEqual(category("QQQ", "SHOWBIZ"), [{ qcode: "I" }]);
  assert.equal(paStory("<title>1 X Y</title>").items[0]!.anpa_category, undefined);
});

Deno.test("pa_nitf: a document that is not NITF is error 1006", () => {
  assert.throws(
    () => paNitfParser.parse(new TextEncoder().encode("<rss/>"), {}),
    (error: unknown) => error instanceof IngestError && error.code === 1006,
  );
  assert.throws(
    () => paNitfParser.parse(new TextEncoder().encode("<nitf><head>"), {}),
    (error: unknown) => error instanceof IngestError && error.code === 1006,
  );
});
