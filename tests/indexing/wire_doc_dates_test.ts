/**
 * `wireDocFromSearchSource`'s dates: a hit's top-level date fields are converted in place and
 * the nested and listed ones by the date path walk (api22). Every shape a hit can carry at every
 * kind of date path must come out byte for byte as the walk over all paths writes it (the
 * conversion before the split), and a string field that only looks like a date stays as it is.
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { wireDocFromSearchSource } from "../../src/indexing/search_doc.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { DateTimeField, Nullable } from "../../src/resources/schema/fields.ts";
import { mapDatePaths } from "../../src/resources/schema/validate_document.ts";
import { isoToWire } from "../../src/wire_date.ts";

const dated = defineResource({
  name: "dated",
  schema: Type.Object({
    headline: Type.Optional(Type.String()),
    looks_like_date: Type.Optional(Type.String()),
    when: Type.Optional(DateTimeField()),
    maybe: Type.Optional(Nullable(DateTimeField())),
    nested: Type.Optional(Type.Object({ at: DateTimeField(), note: Type.String() })),
    deep: Type.Optional(Type.Object({ inner: Type.Object({ at: DateTimeField() }) })),
    list: Type.Optional(Type.Array(Type.Object({ at: DateTimeField() }))),
    stamps: Type.Optional(Type.Array(DateTimeField())),
  }),
  searchBacked: true,
  searchFields: { headline: "text" },
});

/** Every date path of `dated`'s hits, meta dates included. */
const ALL_PATHS = [
  "_created",
  "_updated",
  "when",
  "maybe",
  "nested.at",
  "deep.inner.at",
  "list[].at",
  "stamps[]",
];

/** The conversion before the split: the walk over every path. */
function walked(source: Record<string, unknown>): Record<string, unknown> {
  const doc = structuredClone(source);
  mapDatePaths(doc, ALL_PATHS, (v) => typeof v === "string" ? isoToWire(v) : v);
  return doc;
}

/** Values a date path of a hit may hold (index copies of old or hand-made documents). */
const VALUES: unknown[] = [
  "2026-01-02T03:04:05.000Z",
  "2026-01-02T03:04:05Z",
  "2026-01-02T03:04:05.123456Z",
  "2026-01-02T03:04:05z",
  "2026-01-02T03:04:05+02:00",
  "2026-01-02T03:04:05.5-05:30",
  "2026-01-02T03:04:05+0000",
  "Fri, 02 Jan 2026 03:04:05 GMT",
  "2026-02-30T00:00:00Z",
  "2026-01-02T24:00:00Z",
  "2024-02-29T23:59:59.999Z",
  "+010000-01-01T00:00:00.000Z",
  "0999-12-31T23:59:59.000Z",
  "2026-01-02",
  "not a date",
  "",
  null,
  0,
  1767323045000,
  true,
  ["2026-01-02T03:04:05.000Z"],
  { at: "2026-01-02T03:04:05.000Z" },
];

/** A hit's `_source` with `value` at every date path, and a lookalike string beside. */
function hitWith(value: unknown, withHtml: boolean): Record<string, unknown> {
  const source: Record<string, unknown> = {
    _id: "a1",
    headline: "Harbour <b>strike</b>",
    looks_like_date: "2026-01-02T03:04:05.000Z",
    _created: value,
    _updated: "2026-01-02T03:04:05.000Z",
    when: value,
    maybe: value,
    nested: { at: value, note: "2026-01-02T03:04:05.000Z" },
    deep: { inner: { at: value } },
    list: [{ at: value }, { at: "2026-01-02T03:04:05.000Z" }, null, "x"],
    stamps: [value, "2026-01-02T03:04:05.000Z"],
    _etag: "e1",
  };
  if (withHtml) source._html = { headline: "Harbour <b>strike</b>" };
  return source;
}

Deno.test("a hit's dates come out as the walk over every path writes them, byte for byte", () => {
  for (const withHtml of [false, true]) {
    for (const value of VALUES) {
      const source = hitWith(value, withHtml);
      const expected = walked(source);
      if (withHtml) delete expected._html;
      const wire = wireDocFromSearchSource(dated, structuredClone(source));
      assert.equal(JSON.stringify(wire), JSON.stringify(expected), JSON.stringify(value));
      assert.equal(wire.looks_like_date, "2026-01-02T03:04:05.000Z");
      assert.equal((wire.nested as Record<string, unknown>).note, "2026-01-02T03:04:05.000Z");
    }
  }
});

Deno.test("a hit whose date fields are missing or partial keeps its shape", () => {
  for (
    const source of [
      { _id: "a" },
      { _id: "a", nested: null, deep: { inner: null }, list: null, stamps: "x" },
      { _id: "a", deep: "2026-01-02T03:04:05.000Z", list: {}, stamps: {} },
      { _id: "a", nested: [], deep: { inner: [] }, list: [[]], stamps: [[], null] },
    ]
  ) {
    const wire = wireDocFromSearchSource(dated, structuredClone(source));
    assert.equal(JSON.stringify(wire), JSON.stringify(walked(source)));
    assert.deepEqual(Object.keys(wire), Object.keys(source));
  }
});

/** Field, value in the hit, value on the wire. */
const SPELT_OUT: [string, unknown, unknown][] = [
  ["_id", "a", "a"],
  ["_created", "2026-01-02T03:04:05.999Z", "2026-01-02T03:04:05+0000"],
  ["when", "2026-01-02T03:04:05+02:00", "2026-01-02T01:04:05+0000"],
  ["maybe", null, null],
  ["nested", { at: "2026-01-02T03:04:05.5-05:30", note: "x" }, {
    at: "2026-01-02T08:34:05+0000",
    note: "x",
  }],
  ["list", [{ at: "not a date" }], [{ at: "not a date" }]],
  ["stamps", ["Fri, 02 Jan 2026 03:04:05 GMT", ""], ["2026-01-02T03:04:05+0000", ""]],
  ["looks_like_date", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z"],
];

Deno.test("the wire forms of a hit's odd dates, spelt out", () => {
  const wire = wireDocFromSearchSource(
    dated,
    Object.fromEntries(SPELT_OUT.map(([field, hit]) => [field, hit])),
  );
  assert.deepEqual(wire, Object.fromEntries(SPELT_OUT.map(([field, , out]) => [field, out])));
});
