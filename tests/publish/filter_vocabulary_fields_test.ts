/**
 * Filter conditions on vocabulary fields (Superdesk's `FilterConditionControlledVocabularyField`
 * and `FilterConditionCustomTextField`) and on `languages`, as pure functions.
 */
import assert from "node:assert/strict";
import { type FieldTypes, matchesCondition } from "../../src/publish/filter_condition_match.ts";
import type { Doc } from "../../src/storage/document_store.ts";

const TYPES: FieldTypes = new Map([["regions", ""], ["teaser", "text"]]);

const item: Doc = {
  language: "de",
  subject: [{ qcode: "a", scheme: "regions" }, { qcode: "15000000" }],
  extra: { teaser: "Breaking news" },
};

const is = (field: string, operator: string, value: string, doc = item) =>
  matchesCondition({ field, operator, value }, doc, TYPES);

Deno.test("a vocabulary of codes is tested in subject, once the item has its scheme", () => {
  assert.equal(is("regions", "in", "a"), true);
  assert.equal(is("regions", "in", "b"), false);
  // Every subject code counts once the scheme is there, as in Superdesk.
  assert.equal(is("regions", "in", "15000000"), true);
  assert.equal(is("regions", "nin", "a", { subject: [{ qcode: "a" }] }), true);
  assert.equal(is("regions", "in", "a", { subject: [{ qcode: "a" }] }), false);
});

Deno.test("a text vocabulary is tested in extra", () => {
  assert.equal(is("teaser", "like", "breaking"), true);
  assert.equal(is("teaser", "eq", "breaking news"), true);
  assert.equal(is("teaser", "startswith", "news"), false);
  assert.equal(is("teaser", "notlike", "x", { extra: {} }), true);
  assert.equal(is("teaser", "like", "x", { extra: {} }), false);
});

Deno.test("languages tests the item's language; an unknown field reads the item", () => {
  assert.equal(is("languages", "in", "en,de"), true);
  assert.equal(is("languages", "in", "en"), false);
  assert.equal(is("constructor", "eq", "x", { constructor: "x" }), true);
  assert.equal(is("constructor", "eq", "x", {}), false);
});
