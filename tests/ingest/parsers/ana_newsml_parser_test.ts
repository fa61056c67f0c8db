import assert from "node:assert/strict";
import { DATELINE_CITY } from "../../../src/ingest/dateline_city.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { anaNewsmlParser, datelineDate } from "../../../src/ingest/parsers/ana_newsml_parser.ts";
import { fixture } from "../_fixtures.ts";

const text = (name: string) => new TextDecoder().decode(fixture(name));
const parse = (xml: string) =>
  anaNewsmlParser.parse(new TextEncoder().encode(xml), { source: "ANA" });

Deno.test("ANA NewsML: Superdesk's fields, the unescaped body without the copyright", () => {
  const { items, problems } = parse(text("ana_ferries.xml"));
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.guid, "urn:newsml:ana-mpe.gr:20261205:28114502");
  assert.equal(item!.headline, "Island ferry links restored after gale");
  assert.equal(item!.slugline, "FERRIES");
  assert.equal(item!.byline, undefined, "ANA's byline is not read");
  assert.equal(item!.keywords, undefined);
  assert.equal(item!.genre, undefined);
  assert.equal(item!.original_source, "ANA-MPE");
  assert.equal(item!.urgency, 3);
  assert.equal(item!.priority, 4);
  assert.equal(item!.pubstatus, "usable");
  assert.equal(item!.language, "EN");
  assert.equal(item!.word_count, 64);
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-12-05T08:12:00.000Z");
  assert.deepEqual(item!.subject, [
    { qcode: "04015004", name: "waterway and maritime transport" },
    { qcode: "17003001", name: "weather news" },
  ]);
  assert.equal(
    item!.body_html,
    "<p>Ferry services between Piraeus and the Cyclades resumed on Saturday morning after " +
      "gale-force winds kept vessels in port for two days.</p>\n<p>The coast guard said all " +
      "scheduled departures would run, with extra sailings added to clear the backlog of " +
      "passengers &amp; cars.</p>",
  );
  const midnightAthens = "2026-12-04T22:00:00.000Z";
  assert.equal((item!.dateline as { date: Date }).date.toISOString(), midnightAthens);
  const wanted = item![DATELINE_CITY] as Record<string, unknown>;
  assert.deepEqual({ ...wanted, date: (wanted.date as Date).toISOString() }, {
    city: "Athens",
    countryCode: "GR",
    source: "ANA",
    keepUnknown: false,
    date: midnightAthens,
  });
});

Deno.test("ANA NewsML: other cities, no urgency default over a given one, no WordCount", () => {
  const xml = text("ana_ferries.xml")
    .replace('Value="Αθήνα"', 'Value="Thessaloniki"')
    .replace(
      '<Status FormalName="Usable"/>',
      '<Status FormalName="Usable"/><Urgency FormalName="2"/>',
    )
    .replace('<Property FormalName="WordCount" Value="64"/>', "")
    .replace('<Party FormalName="ANA-MPE"/>', "<Party/>")
    .replace("<DateLine>5/12/2026</DateLine>", "<DateLine>no date</DateLine>");
  const [item] = parse(xml).items;
  assert.equal((item![DATELINE_CITY] as { city: string }).city, "Thessaloniki");
  assert.equal(item!.urgency, 2);
  assert.equal(item!.original_source, "ANA");
  assert.equal(item!.word_count, 41, 'counted from the cleaned body ("&" is no word)');
  assert.equal(item!.dateline, undefined);
});

Deno.test("ANA NewsML: the DateLine scanner", () => {
  assert.equal(datelineDate("4/4/2018")?.toISOString(), "2018-04-03T21:00:00.000Z");
  assert.equal(datelineDate("ATHENS 07.08.2026")?.toISOString(), "2026-08-06T21:00:00.000Z");
  assert.equal(datelineDate("10:15 31-1-2027")?.toISOString(), "2027-01-30T22:00:00.000Z");
  for (const bad of ["", "31/2/2026", "4/4", "4/4/18", "12345/1/2026", "4 / 4 / 2018"]) {
    assert.equal(datelineDate(bad), undefined, bad);
  }
});

Deno.test("ANA NewsML: malformed documents are 1004", () => {
  const cases = [
    "<NewsML><NewsItem>",
    "<Other/>",
    "<NewsML><NewsEnvelope/></NewsML>",
  ];
  for (const xml of cases) {
    assert.throws(
      () => parse(xml),
      (error: unknown) => error instanceof IngestError && error.code === 1004,
      xml,
    );
  }
  const noBody = text("ana_ferries.xml").replace(/<DataContent>[^]*<\/DataContent>/, "");
  const { items, problems } = parse(noBody);
  assert.equal(items.length, 0);
  assert.equal(problems[0]!.code, 1004);
});
