/**
 * Reading stored document text without parsing it: `storedToWireJson` answers what decoding and
 * rendering the document would (dates in the wire form, everything else the same), and
 * `storedTopLevelDateMs` finds the document's own `_updated`, not a nested one.
 */
import assert from "node:assert/strict";
import type { Doc } from "../../src/storage/document_store.ts";
import { decodeJson, encodeJson } from "../../src/storage/sqlite/json_codec.ts";
import {
  storedTopLevelDateMs,
  storedTopLevelString,
  storedToWireJson,
} from "../../src/storage/sqlite/stored_text.ts";
import { withWireDates } from "../../src/wire_date.ts";

const MARKER = "\u{10FFFF}";
const at = (iso: string) => new Date(iso);

/** What the object path answers for a stored document. */
function rendered(text: string): string {
  return JSON.stringify(withWireDates(decodeJson(text)));
}

const documents: Record<string, Doc> = {
  "no dates": { _id: "a", title: "plain", n: 1.5, ok: true, none: null, list: [1, "x"] },
  "top-level dates": {
    _id: "b",
    _created: at("2026-01-02T03:04:05.678Z"),
    _updated: at("2026-12-31T23:59:59.999Z"),
  },
  "nested and listed dates": {
    _id: "c",
    schedule: { start: at("2020-02-29T00:00:00.000Z"), slots: [at("1999-12-31T23:59:59.000Z")] },
    history: [{ at: at("2001-01-01T00:00:00.000Z"), by: "u" }, at("1970-01-01T00:00:00.000Z")],
  },
  "years outside 0–9999": {
    _id: "d",
    far: at("+010000-01-01T00:00:00.000Z"),
    before: at("-000001-06-15T12:30:45.500Z"),
  },
  "the marker inside strings and keys": {
    _id: "e",
    text: `a${MARKER}2026-01-01T00:00:00.000Z`,
    quoted: `say "${MARKER}2026-01-01T00:00:00.000Z" \\`,
    quotedAtEnd: `say "${MARKER}2026-01-01T00:00:00.000Z`,
    [`${MARKER}2026-01-01T00:00:00.000Z`]: at("2026-05-05T05:05:05.005Z"),
    [`${MARKER}key`]: "value",
  },
  "escapes and unicode": {
    _id: "f",
    text: 'back\\slash "quote" \n tab\t é 中文 😀 \u2028',
    'we"ird': { "\\": at("2026-03-03T03:03:03.003Z") },
  },
  "empty containers": { _id: "g", a: {}, b: [], c: [[]], d: { e: {} } },
};

for (const [name, doc] of Object.entries(documents)) {
  Deno.test(`storedToWireJson: ${name} renders as the decoded document does`, () => {
    const text = encodeJson(doc);
    const wire = storedToWireJson(text);
    assert.deepEqual(JSON.parse(wire), JSON.parse(rendered(text)));
  });
}

Deno.test("storedToWireJson: the same bytes as the object path for documents without odd keys", () => {
  for (
    const name of ["no dates", "top-level dates", "nested and listed dates", "years outside 0–9999"]
  ) {
    const text = encodeJson(documents[name]!);
    assert.equal(storedToWireJson(text), rendered(text), name);
  }
});

Deno.test("storedTopLevelDateMs: the document's own date, not a nested or quoted one", () => {
  const updated = at("2026-04-04T04:04:04.444Z");
  const nested = at("2000-01-01T00:00:00.000Z");
  const cases: Array<[Doc, number | undefined]> = [
    [{ _id: "1", _updated: updated }, updated.getTime()],
    [{ _id: "2", _updated: updated, child: { _updated: nested } }, updated.getTime()],
    [{ _id: "3", child: { _updated: nested }, _updated: updated }, updated.getTime()],
    [
      { _id: "4", list: [{ _updated: nested }], _updated: updated, after: [{ _updated: nested }] },
      updated.getTime(),
    ],
    [{ _id: "5", child: { _updated: nested } }, undefined],
    [{ _id: "6", _updated: "not a date" }, undefined],
    [{ _id: "7", text: '"_updated":"x"', _updated: updated, more: '}"]' }, updated.getTime()],
    [
      { _id: "8", _updated: at("+020000-01-01T00:00:00.000Z") },
      at("+020000-01-01T00:00:00.000Z").getTime(),
    ],
    [{ _id: "9", 'a\\"b': '\\"', _updated: updated, z: "\\" }, updated.getTime()],
    [{ _id: "10", 'a"_updated': updated }, undefined],
    [{ _id: "11", _updated: updated, 'a"_updated': nested }, updated.getTime()],
    [{ _id: "12", x_updated: nested }, undefined],
    [{ _id: "13", _updated: updated, x_updated: nested }, updated.getTime()],
    [{}, undefined],
  ];
  for (const [doc, expected] of cases) {
    assert.equal(storedTopLevelDateMs(encodeJson(doc), "_updated"), expected, JSON.stringify(doc));
  }
});

Deno.test("storedTopLevelString: the document's own string, unescaped; not a date", () => {
  const cases: Array<[Doc, string | undefined]> = [
    [{ _id: "1", _etag: "abc" }, "abc"],
    [{ _id: "2", _etag: 'q"uo\\te é', child: { _etag: "nested" } }, 'q"uo\\te é'],
    [{ _id: "3", child: { _etag: "nested" } }, undefined],
    [{ _id: "4", _etag: 7 }, undefined],
    [{ _id: "5", _etag: new Date(0) }, undefined],
    [{ _id: "6", 'x"_etag': "no", _etag: "" }, ""],
    [{ _id: "7", _etag: "own", my_etag: "other" }, "own"],
    [{ _id: "8", my_etag: "other" }, undefined],
  ];
  for (const [doc, expected] of cases) {
    assert.equal(storedTopLevelString(encodeJson(doc), "_etag"), expected, JSON.stringify(doc));
  }
});
