/**
 * The formatters produce documents the published schemas accept: NINJS against IPTC ninjs 1.3
 * with Superdesk's extensions, NewsML-G2 against the 2.35 XSD (xmllint), NITF well-formed; and
 * they carry the item's content faithfully, hostile HTML included.
 */
import assert from "node:assert/strict";
import { toEmail } from "../../src/publish/formatters/email_formatter.ts";
import { formatterFor } from "../../src/publish/formatters/formatters.ts";
import { htmlToText, htmlToXml } from "../../src/publish/formatters/html_fragment.ts";
import { toNewsmlG2 } from "../../src/publish/formatters/newsml_g2_formatter.ts";
import { toNinjs } from "../../src/publish/formatters/ninjs_formatter.ts";
import { toNitf } from "../../src/publish/formatters/nitf_formatter.ts";
import { contextFor, fullStory, minimalStory } from "./_items.ts";
import { hasXmllint, newsmlG2Errors, ninjsErrors, wellFormedErrors } from "./_schemas.ts";

const xmllint = hasXmllint();

Deno.test("NINJS of a full story is valid against ninjs 1.3 with Superdesk's extensions", async () => {
  const ninjs = toNinjs(fullStory());
  assert.deepEqual(await ninjsErrors(ninjs), []);
  assert.equal(ninjs.guid, fullStory().guid);
  assert.equal(ninjs.version, "3");
  assert.equal(ninjs.headline, "Budget <passes> & markets rise");
  assert.equal(ninjs.located, "Sydney");
  assert.equal(ninjs.priority, 3);
  assert.equal(ninjs.embargoed, "2026-01-01T12:00:00+0000");
  assert.equal(ninjs.versioncreated, "2026-01-01T10:00:00+0000");
  assert.deepEqual(ninjs.subject, [{ code: "04000000", name: "economy, business and finance" }]);
  assert.deepEqual(ninjs.service, [{ code: "f", name: "Finance" }]);
  assert.equal(ninjs.description_text, "The budget passed easily.");
  assert.ok(Number(ninjs.wordcount) > 5);
});

Deno.test("NINJS of a minimal story is valid and defaults priority to 5", async () => {
  const ninjs = toNinjs(minimalStory());
  assert.deepEqual(await ninjsErrors(ninjs), []);
  assert.equal(ninjs.priority, 5);
  assert.equal(ninjs.type, "text");
});

Deno.test("NINJS carries renditions with their media ids and embedded pictures in associations", async () => {
  const rendition = (media: string) => ({
    href: `http://localhost/api/upload-raw/${media}`,
    media,
    mimetype: "image/jpeg",
    width: "640",
    height: 0,
    poi: { x: 1, y: 2 },
    extra: "dropped",
  });
  const picture = {
    guid: "urn:pic",
    type: "picture",
    order: 2,
    associations: { nested: { guid: "urn:n", type: "picture" } },
    renditions: {
      original: rendition("a1"),
      viewImage: rendition("a2"),
      "4-3": rendition("a3"),
    },
  };
  const ninjs = toNinjs(fullStory({
    associations: { featuremedia: picture, first: { ...picture, order: 0 }, gone: null },
  }));
  assert.deepEqual(await ninjsErrors(ninjs), []);
  const associations = ninjs.associations as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(associations), ["first", "featuremedia"]);
  const featured = associations.featuremedia!;
  assert.equal(featured.associations, undefined);
  const href = (media: string) => `http://localhost/api/upload-raw/${media}`;
  assert.deepEqual(featured.renditions, {
    original: {
      href: href("a1"),
      media: "a1",
      mimetype: "image/jpeg",
      width: 640,
      poi: { x: 1, y: 2 },
    },
    // Superdesk's NINJS_COMMON_RENDITIONS: a picture's previews are published (and pushed).
    viewImage: { href: href("a2"), media: "a2", mimetype: "image/jpeg", width: 640 },
    "4-3": { href: href("a3"), media: "a3", mimetype: "image/jpeg", width: 640 },
  });
  // No renditions key for empty renditions (Superdesk's `if article.get("renditions")`).
  assert.equal(toNinjs(fullStory({ renditions: {} })).renditions, undefined);
});

Deno.test("the NINJS schema check catches a wrong document (the check can fail)", async () => {
  const errors = await ninjsErrors({ ...toNinjs(minimalStory()), urgency: "high", bogus: 1 });
  assert.ok(errors.length >= 2, errors.join("; "));
});

Deno.test({
  name: "NewsML-G2 of a full and of a minimal story is valid against the NewsML-G2 2.35 XSD",
  ignore: !xmllint,
  async fn() {
    for (const item of [fullStory(), minimalStory(), fullStory({ pubstatus: "canceled" })]) {
      const xml = toNewsmlG2(item, contextFor({ name: "Wire" }, ["abc", "x y"]));
      assert.equal(await newsmlG2Errors(xml), "");
    }
  },
});

Deno.test({
  name: "the XSD check rejects a NewsML-G2 document with elements out of order",
  ignore: !xmllint,
  async fn() {
    const xml = toNewsmlG2(fullStory(), contextFor());
    const broken = xml.replace(/<itemClass [^>]*\/>/, "").replace(
      "<pubStatus",
      '<itemClass qcode="ninat:text"/><pubStatus',
    );
    assert.notEqual(await newsmlG2Errors(broken), "");
  },
});

Deno.test("NewsML-G2 carries the item's metadata, codes and escaped content", () => {
  const xml = toNewsmlG2(fullStory(), contextFor({ name: "Wire" }, ["abc"]));
  assert.match(
    xml,
    /<newsItem guid="urn:newsml:localhost:2026-01-01T09:30:00:0a1b2c3d" version="3"/,
  );
  assert.match(xml, /<headline>Budget &lt;passes&gt; &amp; markets rise<\/headline>/);
  assert.match(xml, /<service qcode="svc:abc"\/>/);
  assert.match(xml, /<subject qcode="subj:04000000">/);
  assert.match(xml, /<embargoed>2026-01-01T12:00:00Z<\/embargoed>/);
  assert.match(xml, /<transmitId>[^<]*:3:42<\/transmitId>/);
  assert.doesNotMatch(xml, /alert\(1\)/);
});

Deno.test({
  name: "NITF is well-formed and maps headings and emphasis to NITF's elements",
  ignore: !xmllint,
  async fn() {
    const xml = toNitf(fullStory(), contextFor({ name: "Wire" }, ["abc"]));
    assert.equal(await wellFormedErrors(xml), "");
    assert.match(xml, /<hl1>Budget &lt;passes&gt; &amp; markets rise<\/hl1>/);
    assert.match(xml, /<hl2>Heading<\/hl2>/);
    assert.match(xml, /<em>bold<\/em>/);
    assert.match(xml, /<doc-id id-string="urn:newsml:localhost:2026-01-01T09:30:00:0a1b2c3d"\/>/);
    assert.match(xml, /<keyword key="abc"\/>/);
    assert.match(xml, /<tagline>jd\/ab<\/tagline>/);
    assert.equal(await wellFormedErrors(toNitf(minimalStory(), contextFor())), "");
  },
});

Deno.test("email has the headline as subject, a text part and an HTML part", () => {
  const email = toEmail(fullStory());
  assert.equal(email.message_subject, "Budget <passes> & markets rise");
  assert.match(
    email.message_text,
    /^budget\n\nBudget <passes> & markets rise\n\nJane Doe\n\nSYDNEY/,
  );
  assert.match(email.message_text, /The budget passed on Tuesday\.\nMarkets rose\./);
  assert.doesNotMatch(email.message_text, /<p>|<br/);
  assert.match(email.message_html, /<h1>Budget &lt;passes&gt; &amp; markets rise<\/h1>/);
  assert.doesNotMatch(email.message_html, /script/);
  assert.equal(toEmail(minimalStory()).message_subject, `Story: ${minimalStory().guid}`);
});

Deno.test("email formats text items only; formats are looked up case-insensitively", () => {
  assert.equal(formatterFor("Email")!.canFormat({ type: "picture" }), false);
  assert.equal(formatterFor("NINJS")!.type, "ninjs");
  assert.equal(formatterFor("newsmlg2")!.type, "newsmlg2");
  assert.equal(formatterFor("nope"), undefined);
});

Deno.test("editor HTML becomes well-formed XML: closed, decoded, escaped, filtered", () => {
  assert.equal(
    htmlToXml('<p>a<br>b<p>c <b>d</p><img src="x"><a href="u" onclick="x">l</a> &amp; &lt;'),
    '<p>a<br/>b</p><p>c <b>d</b></p><a href="u">l</a> &amp; &lt;',
  );
  assert.equal(htmlToXml("<ul><li>1<li>2</ul>"), "<ul><li>1</li><li>2</li></ul>");
  assert.equal(htmlToXml("x</b>y<style>p{}</style>"), "xy");
  assert.equal(htmlToText("<p>One&nbsp;two</p><p>Three<br>four</p>"), "One two\nThree\nfour");
});

Deno.test("formatters marked itemOnly give the same text whatever the subscriber, sequence and codes; the others differ", () => {
  const story = fullStory();
  const first = contextFor();
  const second = {
    ...first,
    subscriber: { ...first.subscriber, _id: "other", sender: "Other sender", provider: "Other" },
    sequence: first.sequence + 7,
    codes: ["other-code"],
  };
  for (const type of ["ninjs", "newsmlg2", "newsml12", "nitf", "email"]) {
    const formatter = formatterFor(type)!;
    const same = formatter.format(story, first).text === formatter.format(story, second).text;
    assert.equal(same, formatter.itemOnly === true, `${type}: itemOnly is ${formatter.itemOnly}`);
  }
});
