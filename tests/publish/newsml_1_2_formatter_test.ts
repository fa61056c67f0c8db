/**
 * NewsML 1.2 (Superdesk's `NewsML12Formatter`): the output is well-formed and, parsed back, holds
 * the elements Superdesk emits for a text story, a picture and a package.
 */
import assert from "node:assert/strict";
import { formatterFor } from "../../src/publish/formatters/formatters.ts";
import { toNewsml12 } from "../../src/publish/formatters/newsml_1_2_formatter.ts";
import { parseXml, type XmlElement } from "../../src/xml/xml_reader.ts";
import { allAt, at, attr, childElements, textOf } from "../../src/xml/xml_query.ts";
import { contextFor, fullStory, minimalStory } from "./_items.ts";
import { hasXmllint, wellFormedErrors } from "./_schemas.ts";

const xmllint = hasXmllint();
const NOW = new Date("2026-12-07T03:04:05Z");
const RIGHTS = [
  { name: "default", copyrightHolder: "Default", copyrightNotice: "Notice", usageTerms: "Terms" },
  { name: "AAP", copyrightHolder: "AAP", copyrightNotice: "(c) AAP", usageTerms: "Internal" },
];

function parsed(xml: string): XmlElement {
  assert.match(
    xml,
    /^<\?xml version="1.0"\?><!DOCTYPE NewsML SYSTEM "http:\/\/www.provider.com\/dtd\/NewsML_1.2.dtd">/,
  );
  return parseXml(xml.replace(/^<\?xml[^>]*\?><!DOCTYPE[^>]*>/, ""));
}
const formalName = (element: XmlElement | undefined) => attr(element, "FormalName");
const properties = (element: XmlElement | undefined) =>
  childElements(element, "Property").map((p) => `${attr(p, "FormalName")}=${attr(p, "Value")}`);
/** The main component's content components by role. */
const roles = (main: XmlElement | undefined) =>
  childElements(main, "NewsComponent").map((c) => formalName(at(c, "Role")));

Deno.test("NewsML 1.2 of a text story: envelope, identification, management, lines, metadata, body", async () => {
  const story = fullStory({
    company_codes: [{ name: "Acme", qcode: "ACM", security_exchange: "ASX" }],
  });
  const xml = toNewsml12(story, { ...contextFor(), rights: RIGHTS }, NOW);
  if (xmllint) assert.equal(await wellFormedErrors(xml), "");
  const root = parsed(xml);
  assert.equal(root.name, "NewsML");
  assert.equal(
    attr(at(root, "Catalog"), "Href"),
    "http://www.iptc.org/std/catalog/catalog.IptcMasterCatalog.xml",
  );
  assert.equal(textOf(at(root, "NewsEnvelope/TransmissionId")), "42");
  assert.equal(textOf(at(root, "NewsEnvelope/DateAndTime")), "20261207T030405+0000");
  assert.equal(formalName(at(root, "NewsEnvelope/Priority")), "3");
  const id = at(root, "NewsItem/Identification/NewsIdentifier");
  assert.equal(textOf(at(id, "ProviderId")), "sourcefabric.org");
  assert.equal(textOf(at(id, "DateId")), "20260101");
  assert.equal(textOf(at(id, "NewsItemId")), story.guid);
  assert.equal(textOf(at(id, "RevisionId")), "3");
  assert.equal(attr(at(id, "RevisionId"), "PreviousRevision"), "0");
  assert.equal(attr(at(id, "RevisionId"), "Update"), "N");
  assert.equal(textOf(at(id, "PublicIdentifier")), `${story._id}:3N`);
  assert.equal(textOf(at(root, "NewsItem/Identification/DateLabel")), "Monday 07 December 2026");
  const management = at(root, "NewsItem/NewsManagement");
  assert.equal(formalName(at(management, "NewsItemType")), "News");
  assert.equal(textOf(at(management, "FirstCreated")), "20260101T093000+0000");
  assert.equal(textOf(at(management, "ThisRevisionCreated")), "20260101T100000+0000");
  // Embargoed: the status after the embargo is announced with its time.
  assert.equal(formalName(at(management, "Status")), "Embargoed");
  assert.equal(formalName(at(management, "StatusWillChange/FutureStatus")), "usable");
  assert.equal(textOf(at(management, "StatusWillChange/DateAndTime")), "20260101T120000+0000");
  assert.equal(formalName(at(management, "Urgency")), "2");
  assert.equal(formalName(at(management, "Instruction")), "Update");
  const main = at(root, "NewsItem/NewsComponent/NewsComponent");
  assert.equal(formalName(at(main, "Role")), "Main");
  const lines = at(main, "NewsLines");
  assert.equal(textOf(at(lines, "HeadLine")), "Budget <passes> & markets rise");
  assert.equal(textOf(at(lines, "ByLine")), "Jane Doe");
  assert.equal(textOf(at(lines, "DateLine")), "SYDNEY, Jan 1 AAP -");
  assert.equal(textOf(at(lines, "CreditLine")), "AAP");
  assert.equal(textOf(at(lines, "KeywordLine")), "budget");
  assert.equal(formalName(at(lines, "NewsLine/NewsLineType")), "EditorialNote");
  assert.equal(textOf(at(lines, "NewsLine/NewsLineText")), "Embargoed until noon");
  const rights = at(main, "RightsMetadata");
  assert.equal(textOf(at(rights, "Copyright/CopyrightHolder")), "AAP");
  assert.equal(textOf(at(rights, "Copyright/CopyrightDate")), "2026");
  assert.equal(textOf(at(rights, "UsageRights/UsageType")), "(c) AAP");
  assert.equal(textOf(at(rights, "UsageRights/RightsHolder")), "AAP");
  assert.equal(textOf(at(rights, "UsageRights/Limitations")), "Internal");
  const described = at(main, "DescriptiveMetadata");
  assert.deepEqual(
    allAt(described, "SubjectCode/Subject").map(formalName),
    ["04000000"],
  );
  const origin = childElements(described, "Location")[0];
  assert.equal(attr(origin, "HowPresent"), "Origin");
  assert.deepEqual(properties(origin), ["City=Sydney", "Country=Australia"]);
  assert.deepEqual(properties(described), ["Category=f"]);
  const company = at(main, "Metadata");
  assert.equal(formalName(at(company, "MetadataType")), "Securities Identifier");
  assert.deepEqual(properties(company), ["Name=Acme", "Ticker Symbol=ACM", "Exchange=ASX"]);
  assert.deepEqual(roles(main), ["Abstract", "BodyText"]);
  const [abstract, body] = childElements(main, "NewsComponent");
  assert.equal(formalName(at(abstract, "ContentItem/Format")), "Text");
  assert.equal(textOf(at(abstract, "ContentItem/DataContent")), "The budget passed easily.");
  assert.equal(formalName(at(body, "ContentItem/Format")), "NITF");
  const content = at(body, "ContentItem/DataContent/nitf/body/body.content");
  assert.equal(
    childElements(content, "p")[0] && textOf(childElements(content, "p")[0]),
    "The budget\u00a0passed on Tuesday.Markets rose.",
  );
  assert.doesNotMatch(xml, /<script|alert/);
});

Deno.test("NewsML 1.2 of a corrected story without embargo: revision, status and instruction", () => {
  const story = minimalStory({
    state: "corrected",
    pubstatus: "usable",
    _current_version: 5,
    item_id: "item-1",
    place: [{ qcode: "EUR", name: "Europe", world_region: "Europe", country: "" }],
    firstcreated: new Date("2026-02-03T04:05:06Z"),
    versioncreated: new Date("2026-02-03T05:05:06Z"),
  });
  const root = parsed(toNewsml12(story, contextFor(), NOW));
  assert.equal(
    attr(at(root, "NewsItem/Identification/NewsIdentifier/RevisionId"), "PreviousRevision"),
    "4",
  );
  assert.equal(
    textOf(at(root, "NewsItem/Identification/NewsIdentifier/PublicIdentifier")),
    "item-1:5N",
  );
  const management = at(root, "NewsItem/NewsManagement");
  assert.equal(formalName(at(management, "Status")), "usable");
  assert.equal(at(management, "StatusWillChange"), undefined);
  assert.equal(at(management, "Urgency"), undefined);
  assert.equal(formalName(at(management, "Instruction")), "Correction");
  const main = at(root, "NewsItem/NewsComponent/NewsComponent");
  // No rights vocabulary: the elements are there, empty.
  assert.equal(textOf(at(main, "RightsMetadata/Copyright/CopyrightHolder")), "");
  const related = childElements(at(main, "DescriptiveMetadata"), "Location");
  assert.deepEqual(related.map((l) => attr(l, "HowPresent")), ["RelatesTo"]);
  assert.deepEqual(properties(related[0]), ["WorldRegion=Europe"]);
  assert.equal(at(main, "NewsLines/HeadLine"), undefined);
});

Deno.test("NewsML 1.2 of a picture: one component per rendition with its characteristics", async () => {
  const picture = minimalStory({
    type: "picture",
    headline: "Harbour",
    filemeta_json: JSON.stringify({ length: 123456 }),
    renditions: {
      original: { href: "http://x/o.jpg", mimetype: "image/jpeg", width: 4000, height: 3000 },
      thumbnail: { href: "http://x/t.jpg", mimetype: "image/jpeg", width: 120, height: 90 },
    },
  });
  const xml = toNewsml12(picture, contextFor(), NOW);
  if (xmllint) assert.equal(await wellFormedErrors(xml), "");
  const main = at(parsed(xml), "NewsItem/NewsComponent/NewsComponent");
  assert.deepEqual(roles(main), ["Photo"]);
  const renditions = childElements(childElements(main, "NewsComponent")[0], "NewsComponent");
  assert.deepEqual(renditions.map((c) => formalName(at(c, "Role"))), ["original", "thumbnail"]);
  const [original, thumbnail] = renditions.map((c) => at(c, "ContentItem"));
  assert.equal(attr(original, "Href"), "http://x/o.jpg");
  assert.equal(formalName(at(original, "MediaType")), "Photo");
  assert.equal(formalName(at(original, "Format")), "image/jpeg");
  assert.equal(textOf(at(original, "Characteristics/SizeInBytes")), "123456");
  assert.deepEqual(properties(at(original, "Characteristics")), ["Width=4000", "Height=3000"]);
  assert.equal(at(thumbnail, "Characteristics/SizeInBytes"), undefined);
  assert.deepEqual(properties(at(thumbnail, "Characteristics")), ["Width=120", "Height=90"]);
});

Deno.test("NewsML 1.2 of a video gives its dimensions and duration from the file metadata", () => {
  const video = minimalStory({
    type: "video",
    filemeta: { width: 1920, height: 1080, duration: "1:01:12.0000" },
    renditions: { original: { href: "http://x/v.mp4", mimetype: "video/mp4" } },
  });
  const main = at(
    parsed(toNewsml12(video, contextFor(), NOW)),
    "NewsItem/NewsComponent/NewsComponent",
  );
  const item = at(childElements(main, "NewsComponent")[0], "NewsComponent/ContentItem");
  assert.deepEqual(properties(at(item, "Characteristics")), [
    "Width=1920",
    "Height=1080",
    "TotalDuration=3672",
  ]);
});

Deno.test("NewsML 1.2 of a package lists each group's items as NewsItemRefs", () => {
  const pkg = minimalStory({
    type: "composite",
    groups: [
      { id: "root", refs: [{ idRef: "main" }, { idRef: "sidebars" }] },
      { id: "main", role: "grpRole:main", refs: [{ residRef: "a", _current_version: 2 }] },
      {
        id: "sidebars",
        role: "grpRole:sidebars",
        refs: [{ residRef: "b", _current_version: 1 }, { residRef: "c", _current_version: 4 }],
      },
    ],
  });
  const main = at(
    parsed(toNewsml12(pkg, contextFor(), NOW)),
    "NewsItem/NewsComponent/NewsComponent",
  );
  assert.deepEqual(roles(main), ["root"]);
  const groups = childElements(childElements(main, "NewsComponent")[0], "NewsComponent");
  assert.deepEqual(groups.map((g) => formalName(at(g, "Role"))), [
    "grpRole:main",
    "grpRole:sidebars",
  ]);
  assert.deepEqual(
    groups.map((g) => childElements(g, "NewsItemRef").map((r) => attr(r, "NewsItem"))),
    [["a:2N"], ["b:1N", "c:4N"]],
  );
});

Deno.test("NewsML 1.2 stays well-formed for every item type whatever the text holds", async () => {
  const nasty = `A & B <c> "q" 's \x01\x08\x0b\x1f\uFFFE ]]> &amp; end`;
  const rights = [{
    name: "default",
    copyrightHolder: nasty,
    copyrightNotice: nasty,
    usageTerms: nasty,
  }];
  for (const type of ["text", "preformatted", "composite", "picture", "video", "audio"]) {
    const item = fullStory({
      type,
      guid: nasty,
      headline: nasty,
      byline: nasty,
      slugline: nasty,
      ednote: nasty,
      source: nasty,
      abstract: `<p>${nasty}</p>`,
      body_html: `<p>${nasty}</p><p>open <b>bold<script>a<b</script><!-- x --><p a="&">&nbsp;&#1;`,
      subject: [{ qcode: nasty }],
      anpa_category: [{ qcode: nasty }],
      place: [{ country: nasty }],
      company_codes: [{ name: nasty, qcode: nasty, security_exchange: nasty }],
      renditions: { [nasty]: { href: nasty, mimetype: nasty, width: nasty } },
      groups: [{ id: "main", role: nasty, refs: [{ residRef: nasty, _current_version: 1 }] }],
    });
    const xml = toNewsml12(item, { ...contextFor(), rights }, NOW);
    if (xmllint) assert.equal(await wellFormedErrors(xml), "", type);
    const lines = at(parsed(xml), "NewsItem/NewsComponent/NewsComponent/NewsLines");
    // Characters XML cannot hold are dropped; the rest comes back as written.
    assert.equal(textOf(at(lines, "HeadLine")), `A & B <c> "q" 's  ]]> &amp; end`, type);
  }
});

Deno.test("the newsml12 destination format: registered, for text, media and packages only", () => {
  const formatter = formatterFor("NewsML12")!;
  assert.equal(formatter.name, "NewsML12Formatter");
  assert.equal(formatter.label, "NewsML 1.2");
  for (const type of ["text", "preformatted", "composite", "picture", "video", "audio"]) {
    assert.equal(formatter.canFormat({ type }), true, type);
  }
  assert.equal(formatter.canFormat({ type: "graphic" }), false);
  const out = formatter.format(fullStory(), contextFor());
  assert.equal(out.mimeType, "application/xml");
  assert.equal(out.extension, "xml");
  assert.match(out.text, /<TransmissionId>42<\/TransmissionId>/);
});
