/**
 * The stored answer text (`search_doc.ts`'s `WIRE_TEXT`, Elasticsearch's `_wire`) of a fixed
 * document, pinned per `WIRE_FORM`. Texts already stored are joined into answers as they are, so
 * any change to what the wire path writes for a hit (dates, HTML originals, hidden fields, key
 * order) must bump `WIRE_FORM`, which makes every stored text refused until a rebuild. This test
 * fails on such a change until the form is bumped and the new text recorded under it.
 */
import assert from "node:assert/strict";
import { DateTimeField, defineResource, Type } from "../../src/app_api.ts";
import { openWireText, toSearchDoc } from "../../src/indexing/search_doc.ts";
import { WIRE_TEXT } from "../../src/search/search_index.ts";

const pinned = defineResource({
  name: "wire_form_items",
  schema: Type.Object({
    headline: Type.String(),
    versioncreated: DateTimeField(),
    schedule: Type.Optional(Type.Object({ at: DateTimeField() }, { additionalProperties: true })),
    stamps: Type.Optional(Type.Array(DateTimeField())),
  }, { additionalProperties: true }),
  hiddenFields: ["secret"],
  searchBacked: true,
  searchFields: { headline: "html", body_html: "html", slugline: "phrase" },
});

const document = {
  _id: "pinned",
  headline: '<b>Naïve</b> café 東京 😀 "q" \\ \u2028',
  body_html: '<p>line\nbreak &amp; <a href="x">link</a></p>',
  slugline: "Slug",
  versioncreated: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
  firstcreated: "2026-01-02T10:00:00+02:00",
  schedule: { at: new Date(Date.UTC(2026, 5, 1, 12)), note: "2026-06-01T00:00:00Z" },
  stamps: [new Date(Date.UTC(2026, 1, 3)), "2026-03-01T05:30:00-05:30", null],
  urgency: 3,
  big: 1e21,
  nested: { list: [1, [], {}, [null]], none: null },
  secret: "hidden from clients",
  _created: new Date(Date.UTC(2026, 11, 7, 12, 0, 1)),
  _updated: new Date(Date.UTC(2026, 11, 7, 12, 0, 1, 66)),
  _etag: "etag-pinned",
};

/**
 * The text each `WIRE_FORM` wrote for `document` (without its signature). Never edit a recorded
 * text: when the wire path's output changes, bump `WIRE_FORM` and record the new text under it.
 */
const RECORDED: Record<number, string> = {
  1: '{"headline":"<b>Naïve</b> café 東京 😀 \\"q\\" \\\\ \u2028","body_html":"<p>line\\nbreak &amp; <a href=\\"x\\">link</a></p>","slugline":"Slug","versioncreated":"2026-01-02T03:04:05+0000","firstcreated":"2026-01-02T10:00:00+02:00","schedule":{"at":"2026-06-01T12:00:00+0000","note":"2026-06-01T00:00:00Z"},"stamps":["2026-02-03T00:00:00+0000","2026-03-01T11:00:00+0000",null],"urgency":3,"big":1e+21,"nested":{"list":[1,[],{},[null]],"none":null},"_created":"2026-12-07T12:00:01+0000","_updated":"2026-12-07T12:00:01+0000","_etag":"etag-pinned","_id":"pinned"}',
};

Deno.test("the stored answer text of a fixed document is the one recorded for its WIRE_FORM", () => {
  const text = toSearchDoc(pinned, document)[WIRE_TEXT]!()!;
  const form = Number(/^w(\d+)\./.exec(text)?.[1]);
  const latest = Math.max(...Object.keys(RECORDED).map(Number));
  assert.equal(form, latest, `WIRE_FORM is ${form}; the latest recorded text is form ${latest}`);
  assert.equal(
    openWireText(pinned, text) + "}",
    RECORDED[form],
    "the wire path writes another text for the same document: bump WIRE_FORM in " +
      "src/indexing/search_doc.ts and record the new text under it",
  );
  assert.equal(new Set(Object.values(RECORDED)).size, Object.keys(RECORDED).length);
});
