/**
 * The `sttnewsml` parser, after Superdesk's `tests/io/feed_parsers/stt_newsml_test.py`, on STT
 * NewsML samples of our own (tests/ingest/fixtures/stt_*.xml).
 */
import assert from "node:assert/strict";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { feedParser } from "../../../src/ingest/parsers/parser_registry.ts";
import { sttDate, sttNewsmlParser } from "../../../src/ingest/parsers/stt_newsml_parser.ts";
import { fixture } from "../_fixtures.ts";

function parseOne(name: string) {
  const { items, problems } = sttNewsmlParser.parse(fixture(name), {});
  assert.deepEqual(problems, []);
  assert.equal(items.length, 1);
  return items[0]!;
}

Deno.test("sttnewsml is registered by Superdesk's name and label", () => {
  assert.equal(feedParser("sttnewsml"), sttNewsmlParser);
  assert.equal(sttNewsmlParser.label, "STT NewsML");
});

Deno.test("STT item: NewsML G2 metadata with STT's notes, abstract, signals and credit line", () => {
  const item = parseOne("stt_story.xml");
  assert.equal(item.guid, "urn:newsml:stt.fi:20260310:200100777");
  assert.equal(item.uri, "urn:newsml:stt.fi:20260310:200100777");
  assert.equal(item.version, 3);
  assert.equal(item.type, "text");
  assert.equal(item.urgency, 2);
  assert.equal(item.slugline, "VAALIT");
  assert.equal(item.byline, "LEENA KOSKI");
  assert.equal(item.headline, "Hallitus esittää muutosta vaalilakiin");
  assert.equal(item.abstract, "Hallitus esittää vaalipäivän siirtämistä viikolla.");
  // The public note, not the first edNote; the private one in extra.
  assert.equal(item.ednote, "Korjattu ministeriön nimi");
  assert.deepEqual(item.extra, { sttnote_private: "Lähde tarkistettu puhelimitse" });
  assert.deepEqual(item.signal, [
    { name: "sig:update", qcode: "sig:update" },
    { name: "Korjaus", qcode: "sig:correction" },
  ]);
  assert.equal(item.source, "STT-Lehtikuva");
  assert.equal(item.priority, undefined);
});

Deno.test("STT dates: contentModified is versioncreated and firstpublished; offsets are kept", () => {
  const item = parseOne("stt_story.xml");
  assert.equal((item.firstcreated as Date).toISOString(), "2026-03-10T07:40:00.000Z");
  assert.equal((item.versioncreated as Date).toISOString(), "2026-03-10T10:10:00.000Z");
  assert.equal((item.firstpublished as Date).toISOString(), "2026-03-10T10:10:00.000Z");
});

Deno.test("STT dates without a + offset are Helsinki time, summer and winter", () => {
  assert.equal(sttDate("2018-01-01T12:00:00")!.toISOString(), "2018-01-01T10:00:00.000Z");
  assert.equal(sttDate("2018-08-01T12:00:00")!.toISOString(), "2018-08-01T09:00:00.000Z");
  // As in Superdesk, only a `+` offset is read; `Z` is Helsinki time too.
  assert.equal(sttDate("2018-08-01T12:00:00Z")!.toISOString(), "2018-08-01T09:00:00.000Z");
  assert.equal(sttDate("2018-08-01T12:00:00+00:00")!.toISOString(), "2018-08-01T12:00:00.000Z");
  assert.equal(sttDate(undefined), undefined);
  assert.throws(() => sttDate("yesterday"), /Unreadable date/);
  const winter = parseOne("stt_places_no_headline.xml");
  assert.equal((winter.firstcreated as Date).toISOString(), "2026-01-15T12:00:00.000Z");
  // Only contentCreated: it is versioncreated and firstpublished too.
  assert.equal((winter.versioncreated as Date).toISOString(), "2026-01-15T12:00:00.000Z");
  assert.equal((winter.firstpublished as Date).toISOString(), "2026-01-15T12:00:00.000Z");
  const summer = parseOne("stt_preformatted_summer.xml");
  assert.equal((summer.firstcreated as Date).toISOString(), "2026-07-01T05:00:00.000Z");
  assert.equal((summer.versioncreated as Date).toISOString(), "2026-07-01T09:00:00.000Z");
});

Deno.test("STT subjects: department, subject and done codes with their names, stt-subj as IPTC, version genre", () => {
  const item = parseOne("stt_story.xml");
  assert.deepEqual(item.subject, [
    { qcode: "4", name: "Kotimaa", scheme: "sttdepartment" },
    { qcode: "11000000", name: "Politiikka", scheme: "sttsubj" },
    { qcode: "11000000", name: "Politiikka", scheme: "sttsubj" },
    { qcode: "2", name: "", scheme: "sttdone1" },
    { qcode: "11006006", name: "heads of state" },
    { qcode: "2", name: "Pika", scheme: "sttversion" },
  ]);
  assert.deepEqual(item.genre, [{ qcode: "3", name: "Taustajuttu" }]);
});

Deno.test("STT body: disallowed tags unwrapped, scripts and unsafe attributes dropped, endash fixed", () => {
  const item = parseOne("stt_story.xml");
  assert.equal(
    item.body_html,
    '<p id="p1">Hallitus esittää, että vaalipäivä siirtyy Oikeusministeriön mukaan viikolla.</p>\n' +
      "\n<h2>Muutos koskee 30-40 kuntaa</h2>\n" +
      "\n<p>linkki &amp; <b>lihava</b></p>\n" +
      "\n<p>Osion kappale.</p>\n        ",
  );
  assert.equal(item.format, undefined);
});

Deno.test("STT body: a block unknown to lxml's HTML 4 parser (section) does not end the paragraph", () => {
  const xml =
    "<newsItem guid='g' version='1'><itemMeta><itemClass qcode='ninat:text'/></itemMeta>" +
    "<contentMeta><contentCreated>2026-01-01T10:00:00</contentCreated><headline>h</headline>" +
    "</contentMeta><contentSet><inlineXML><html><body><p>a<section><h3>b</h3></section>c</p>\r\n" +
    "<p>d</p></body></html></inlineXML></contentSet></newsItem>";
  const { items, problems } = sttNewsmlParser.parse(new TextEncoder().encode(xml), {});
  assert.deepEqual(problems, []);
  assert.equal(items[0]!.body_html, "<p>a<h3>b</h3>c</p>\n\n<p>d</p>");
});

/** The `body_html` of an STT item whose XHTML body is `body`. */
function sttBodyOf(body: string): unknown {
  const xml =
    "<newsItem guid='g' version='1'><itemMeta><itemClass qcode='ninat:text'/></itemMeta>" +
    "<contentMeta><contentCreated>2026-01-01T10:00:00</contentCreated><headline>h</headline>" +
    `</contentMeta><contentSet><inlineXML><html><body>${body}</body></html></inlineXML>` +
    "</contentSet></newsItem>";
  const { items, problems } = sttNewsmlParser.parse(new TextEncoder().encode(xml), {});
  assert.deepEqual(problems, []);
  return items[0]!.body_html;
}

// Expectations as Superdesk's `parse_inline_content` gives them (lxml's HTML parser, `clean_html`
// with the default whitelist, `to_string`), run on these bodies.
Deno.test("STT body: the paragraph ends where lxml's HTML parser ends it, disallowed blocks included", () => {
  assert.equal(
    sttBodyOf(
      "<p>z</p><p>a<table><tr><td>x</td></tr></table>b</p><p>c<figure>f</figure>d</p>" +
        "<p>e<li>l</li>g</p><p>h<hr/>i</p>",
    ),
    "<p>z</p>\n<p>a</p>xb\n<p>c<figure>f</figure>d</p>\n<p>e</p>\n<li>l</li>g\n<p>h</p>i",
  );
});

Deno.test("STT body: a top-level div without attributes or text after it is unwrapped (to_string)", () => {
  assert.equal(
    sttBodyOf(
      '<p>z</p><div><p>in div</p></div><div class="k">bare div</div>' +
        '<div>div with tail</div>tail<div id="d">kept</div>',
    ),
    '<p>z</p>\n<p>in div</p>\nbare div\n<div>div with tail</div>tail\n<div id="d">kept</div>',
  );
});

Deno.test("STT body of bare text is preformatted, escaped", () => {
  const item = parseOne("stt_preformatted_summer.xml");
  assert.equal(item.body_html, "<pre>1. Virtanen 10,21\n2. Laine &lt;10,35&gt;</pre>");
  assert.equal(item.format, "preformatted");
  // An edNote without STT's public role is not the editorial note; an empty credit line is no source.
  assert.equal(item.ednote, undefined);
  assert.equal(item.source, undefined);
});

Deno.test("STT item without a headline takes the first 100 characters of its body's text", () => {
  const item = parseOne("stt_places_no_headline.xml");
  assert.equal(
    item.headline,
    'Viron toiseksi suurimmassa kaupungissa Tartossa avattiin "uusi" silta, jonka rakentaminen kesti kolm',
  );
  assert.equal((item.headline as string).length, 100);
});

Deno.test("STT location asserts are places with their areas' codes and names", () => {
  const item = parseOne("stt_places_no_headline.xml");
  assert.deepEqual(item.place, [
    {
      scheme: "sttlocmeta",
      qcode: "4410",
      name: "Tartto",
      locality_code: "88",
      locality: "Tartto",
      state_code: "12",
      state: "Tarton maakunta",
      country_code: "238",
      country: "Viro",
      world_region_code: "150",
      world_region: "Eurooppa",
    },
    { scheme: "sttlocmeta", qcode: "5021", country_code: "1", country: "" },
  ]);
});

Deno.test("STT item without contentModified: the itemMeta's versionCreated, before contentCreated", () => {
  // As Superdesk's parse_version_dates: contentModified, else the versioncreated the item
  // already has from itemMeta, else contentCreated.
  const item = parseOne("stt_no_dates.xml");
  const at = new Date("2026-02-01T08:00:00Z");
  assert.deepEqual([item.versioncreated, item.firstpublished], [at, at]);
  const xml = (itemMeta: string, contentMeta: string) =>
    new TextEncoder().encode(
      "<newsItem guid='g' version='1'><itemMeta><itemClass qcode='ninat:text'/>" + itemMeta +
        "</itemMeta><contentMeta>" + contentMeta + "</contentMeta><contentSet><inlineXML>" +
        "<html><body><p>Teksti.</p></body></html></inlineXML></contentSet></newsItem>",
    );
  const both = sttNewsmlParser.parse(
    xml(
      "<versionCreated>2026-02-01T10:00:00+02:00</versionCreated>",
      "<contentCreated>2026-01-31T09:00:00+02:00</contentCreated>",
    ),
    {},
  );
  assert.deepEqual(both.problems, []);
  assert.deepEqual(both.items[0]!.versioncreated, at, "itemMeta's versionCreated wins");
  const created = sttNewsmlParser.parse(
    xml("", "<contentCreated>2026-01-31T09:00:00+02:00</contentCreated>"),
    {},
  );
  assert.deepEqual(created.items[0]!.versioncreated, new Date("2026-01-31T07:00:00Z"));
  const none = sttNewsmlParser.parse(xml("", "<contentCreated/>"), {});
  assert.deepEqual(none.items, []);
  assert.equal(none.problems[0]?.code, 1005);
  assert.match(
    none.problems[0]!.message,
    /neither contentModified, versionCreated nor contentCreated/,
  );
});

Deno.test("STT input that is not an STT newsItem, or not XML, is a 1005 ingest error", () => {
  for (const name of ["newsml_message.xml", "rss_not_xml.xml", "xml_bomb.xml"]) {
    assert.throws(
      () => sttNewsmlParser.parse(fixture(name), {}),
      (error) => error instanceof IngestError && error.code === 1005,
      name,
    );
  }
});

Deno.test("STT items missing their parts are 1005 problems, never crashes", () => {
  const cases: Array<[string, RegExp]> = [
    ["<newsItem guid='g' version='1'><contentMeta/></newsItem>", /no itemMeta/],
    [
      "<newsItem guid='g' version='1'><itemMeta><itemClass qcode='ninat:text'/></itemMeta></newsItem>",
      /no contentMeta/,
    ],
    [
      "<newsItem guid='g' version='1'><itemMeta><itemClass qcode='ninat:text'/></itemMeta>" +
      "<contentMeta><contentCreated>2026-01-01T10:00:00</contentCreated></contentMeta>" +
      "<contentSet><inlineXML><div/></inlineXML></contentSet></newsItem>",
      /no XHTML body/,
    ],
    [
      "<newsItem guid='g' version='1'><itemMeta><itemClass qcode='ninat:text'/></itemMeta>" +
      "<contentMeta><contentCreated>soon</contentCreated></contentMeta></newsItem>",
      /Unreadable date "soon"/,
    ],
  ];
  for (const [xml, reason] of cases) {
    const { items, problems } = sttNewsmlParser.parse(new TextEncoder().encode(xml), {});
    assert.deepEqual(items, [], xml);
    assert.equal(problems[0]?.code, 1005, xml);
    assert.match(problems[0]!.message, reason);
  }
});
