import assert from "node:assert/strict";
import { CUSTOM_SUBJECT_CODES } from "../../../src/ingest/custom_subjects.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { ritzauParser } from "../../../src/ingest/parsers/ritzau_parser.ts";
import { fixture } from "../_fixtures.ts";

Deno.test("ritzau: a story with Superdesk's mapping, Copenhagen time and a text editor's note", () => {
  const { items, problems } = ritzauParser.parse(fixture("ritzau_story.xml"), {});
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.guid, "5b0c6f1e-7d2a-4c0e-9a51-0c2f3e4d5a6b");
  assert.equal(item!.type, "text");
  assert.equal(item!.version, 2);
  assert.equal(item!.byline, "/ritzau/");
  assert.equal(item!.abstract, "Rytteren skifter hold");
  assert.deepEqual(item!.keywords, ["SPORT", "CYKLING-I"]);
  assert.equal(item!.priority, 4);
  assert.equal(item!.urgency, 4);
  // 14:05 in Copenhagen in July (summer time, UTC+2).
  assert.equal((item!.firstcreated as Date).toISOString(), "2026-07-01T12:05:09.250Z");
  assert.equal(
    item!.body_html,
    "<p>Den danske rytter skifter til et nyt hold i næste sæson, oplyser holdet selv i en " +
      "pressemeddelelse onsdag eftermiddag.</p><p>Kontrakten løber i to år.</p>",
  );
  assert.equal(
    item!.headline,
    "Den danske rytter skifter til et nyt hold i næste sæson, oplyser holdet selv i en pressemeddelelse o",
  );
  assert.equal(item!.ednote, "Opdateres senere.\nBilleder følger.\nTak & hilsen.");
  assert.deepEqual(item![CUSTOM_SUBJECT_CODES], ["15076000", "99"]);
});

Deno.test("ritzau: a headline, no note and no subjects", () => {
  const xml = `<RBNews><NewsID>n1</NewsID><headline>Kort</headline><content>&lt;p&gt;x&lt;/p&gt;` +
    `</content><TilRedaktionen/><IPTCList/></RBNews>`;
  const [item] = ritzauParser.parse(new TextEncoder().encode(xml), {}).items;
  assert.equal(item!.headline, "Kort");
  assert.equal(item!.ednote, undefined);
  assert.equal(item![CUSTOM_SUBJECT_CODES], undefined);
});

Deno.test("ritzau: without a headline, the body's text with its references decoded", () => {
  const body = "<p>S&oslash;ren &amp; Co&#248;</p><p>Mere.</p>".replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;");
  const xml = `<RBNews><NewsID>n3</NewsID><content>${body}</content></RBNews>`;
  const [item] = ritzauParser.parse(new TextEncoder().encode(xml), {}).items;
  assert.equal(item!.headline, "Søren & Coø Mere.");
});

Deno.test("ritzau: unreadable input is error 1001, a story with a bad Priority a 1001 problem", () => {
  for (const text of ["<nitf/>", "<RBNews>"]) {
    assert.throws(
      () => ritzauParser.parse(new TextEncoder().encode(text), {}),
      (error: unknown) => error instanceof IngestError && error.code === 1001,
    );
  }
  const bad = `<RBNews><NewsID>n2</NewsID><Priority>1e3</Priority></RBNews>`;
  const { items, problems } = ritzauParser.parse(new TextEncoder().encode(bad), {});
  assert.deepEqual([items.length, problems.map((p) => p.code)], [0, [1001]]);
});
