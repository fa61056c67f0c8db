/**
 * The search benchmark's resource, `bench_stories`: a search-backed, newsroom-like document
 * (full-text headline and body, keyword fields, an integer, a date) so `/api/search` and
 * `index:rebuild` are measured on realistic mappings.
 */
import { Type } from "@sinclair/typebox";
import { DateTimeField, defineApp, defineResource } from "../../src/app_api.ts";

/** The resource definition. */
export const benchStories = defineResource({
  name: "bench_stories",
  schema: Type.Object({
    headline: Type.String(),
    body_html: Type.String(),
    slugline: Type.String(),
    urgency: Type.Integer(),
    source: Type.String(),
    subject: Type.Array(Type.String()),
    versioncreated: DateTimeField(),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET"],
  searchBacked: true,
  searchFields: { headline: "text", body_html: "text" },
});

/** The benchmarks' search: a full-text query, a range filter, a date sort, one page of 25. */
export const BENCH_QUERY = {
  query: {
    bool: {
      must: [{ query_string: { query: "election budget", default_operator: "AND" } }],
      filter: [{ range: { urgency: { gte: 2 } } }],
    },
  },
  sort: [{ versioncreated: "desc" }],
  size: 25,
  from: 0,
};

/**
 * The path of a story that does not exist, with a well-formed id: its GET is the server's
 * cheapest authenticated answer that reaches the store (pipeline, auth, one store read, 404).
 * An id the item URL refuses (`missing`) would be the router's 404, reading nothing.
 */
export const MISSING_STORY_PATH = `/api/${benchStories.name}/${"0".repeat(24)}`;

/** Registers `bench_stories`. */
export const searchBenchModule = defineApp({
  name: "search_bench",
  register(app) {
    app.resource(benchStories);
  },
});

const WORDS = [
  "election",
  "budget",
  "council",
  "storm",
  "market",
  "football",
  "health",
  "school",
  "transport",
  "energy",
  "court",
  "festival",
];

/** Deterministic story `i`. */
export function story(i: number): Record<string, unknown> {
  const word = (k: number) => WORDS[(i * 7 + (k % 6) * 5) % WORDS.length]!;
  return {
    headline: `${word(0)} ${word(1)} update ${i}`,
    body_html: `<p>${Array.from({ length: 60 }, (_, k) => word(k)).join(" ")}</p>`,
    slugline: `${word(2)}-${i % 100}`,
    urgency: (i % 5) + 1,
    source: ["AAP", "AP", "Reuters"][i % 3]!,
    subject: [word(3), word(4)],
    versioncreated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  };
}

/** The app `main.ts` loads when `INSTALLED_APPS` names this module (the bench's server process). */
export default searchBenchModule;
