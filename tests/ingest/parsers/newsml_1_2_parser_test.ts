import assert from "node:assert/strict";
import {
  afpNewsml12Parser,
  afpNewsmlNewParser,
} from "../../../src/ingest/parsers/afp_newsml_parsers.ts";
import { newsml12Parser } from "../../../src/ingest/parsers/newsml_1_2_parser.ts";
import { fixture } from "../_fixtures.ts";

const BODY = "<p>Ferry crews returned to work on Tuesday after unions &amp; operators agreed on " +
  "pay.</p>\n                <p>Morning crossings ran late.</p>";

Deno.test("NewsML 1.2: a story with Superdesk's mapping", () => {
  const { items, problems } = newsml12Parser.parse(fixture("newsml12_story.xml"), {});
  assert.deepEqual(problems, []);
  assert.deepEqual(items, [{
    type: "text",
    guid: "urn:newsml:northwind.example:20261103T091500Z:NW-OSL-4711",
    uri: "urn:newsml:northwind.example:20261103T091500Z:NW-OSL-4711:2",
    version: 2,
    ingest_provider_sequence: "0815",
    priority: 3,
    urgency: 2,
    firstcreated: new Date("2026-11-03T08:40:00Z"),
    versioncreated: new Date("2026-11-03T09:14:00Z"),
    pubstatus: "usable",
    headline: "Ferry strike ends after overnight talks",
    slugline: "Norway-strike-ferries",
    byline: "By Kari Strand",
    dateline: { text: "OSLO, Nov 3, 2026 (Northwind) -" },
    original_source: "NWN",
    usageterms: "NO ARCHIVAL USE",
    language: "en",
    keywords: ["Norway", "strike"],
    subject: [
      { qcode: "09003001", name: "labor market" },
      { qcode: "09003000", name: "employment" },
      { qcode: "09000000", name: "labour" },
    ],
    genre: [{ qcode: "labour", name: "labour" }, { qcode: "transport", name: "transport" }],
    body_html: BODY,
    format: "HTML",
    // The agency's count (its Words property), not ours from the body (17).
    word_count: 18,
  }]);
});

Deno.test("NewsML 1.2: a bad NewsItem is a 1004 problem and the others are kept", () => {
  const { items, problems } = newsml12Parser.parse(fixture("newsml12_bad_item.xml"), {});
  assert.equal(items.length, 1);
  const [item] = items;
  // No ProviderId/DateId/NewsItemId: the public identifier is the guid.
  assert.equal(item!.guid, "urn:newsml:northwind.example:20261104:NW-BRIEF-1:1");
  assert.equal(item!.pubstatus, "withheld");
  assert.equal(item!.priority, 6, "a priority outside 1-6 is ordinary");
  assert.equal(item!.headline, "Markets open flat");
  assert.equal(item!.slugline, "");
  assert.equal(item!.word_count, 6, "counted from the body without a Words property");
  assert.equal(item!.urgency, undefined);
  assert.deepEqual(item!.subject, []);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, 1004);
  assert.match(problems[0]!.message, /^NewsML1 input could not be processed: .*yesterday morning/);
});

Deno.test("NewsML 1.2: what is not NewsML 1.2 is a 1004 error", () => {
  for (const name of ["afp_newsml_new.xml", "nitf_weather.xml", "rss_not_xml.xml"]) {
    assert.throws(
      () => newsml12Parser.parse(fixture(name), {}),
      (error: Error & { code?: number }) => error.code === 1004,
      name,
    );
  }
  assert.throws(
    () => newsml12Parser.parse(fixture("xml_external_entity.xml"), {}),
    /undefined entity/,
  );
});

Deno.test("NewsML 1.2: an item without body content is a 1004 problem", () => {
  const text = new TextDecoder().decode(fixture("newsml12_story.xml"))
    .replace(/<DataContent>[^]*<\/DataContent>/, "<DataContent/>");
  const { items, problems } = newsml12Parser.parse(new TextEncoder().encode(text), {});
  assert.deepEqual(items, []);
  assert.equal(problems[0]?.code, 1004);
  assert.match(problems[0]!.detail, /has no body content/);
});

Deno.test("afpnewsml12 reads AFP's NewsML 1.2 as newsml12 does", () => {
  const afp = afpNewsml12Parser.parse(fixture("newsml12_story.xml"), {});
  assert.deepEqual(afp, newsml12Parser.parse(fixture("newsml12_story.xml"), {}));
  assert.equal(afpNewsml12Parser.name, "afpnewsml12");
});

Deno.test("afpnewsmlnew: any NewsML version, the body in a nested component", () => {
  const { items, problems } = afpNewsmlNewParser.parse(fixture("afp_newsml_new.xml"), {});
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.guid, "urn:newsml:afp.example:20261105:TX-PAR-ABC12");
  assert.equal(item!.version, 1);
  assert.equal(item!.priority, 4);
  assert.equal(item!.urgency, 3);
  assert.equal(item!.language, "fr");
  assert.equal(item!.headline, "Lyon opens its new tram line");
  assert.deepEqual(item!.dateline, { text: "LYON, Nov 5, 2026 -" });
  assert.equal(
    item!.body_html,
    "<p>The T9 line carries its first passengers.</p>\n            " +
      "<p>Three more lines are planned.</p>",
  );
  assert.equal(item!.word_count, 12);
  // The NewsML 1.2 story keeps its body under ContentItem/DataContent/nitf, not nested.
  const story = afpNewsmlNewParser.parse(fixture("newsml12_story.xml"), {});
  assert.deepEqual(story.items, []);
  assert.equal(story.problems[0]?.code, 1004);
});

/** The fixture story with `from` replaced by `to`. */
function storyWith(from: string | RegExp, to: string): Uint8Array {
  const text = new TextDecoder().decode(fixture("newsml12_story.xml"));
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `the fixture holds ${from}`);
  return new TextEncoder().encode(changed);
}

Deno.test("NewsML 1.2: a Words property that is no whole number a store can index is counted", () => {
  // "" is not 0 words; 1e30 is a JavaScript integer, but no engine's integer (Elasticsearch's
  // long refused it, so the item was stored in MongoDB and missing from every list).
  for (const words of ["", "1e30", "12.5", "0x11", "99999999999999999999"]) {
    const { items } = newsml12Parser.parse(storyWith('Value="18"', `Value="${words}"`), {});
    assert.equal(items[0]?.word_count, 17, `Words "${words}"`);
  }
  const { items } = newsml12Parser.parse(storyWith('Value="18"', 'Value=" 0 "'), {});
  assert.equal(items[0]?.word_count, 0);
});

Deno.test("NewsML 1.2: an Urgency or RevisionId that is no whole number a store can index is a 1004 problem", () => {
  const cases: [string | RegExp, string][] = [
    ['<Urgency FormalName="2"/>', '<Urgency FormalName=""/>'],
    ['<Urgency FormalName="2"/>', '<Urgency FormalName="0x2"/>'],
    ['<Urgency FormalName="2"/>', '<Urgency FormalName="2e40"/>'],
    [/<RevisionId([^>]*)>2</, "<RevisionId$1>99999999999999999999999<"],
    [/<RevisionId([^>]*)>2</, "<RevisionId$1>2e3<"],
  ];
  for (const [from, to] of cases) {
    const { items, problems } = newsml12Parser.parse(storyWith(from, to), {});
    assert.deepEqual(items, [], to);
    assert.equal(problems[0]?.code, 1004, to);
  }
});

Deno.test("NewsML 1.2: a document without a NewsItem is a 1004 error", () => {
  const empty = '<NewsML Version="1.2"><NewsEnvelope><Priority FormalName="2"/></NewsEnvelope>' +
    "</NewsML>";
  assert.throws(
    () => newsml12Parser.parse(new TextEncoder().encode(empty), {}),
    (error: Error & { code?: number }) => error.code === 1004 && /no NewsItem/.test(error.message),
  );
});

Deno.test("NewsML 1.2: the body is the first content item that has one, as Superdesk finds it", () => {
  const photoFirst = storyWith(
    "<ContentItem>",
    '<ContentItem Href="ferry.jpg"><MediaType FormalName="Photo"/></ContentItem><ContentItem>',
  );
  const { items, problems } = newsml12Parser.parse(photoFirst, {});
  assert.deepEqual(problems, []);
  assert.equal(items[0]?.body_html, BODY);
  assert.equal(items[0]?.word_count, 18);
  const text = new TextDecoder().decode(fixture("afp_newsml_new.xml"));
  const nested = text.replace(
    "<NewsComponent>\n        <ContentItem>",
    '<NewsComponent><ContentItem Href="tram.jpg"/></NewsComponent>' +
      "<NewsComponent>\n        <ContentItem>",
  );
  assert.notEqual(nested, text);
  const afp = afpNewsmlNewParser.parse(new TextEncoder().encode(nested), {});
  assert.deepEqual(afp.problems, []);
  assert.match(String(afp.items[0]?.body_html), /^<p>The T9 line/);
});
