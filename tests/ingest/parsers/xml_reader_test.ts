import assert from "node:assert/strict";
import { parseXml, parseXmlBytes, XmlError } from "../../../src/xml/xml_reader.ts";
import { at, attr, firstAt, innerHtml, textOf } from "../../../src/xml/xml_query.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("parseXml resolves namespaces, decodes entities and keeps CDATA as text", () => {
  const root = parseXml(
    `<?xml version="1.0"?><!-- c --><a:r xmlns:a="urn:a" xmlns="urn:d" x="1 &amp; 2">` +
      `<b>t &lt;&#65;&#x42;&gt;</b><![CDATA[<raw>]]><c xml:lang="en"/></a:r>`,
  );
  assert.equal(root.local, "r");
  assert.equal(root.ns, "urn:a");
  assert.equal(root.attrs.x, "1 & 2");
  assert.equal(at(root, "b")?.ns, "urn:d");
  assert.equal(textOf(root), "t <AB><raw>");
  assert.equal(attr(at(root, "c"), "lang"), "en");
  assert.equal(innerHtml(root), '<b>t &lt;AB&gt;</b>&lt;raw&gt;<c lang="en"></c>');
});

Deno.test("parseXml reads CRLF and CR line ends as LF, as XML 1.0 says; &#13; stays", () => {
  const root = parseXml("<r>one\r\ntwo\rthree&#13;</r>");
  assert.equal(textOf(root), "one\ntwo\nthree\r");
});

Deno.test("parseXml refuses entity definitions: no expansion bomb, no external entity", () => {
  assert.throws(() => parseXmlBytes(fixture("xml_bomb.xml")), /undefined entity "&lol3;"/);
  assert.throws(
    () => parseXmlBytes(fixture("xml_external_entity.xml")),
    /undefined entity "&secret;"/,
  );
});

Deno.test("parseXml reports where a document is malformed", () => {
  assert.throws(() => parseXmlBytes(fixture("rss_not_xml.xml")), (error: unknown) => {
    assert.ok(error instanceof XmlError);
    assert.match(error.message, /line 3, .*<\/title> does not close <b>/);
    return true;
  });
  for (const bad of ["", "<a>", "<a></b>", "<a x=1/>", "<a/><b/>", "<a>&nbsp;</a>", "<p:a/>"]) {
    assert.throws(() => parseXml(bad), XmlError, bad);
  }
});

Deno.test("parseXml bounds the size and the nesting depth", () => {
  assert.throws(() => parseXml("<a/>", { maxChars: 3 }), /too large/);
  const deep = "<a>".repeat(300) + "</a>".repeat(300);
  assert.throws(() => parseXml(deep), /nested deeper than 256/);
  assert.equal(parseXml(deep, { maxDepth: 300 }).local, "a");
});

Deno.test("parseXmlBytes decodes the declared encoding", () => {
  const root = parseXmlBytes(fixture("nitf_weather.xml"));
  assert.equal(attr(at(root, "head/docdata/evloc"), "city"), "Tromsø");
});

Deno.test("firstAt searches every branch of a path; at follows the first child of each name", () => {
  const root = parseXml("<r><a><b/></a><a><b><c>2</c></b></a><a><b><c>3</c></b></a></r>");
  assert.equal(at(root, "a/b/c"), undefined);
  assert.equal(textOf(firstAt(root, "a/b/c")), "2");
  assert.equal(firstAt(root, "a/x"), undefined);
  assert.equal(firstAt(root, "a"), at(root, "a"));
});
