/**
 * Shared fixtures of the search-index tests: a small content-item schema, its mapping, and
 * five items covering text, keyword, numbers, booleans, dates, nested objects and arrays.
 */
import { Type } from "@sinclair/typebox";
import { type IndexMapping, mappingFromSchema } from "../../src/search/mapping.ts";
import type { SearchDoc } from "../../src/search/search_index.ts";

/** The schema of the test resource, as a resource definition would hold it. */
export const itemSchema = Type.Object({
  headline: Type.String(),
  body_html: Type.Optional(Type.String()),
  slugline: Type.String(),
  urgency: Type.Integer(),
  priority: Type.Optional(Type.Number()),
  state: Type.String(),
  flags: Type.Object({ marked_for_not_publication: Type.Boolean() }),
  subject: Type.Array(Type.Object({ qcode: Type.String(), name: Type.String() })),
  versioncreated: Type.String({ format: "date-time" }),
  task: Type.Optional(Type.Object({ desk: Type.String() })),
  extra: Type.Optional(Type.Unknown()),
});

/** The mapping every contract case uses: headline and body are full text. */
export const itemMapping: IndexMapping = mappingFromSchema(itemSchema, {
  searchFields: { headline: "text", body_html: "text" },
});

/** The same mapping with only the headline analysed: `body_html` is a keyword. */
export const headlineOnlyMapping: IndexMapping = mappingFromSchema(itemSchema, {
  searchFields: { headline: "text" },
});

const arts = { qcode: "01000000", name: "arts" };
const economy = { qcode: "04000000", name: "economy" };

/** Five items; `_etag` is `e-<id>-1`. */
export function items(): SearchDoc[] {
  const base = (id: string, doc: Record<string, unknown>): SearchDoc => ({
    _id: id,
    _etag: `e-${id}-1`,
    flags: { marked_for_not_publication: false },
    subject: [],
    ...doc,
  });
  return [
    base("a1", {
      headline: "Quick brown fox jumps",
      body_html: "<p>The fox is quick and brown</p>",
      slugline: "fox",
      urgency: 1,
      state: "draft",
      subject: [arts, economy],
      versioncreated: "2024-01-01T10:00:00.000Z",
      task: { desk: "d1" },
    }),
    base("a2", {
      headline: "Lazy dog sleeps",
      body_html: "<p>A lazy dog</p>",
      slugline: "dog",
      urgency: 2,
      state: "published",
      flags: { marked_for_not_publication: true },
      subject: [economy],
      versioncreated: "2024-01-02T11:00:00.000Z",
      task: { desk: "d1" },
    }),
    base("a3", {
      headline: "Brown bear in the woods",
      slugline: "bear",
      urgency: 3,
      priority: 5.5,
      state: "in_progress",
      versioncreated: "2024-01-09T08:30:00.000Z",
      task: { desk: "d2" },
      extra: { unmapped: "kept in _source" },
    }),
    base("a4", {
      headline: "Economy grows",
      body_html: "markets rise quickly",
      slugline: "economy-growth",
      urgency: 2,
      state: "draft",
      subject: [economy],
      versioncreated: "2024-02-01T00:00:00.000Z",
    }),
    base("a5", {
      headline: "Fox News",
      slugline: "fox-news",
      urgency: 5,
      state: "spiked",
      versioncreated: "2024-02-15T23:59:00.000Z",
      task: { desk: "d2" },
    }),
  ];
}
