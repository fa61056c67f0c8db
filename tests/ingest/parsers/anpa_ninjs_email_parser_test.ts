import assert from "node:assert/strict";
import { anpaParser } from "../../../src/ingest/parsers/anpa_parser.ts";
import { emailParser } from "../../../src/ingest/parsers/email_parser.ts";
import { ninjsParser } from "../../../src/ingest/parsers/ninjs_parser.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("ANPA 1312: header lines, body paragraphs and trailer date", () => {
  const { items } = anpaParser.parse(fixture("anpa_storm.tst"), {});
  const [item] = items;
  assert.match(String(item!.guid), /^urn:anpa:ap-wthr:0417:[0-9a-f]{8}$/);
  assert.equal(anpaParser.parse(fixture("anpa_storm.tst"), {}).items[0]!.guid, item!.guid);
  assert.equal(item!.ingest_provider_sequence, "0417");
  assert.equal(item!.priority, 2);
  assert.deepEqual(item!.anpa_category, [{ qcode: "w" }]);
  assert.equal(item!.slugline, "Weather-Storm");
  assert.equal(item!.word_count, 145);
  assert.equal(item!.headline, "Winter storm grounds flights across the Midwest");
  assert.equal(item!.byline, "By JANE DOE");
  assert.equal(item!.ednote, "Updates with airport closures");
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-01-06T09:32:00.000Z");
  assert.equal(
    item!.body_html,
    "<p>CHICAGO (NW) _ A winter storm grounded hundreds of flights on Tuesday.</p>" +
      "<p>Crews worked through the night to clear runways at O'Hare &amp; Midway.</p>" +
      "<p>Temperatures are expected to rise on Thursday.</p>",
  );
  assert.throws(() => anpaParser.parse(fixture("anpa_not_anpa.tst"), {}), (error: unknown) => {
    assert.ok(error instanceof IngestError);
    assert.equal(error.code, 1003);
    return true;
  });
});

Deno.test("NINJS: a story with an embedded picture ingests both", () => {
  const { items, problems } = ninjsParser.parse(fixture("ninjs_story.json"), {});
  assert.deepEqual(problems, []);
  assert.deepEqual(items.map((item) => item.type), ["picture", "text"]);
  const [picture, story] = items;
  assert.equal(picture!.alt_text, "Wind turbines off the Norwegian coast.");
  assert.deepEqual(Object.keys(picture!.renditions as object), ["baseImage", "original"]);
  assert.equal(story!.guid, "urn:northwind:2026:ninjs:NW0106T020");
  assert.equal(story!.version, 3);
  assert.equal(story!.priority, 4);
  assert.equal(story!.original_source, "Northwind");
  assert.equal(story!.abstract, "Twelve consortia bid for the North Sea licences.");
  assert.deepEqual(story!.dateline, { located: { city: "Oslo" } });
  assert.deepEqual(story!.subject, [{
    qcode: "04005000",
    name: "energy and resource",
    scheme: "subject",
  }]);
  assert.deepEqual(story!.anpa_category, [{ qcode: "f", name: "Finance" }]);
  assert.equal((story!.versioncreated as Date).toISOString(), "2026-01-06T10:05:00.000Z");
  const featured = (story!.associations as Record<string, Record<string, unknown>>).featuremedia!;
  assert.equal(featured.guid, "urn:northwind:2026:ninjs:NW0106P021");
  assert.equal(featured.type, "picture");
});

Deno.test("NINJS: an API page keeps the good items and reports each bad one", () => {
  const { items, problems } = ninjsParser.parse(fixture("ninjs_page.json"), {});
  assert.deepEqual(items.map((item) => item.headline), ["Port strike ends", "Ferry routes reopen"]);
  assert.equal(problems.length, 3);
  assert.match(problems[0]!.message, /non-integer urgency: "high"/);
  assert.match(problems[1]!.message, /neither guid nor uri/);
  assert.match(problems[2]!.message, /unknown type "hologram"/);
  assert.throws(() => ninjsParser.parse(fixture("ninjs_broken.json"), {}), /not JSON/);
});

Deno.test("email: a MIME message becomes a text item keyed by its Message-ID", () => {
  const message = [
    "From: =?UTF-8?Q?J=C3=B6rg_Weber?= <desk@agency.example>",
    "To: ingest@newsroom.example",
    "Subject: =?UTF-8?B?U3R1cm0gw7xiZXIgSGFtYnVyZw==?=",
    "Message-ID: <20260106.0930.77@agency.example>",
    "Date: Tue, 06 Jan 2026 10:30:00 +0100",
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=ISO-8859-1",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Ein Sturm zog =FCber Hamburg.",
    "",
    "Zweiter Absatz & mehr.",
    "--b1",
    "Content-Type: text/html; charset=UTF-8",
    "",
    "<html><body><p>Ein Sturm</p><script>alert(1)</script></body></html>",
    "--b1--",
    "",
  ].join("\r\n");
  const { items } = emailParser.parse(new TextEncoder().encode(message), {});
  const [item] = items;
  assert.equal(item!.guid, "20260106.0930.77@agency.example");
  assert.equal(item!.headline, "Sturm über Hamburg");
  assert.equal(item!.original_source, "Jörg Weber <desk@agency.example>");
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-01-06T09:30:00.000Z");
  assert.equal(
    item!.body_html,
    "<p>Ein Sturm zog über Hamburg.</p><p>Zweiter Absatz &amp; mehr.</p>",
  );
  const htmlOnly = message.replace(
    /--b1\r\nContent-Type: text\/plain[\s\S]*?(?=--b1\r\nContent-Type: text\/html)/,
    "",
  );
  assert.equal(
    emailParser.parse(new TextEncoder().encode(htmlOnly), {}).items[0]!.body_html,
    "<p>Ein Sturm</p>",
  );
  assert.throws(
    () => emailParser.parse(new TextEncoder().encode("Subject: x\r\n\r\nbody"), {}),
    /no From/,
  );
});

Deno.test("email: the creator's address is the sender's, never an address-like display name", () => {
  const sentBy = (from: string) => {
    const message = `From: ${from}\r\nSubject: x\r\nMessage-ID: <m@x>\r\n\r\nbody\r\n`;
    const [item] = emailParser.parse(new TextEncoder().encode(message), {}).items;
    return (item!.creator_email as { address?: string } | undefined)?.address;
  };
  assert.equal(sentBy("Desk <desk@agency.example>"), "desk@agency.example");
  assert.equal(sentBy("desk@agency.example"), "desk@agency.example");
  assert.equal(
    sentBy("admin@newsroom.example <someone@elsewhere.example>"),
    "someone@elsewhere.example",
  );
  assert.equal(
    sentBy('"admin@newsroom.example" <someone@elsewhere.example>'),
    "someone@elsewhere.example",
  );
  assert.equal(
    sentBy("=?UTF-8?Q?admin@newsroom.example?= <x@elsewhere.example>"),
    "x@elsewhere.example",
  );
  assert.equal(sentBy("someone@elsewhere.example (admin@newsroom.example)"), undefined);
  assert.equal(sentBy("Just a name"), undefined);
});
