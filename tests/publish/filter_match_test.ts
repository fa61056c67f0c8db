/**
 * Filter conditions, content filters and subscriber routing as pure functions: Superdesk's
 * field readers and operators, statement logic (OR of ANDs, nested filters), global filters,
 * products' blocking and permitting filters, targets and codes.
 */
import assert from "node:assert/strict";
import { matchesContentFilter } from "../../src/publish/content_filter_match.ts";
import { matchesCondition } from "../../src/publish/filter_condition_match.ts";
import { routeItem } from "../../src/publish/subscriber_routing.ts";
import type { Doc } from "../../src/storage/document_store.ts";

const story: Doc = {
  _id: "s1",
  type: "text",
  headline: "<b>Budget</b> passes",
  urgency: 2,
  subject: [{ qcode: "04000000" }, { qcode: "15000000" }],
  anpa_category: [{ qcode: "f" }],
  task: { desk: "d1", stage: "s1" },
  flags: { marked_for_sms: true },
  keywords: ["Tax", "budget"],
};

const is = (field: string, operator: string, value: string) =>
  matchesCondition({ field, operator, value }, story);

Deno.test("filter conditions: lists, text, numbers, task fields, flags and missing fields", () => {
  assert.equal(is("subject", "in", "15000000,99"), true);
  assert.equal(is("subject", "in", "99"), false);
  assert.equal(is("subject", "nin", "99,98"), true);
  assert.equal(is("subject", "nin", "04000000"), false);
  assert.equal(is("anpa_category", "in", "F"), true);
  assert.equal(is("headline", "like", "budget"), true);
  assert.equal(is("headline", "notlike", "budget"), false);
  assert.equal(is("headline", "startswith", "BUDGET"), true);
  assert.equal(is("headline", "endswith", "passes"), true);
  assert.equal(is("headline", "eq", "budget passes"), true);
  assert.equal(is("urgency", "lt", "3"), true);
  assert.equal(is("urgency", "gte", "3"), false);
  assert.equal(is("urgency", "in", "1,2"), true);
  assert.equal(is("desk", "in", "d1"), true);
  assert.equal(is("stage", "eq", "s2"), false);
  assert.equal(is("sms", "eq", "true"), true);
  assert.equal(is("keywords", "in", "tax"), true);
  assert.equal(is("slugline", "nin", "x"), true, "missing field: nin matches");
  assert.equal(is("slugline", "in", "x"), false, "missing field: in does not");
  assert.equal(is("slugline", "exists", "false"), true, "missing field: does not exist");
  assert.equal(is("slugline", "exists", "true"), false);
  assert.equal(is("headline", "exists", "true"), true);
  assert.equal(is("headline", "like", "(a+)+$"), false, "values are text, not patterns");
});

const conditions = new Map<string, Doc>([
  ["c-sports", { field: "subject", operator: "in", value: "15000000" }],
  ["c-urgent", { field: "urgency", operator: "lte", value: "2" }],
  ["c-politics", { field: "subject", operator: "in", value: "11000000" }],
]);
const contentFilters = new Map<string, Doc>([
  ["urgent-sports", {
    _id: "urgent-sports",
    content_filter: [{ expression: { fc: ["c-sports", "c-urgent"] } }],
  }],
  ["politics-or-nested", {
    _id: "politics-or-nested",
    content_filter: [{ expression: { fc: ["c-politics"] } }, {
      expression: { pf: ["urgent-sports"] },
    }],
  }],
  ["missing-condition", {
    _id: "missing-condition",
    content_filter: [{ expression: { fc: ["x"] } }],
  }],
]);
const filters = { conditions, contentFilters };

Deno.test("content filters: statements are ORed, their conditions and filters ANDed", () => {
  assert.equal(matchesContentFilter(contentFilters.get("urgent-sports"), story, filters), true);
  assert.equal(
    matchesContentFilter(contentFilters.get("urgent-sports"), { ...story, urgency: 5 }, filters),
    false,
  );
  assert.equal(
    matchesContentFilter(contentFilters.get("politics-or-nested"), story, filters),
    true,
  );
  assert.equal(
    matchesContentFilter(contentFilters.get("missing-condition"), story, filters),
    false,
  );
  assert.equal(matchesContentFilter(undefined, story, filters), true);
});

Deno.test("routing: products' filters, global filters, types, targets and codes", () => {
  const products = new Map<string, Doc>([
    ["p-all", { _id: "p-all", codes: "a, b" }],
    ["p-sports", {
      _id: "p-sports",
      codes: "sp",
      content_filter: { filter_id: "urgent-sports", filter_type: "permitting" },
    }],
    ["p-no-sports", {
      _id: "p-no-sports",
      content_filter: { filter_id: "urgent-sports", filter_type: "blocking" },
    }],
    ["p-nz", { _id: "p-nz", geo_restrictions: "NZ" }],
  ]);
  const subscribers: Doc[] = [
    { _id: "all", subscriber_type: "all", products: ["p-all"], codes: "x" },
    { _id: "sports", subscriber_type: "digital", products: ["p-sports"] },
    { _id: "nosports", subscriber_type: "wire", products: ["p-no-sports"] },
    { _id: "none", subscriber_type: "wire", products: [] },
    { _id: "nz", subscriber_type: "digital", products: ["p-nz"] },
  ];
  const context = { products, filters };
  const ids = (item: Doc) => routeItem(item, subscribers, context).map((r) => r.subscriber._id);
  assert.deepEqual(ids(story), ["all", "sports"]);
  assert.deepEqual(routeItem(story, subscribers, context)[0]!.codes.sort(), ["a", "b", "x"]);
  assert.deepEqual(ids({ ...story, urgency: 5 }), ["all", "nosports"]);
  assert.deepEqual(ids({ ...story, type: "picture" }), ["all", "sports"], "no wire for pictures");
  assert.deepEqual(ids({ ...story, target_subscribers: [{ _id: "none" }] }), ["none"]);
  assert.deepEqual(
    ids({ ...story, target_types: [{ qcode: "wire", allow: false }] }),
    ["all", "sports"],
  );
  assert.deepEqual(ids({ ...story, target_regions: [{ qcode: "NZ", allow: true }] }), ["nz"]);
  const global = new Map(contentFilters);
  global.set("global", {
    _id: "global",
    is_global: true,
    content_filter: [{ expression: { fc: ["c-urgent"] } }],
  });
  const blocked = { products, filters: { conditions, contentFilters: global } };
  const optedOut = [{ ...subscribers[0]!, global_filters: { global: false } }, subscribers[1]!];
  assert.deepEqual(routeItem(story, optedOut, blocked).map((r) => r.subscriber._id), ["all"]);
});
