import assert from "node:assert/strict";
import { newsmlG2Parser } from "../../../src/ingest/parsers/newsml_g2_parser.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("NewsML G2 message: text, picture and package with Superdesk's mapping", () => {
  const { items, problems } = newsmlG2Parser.parse(fixture("newsml_message.xml"), {});
  assert.deepEqual(problems, []);
  const [text, picture, pkg] = items;
  assert.equal(text!.guid, "tag:northwind.example,2026:newsml_NW0106A001");
  assert.equal(text!.version, 2);
  assert.equal(text!.type, "text");
  assert.equal(text!.priority, 3);
  assert.equal(text!.urgency, 2);
  assert.equal(text!.pubstatus, "usable");
  assert.equal(text!.ednote, "Updates with minister's comments");
  assert.equal(text!.headline, "Poland sets date for snap election");
  assert.equal(text!.slugline, "POLAND-ELECTION/");
  assert.equal(text!.byline, "Anna Lindqvist");
  assert.equal(text!.language, "en");
  assert.equal(text!.usageterms, "No archival use");
  assert.equal(text!.original_source, "Northwind Wire");
  assert.equal(text!.word_count, 23);
  assert.equal((text!.versioncreated as Date).toISOString(), "2026-01-06T09:30:00.000Z");
  assert.equal((text!.firstcreated as Date).toISOString(), "2026-01-06T08:55:00.000Z");
  assert.deepEqual(text!.subject, [
    { qcode: "11000000", name: "politics" },
    { qcode: "11003000", name: "elections" },
    { qcode: "04000000", name: "economy, business and finance" },
  ]);
  assert.deepEqual(text!.place, [{ name: "Gdansk" }, { name: "Poland" }]);
  assert.deepEqual(text!.genre, [{ name: "Update", qcode: "genre:Update" }]);
  assert.deepEqual(text!.authors, [{ uri: "nw:staff/alindqvist", name: "Anna Lindqvist" }]);
  assert.equal(
    text!.body_html,
    "<p>WARSAW, Jan 6 (Northwind) - Poland will hold a snap election on March 8, the president " +
      "said on Tuesday.</p><p>The minister called it <b>a test of trust</b>.</p>",
  );
  assert.equal(picture!.type, "picture");
  assert.equal(picture!.description_text, "Voters queue at a polling station in Warsaw.");
  assert.deepEqual(picture!.renditions, {
    baseImage: {
      residRef: "NW0106P002-base",
      sizeinbytes: 482113,
      mimetype: "image/jpeg",
      href: "https://media.northwind.example/NW0106P002/base.jpg",
      width: 1400,
      height: 933,
    },
    thumbnail: {
      residRef: "NW0106P002-thumb",
      sizeinbytes: 11211,
      mimetype: "image/jpeg",
      href: "https://media.northwind.example/NW0106P002/thumb.jpg",
      width: 180,
      height: 120,
    },
  });
  assert.equal(pkg!.type, "composite");
  assert.equal(pkg!.version, 4);
  assert.deepEqual(pkg!.groups, [
    { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
    {
      id: "main",
      role: "main",
      refs: [
        {
          residRef: "tag:northwind.example,2026:newsml_NW0106A001",
          version: "2",
          contentType: "application/vnd.iptc.g2.newsitem+xml",
          itemClass: "ninat:text",
          headline: "Poland sets date for snap election",
        },
        {
          residRef: "tag:northwind.example,2026:newsml_NW0106P002",
          version: "1",
          contentType: "application/vnd.iptc.g2.newsitem+xml",
          itemClass: "ninat:picture",
        },
      ],
    },
  ]);
});

Deno.test("NewsML G2: bad items are reported with code 1005, the good one is kept", () => {
  const { items, problems } = newsmlG2Parser.parse(fixture("newsml_bad_item.xml"), {});
  assert.deepEqual(items.map((item) => item.headline), ["Good item after two bad ones"]);
  assert.equal(items[0]!.body_html, "Plain text body.");
  assert.equal(items[0]!.priority, 5);
  assert.deepEqual(problems.map((problem) => problem.code), [1005, 1005]);
  assert.match(problems[0]!.message, /has no itemMeta/);
  assert.match(problems[1]!.message, /Unreadable date "not a date"/);
});

Deno.test("NewsML G2: a document that is not NewsML throws 1005", () => {
  for (const name of ["rss_world.xml", "rss_not_xml.xml"]) {
    assert.throws(() => newsmlG2Parser.parse(fixture(name), {}), (error: unknown) => {
      assert.ok(error instanceof IngestError);
      assert.equal(error.code, 1005);
      return true;
    });
  }
});

Deno.test("NewsML G2: a version that is no whole decimal in the safe range drops only that item", () => {
  const newsItem = (guid: string, version: string) =>
    `<newsItem guid="${guid}" version="${version}"><itemMeta>` +
    `<itemClass qcode="ninat:text"/><versionCreated>2026-01-06T09:30:00Z</versionCreated>` +
    `</itemMeta><contentMeta><headline>H</headline></contentMeta></newsItem>`;
  const bad = ["1e30", "0x10", "2.0", "9007199254740993", ""];
  const xml = `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>` +
    bad.map((version, index) => newsItem(`bad${index}`, version)).join("") +
    newsItem("good", " 7 ") + `</itemSet></newsMessage>`;
  const { items, problems } = newsmlG2Parser.parse(new TextEncoder().encode(xml), {});
  assert.deepEqual(items.map((item) => [item.guid, item.version]), [["good", 7]]);
  assert.deepEqual(problems.map((problem) => problem.code), bad.map(() => 1005));
  assert.match(problems[0]!.message, /bad version "1e30"/);
});

Deno.test("NewsML G2: no header priority is 5, an empty or unreadable one ordinary (6)", () => {
  const message = (header: string) =>
    new TextEncoder().encode(
      `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">${header}<itemSet>` +
        `<newsItem guid="g" version="1"><itemMeta><itemClass qcode="ninat:text"/>` +
        `<versionCreated>2026-01-06T09:30:00Z</versionCreated></itemMeta>` +
        `<contentMeta><headline>H</headline></contentMeta></newsItem></itemSet></newsMessage>`,
    );
  const priority = (header: string) => newsmlG2Parser.parse(message(header), {}).items[0]!.priority;
  assert.equal(priority(""), 5);
  assert.equal(priority("<header><sent>2026-01-06T09:30:00Z</sent></header>"), 5);
  assert.equal(priority("<header><priority>2</priority></header>"), 2);
  assert.equal(priority("<header><priority/></header>"), 6);
  assert.equal(priority("<header><priority>x</priority></header>"), 6);
});
