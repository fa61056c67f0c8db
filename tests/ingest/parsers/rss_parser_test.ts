import assert from "node:assert/strict";
import { rssParser } from "../../../src/ingest/parsers/rss_parser.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { fixture } from "../_fixtures.ts";

const now = new Date("2026-01-07T00:00:00Z");

Deno.test("RSS 2.0: entries become items, image entries become pictures and a package", () => {
  const { items, problems } = rssParser.parse(fixture("rss_world.xml"), {
    source: "Northwind",
    now,
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(items.map((item) => [item.type, item.guid]), [
    ["picture", "https://img.northwind.example/2026/01/06/baltic-floods.jpg"],
    ["text", "nw-world-20260106-0001"],
    ["composite", "nw-world-20260106-0001:pkg"],
    ["text", "https://wire.northwind.example/business/2026/01/06/rates"],
    ["picture", "https://img.northwind.example/2026/01/05/rail-thumb.png"],
    ["text", "nw-world-20260105-0042"],
    ["composite", "nw-world-20260105-0042:pkg"],
  ]);
  const floods = items[1]!;
  assert.equal(floods.headline, "Flooding closes ports along the Baltic coast");
  assert.equal(floods.uri, "https://wire.northwind.example/world/2026/01/06/baltic-floods");
  assert.equal(floods.byline, "Anna Lindqvist");
  assert.equal(floods.abstract, "Storm surge forced three ports to suspend operations on Tuesday.");
  assert.equal((floods.firstcreated as Date).toISOString(), "2026-01-06T08:12:00.000Z");
  assert.equal(floods.versioncreated, floods.firstcreated);
  assert.equal(
    floods.body_html,
    '<p><a href="https://wire.northwind.example/world/2026/01/06/baltic-floods" target="_blank">' +
      "Northwind</a></p><p>GDANSK, Jan 6 (Northwind) - A storm surge forced three Baltic ports to " +
      "suspend operations on Tuesday &amp; coastal roads were closed.</p><p>Authorities said water " +
      "levels would fall by evening.</p>",
  );
  assert.deepEqual(floods.dateline, { source: "Northwind", date: floods.firstcreated });
  assert.deepEqual(items[2]!.groups, [
    { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
    {
      id: "main",
      role: "main",
      refs: [
        { residRef: "nw-world-20260106-0001" },
        { residRef: "https://img.northwind.example/2026/01/06/baltic-floods.jpg" },
      ],
    },
  ]);
  assert.equal(items[3]!.abstract, "<p>The bank kept its key rate at 3.25%.</p>");
  assert.equal((items[5]!.firstcreated as Date).toISOString(), "2026-01-05T17:02:00.000Z");
});

Deno.test("Atom: xhtml content, alternate link and enclosure", () => {
  const { items, problems } = rssParser.parse(fixture("atom_tech.xml"), { source: "NW", now });
  assert.deepEqual(problems, []);
  const text = items.find((item) => item.type === "text")!;
  assert.equal(text.guid, "tag:wire.northwind.example,2026-01-06:tech-0007");
  assert.equal(text.uri, "https://wire.northwind.example/tech/2026/01/06/fab");
  assert.equal(text.byline, "Jonas Berg");
  assert.equal((text.firstcreated as Date).toISOString(), "2026-01-06T05:00:00.000Z");
  assert.equal((text.versioncreated as Date).toISOString(), "2026-01-06T09:20:00.000Z");
  assert.match(String(text.body_html), /<p>The plant, the <em>largest<\/em> in the region/);
  assert.equal(items.filter((item) => item.type === "picture").length, 1);
});

Deno.test("RSS: a bad entry is reported and the others are kept", () => {
  const { items, problems } = rssParser.parse(fixture("rss_bad_entries.xml"), { now });
  assert.deepEqual(items.map((item) => item.guid), ["nw-sport-1", "nw-sport-4"]);
  assert.equal(problems.length, 2);
  assert.ok(problems.every((problem) => problem.code === 1001));
  assert.match(problems[0]!.message, /Unreadable date "Someday in January"/);
  assert.match(problems[1]!.message, /neither guid nor link/);
});

Deno.test("RSS: field aliases read a field from another element", () => {
  const { items } = rssParser.parse(fixture("rss_world.xml"), {
    now,
    config: { field_aliases: [{ summary: "title" }] },
  });
  assert.equal(items[3]!.abstract, "Central bank holds rates, signals caution");
});

Deno.test("RSS: future dates are clamped to now; a document that is not XML throws 1001", () => {
  const { items } = rssParser.parse(fixture("rss_world.xml"), {
    now: new Date("2026-01-06T08:00:00Z"),
  });
  assert.equal((items[1]!.firstcreated as Date).toISOString(), "2026-01-06T08:00:00.000Z");
  assert.throws(() => rssParser.parse(fixture("rss_not_xml.xml"), {}), (error: unknown) => {
    assert.ok(error instanceof IngestError);
    assert.equal(error.code, 1001);
    return true;
  });
  assert.throws(() => rssParser.parse(fixture("nitf_weather.xml"), {}), /not an RSS or Atom feed/);
});
