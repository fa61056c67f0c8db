/** Unit tests of mappings derived from JSON Schema (TypeBox) with search-field hints. */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import {
  htmlFields,
  leafFields,
  mappingFromSchema,
  textFields,
  withMetaFields,
} from "../../src/search/mapping.ts";

const schema = Type.Object({
  headline: Type.String(),
  slugline: Type.Optional(Type.String()),
  state: Type.Union([Type.Literal("draft"), Type.Literal("published")]),
  urgency: Type.Integer(),
  score: Type.Number(),
  flag: Type.Boolean(),
  versioncreated: Type.String({ format: "date-time" }),
  embargo: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  task: Type.Object({ desk: Type.String(), stage: Type.Optional(Type.String()) }),
  subject: Type.Array(Type.Object({ qcode: Type.String() })),
  keywords: Type.Array(Type.String()),
  fields_meta: Type.Object({ any: Type.String() }),
  anything: Type.Unknown(),
  mixed: Type.Union([Type.String(), Type.Number()]),
  extra: Type.Record(Type.String(), Type.String()),
});

Deno.test("schema types map to keyword, long, double, boolean, date and object", () => {
  const mapping = mappingFromSchema(schema, {
    searchFields: { headline: "text", fields_meta: "none" },
  });
  assert.deepEqual(mapping.properties, {
    headline: {
      type: "text",
      analyzer: "standard",
      fields: { keyword: { type: "keyword", ignore_above: 256 } },
    },
    slugline: { type: "keyword", ignore_above: 8191 },
    state: { type: "keyword", ignore_above: 8191 },
    urgency: { type: "long" },
    score: { type: "double" },
    flag: { type: "boolean" },
    versioncreated: { type: "date" },
    embargo: { type: "date" },
    task: {
      type: "object",
      properties: {
        desk: { type: "keyword", ignore_above: 8191 },
        stage: { type: "keyword", ignore_above: 8191 },
      },
    },
    subject: { type: "object", properties: { qcode: { type: "keyword", ignore_above: 8191 } } },
    keywords: { type: "keyword", ignore_above: 8191 },
  });
});

Deno.test("html, phrase and nested hints give Superdesk's analysed and nested fields", () => {
  const mapping = mappingFromSchema(schema, {
    searchFields: { headline: "html", slugline: "phrase", subject: "nested" },
  });
  assert.deepEqual(mapping.properties.headline, {
    type: "text",
    analyzer: "html_field_analyzer",
    fields: { keyword: { type: "keyword", ignore_above: 256 } },
  });
  assert.deepEqual(mapping.properties.slugline, {
    type: "text",
    analyzer: "html_field_analyzer",
    fields: {
      keyword: { type: "keyword", ignore_above: 256 },
      phrase: { type: "keyword", ignore_above: 256, normalizer: "lowercase_normalizer" },
    },
  });
  assert.deepEqual(mapping.properties.subject, {
    type: "nested",
    include_in_parent: true,
    properties: { qcode: { type: "keyword", ignore_above: 8191 } },
  });
  const leaves = leafFields(mapping);
  assert.deepEqual(leaves.get("slugline.phrase"), {
    type: "keyword",
    source: "slugline",
    ignoreAbove: 256,
    lowercase: true,
  });
  assert.deepEqual(leaves.get("headline"), {
    type: "text",
    source: "headline",
    analyzer: "html_field_analyzer",
    fold: true,
  });
  assert.deepEqual(htmlFields(mapping), ["headline", "slugline"]);
});

Deno.test("html_unfolded strips HTML without folding; only top-level html fields fold", () => {
  const mapping = mappingFromSchema(schema, {
    searchFields: { headline: "html_unfolded", slugline: "text", "task.desk": "html" },
  });
  const leaves = leafFields(mapping);
  assert.deepEqual(leaves.get("headline"), {
    type: "text",
    source: "headline",
    analyzer: "contentapi_html_field_analyzer",
  });
  assert.deepEqual(leaves.get("slugline"), {
    type: "text",
    source: "slugline",
    analyzer: "standard",
  });
  assert.equal(leaves.get("task.desk")?.fold, undefined);
  assert.deepEqual(htmlFields(mapping), ["headline"]);
});

Deno.test("hints apply to nested dotted paths", () => {
  const mapping = mappingFromSchema(schema, { searchFields: { "task.desk": "text" } });
  assert.equal(leafFields(mapping).get("task.desk")?.type, "text");
  assert.deepEqual(textFields(mapping), ["task.desk"]);
});

Deno.test("leaf fields list dotted paths and .keyword sub-fields with their source", () => {
  const leaves = leafFields(mappingFromSchema(schema, { searchFields: { headline: "text" } }));
  assert.deepEqual(leaves.get("headline.keyword"), {
    type: "keyword",
    ignoreAbove: 256,
    source: "headline",
  });
  assert.deepEqual(leaves.get("subject.qcode"), {
    type: "keyword",
    ignoreAbove: 8191,
    source: "subject.qcode",
  });
});

Deno.test("withMetaFields adds _resource, _etag, _created and _updated", () => {
  const mapping = withMetaFields({ properties: { a: { type: "keyword" } } });
  assert.deepEqual(Object.keys(mapping.properties), [
    "_resource",
    "_etag",
    "_created",
    "_updated",
    "a",
  ]);
  assert.deepEqual(mapping.properties._updated, { type: "date" });
});
