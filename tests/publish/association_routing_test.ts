/**
 * A story's associations routed to its subscribers (Superdesk's
 * `_filter_subscribers_for_associations`), as pure functions: each association goes to the
 * story's subscribers whose products take it, to those that had it before, or (a resend) to all.
 */
import assert from "node:assert/strict";
import { associatedItemsFor, routeAssociations } from "../../src/publish/association_routing.ts";
import type { Route, RoutingContext } from "../../src/publish/subscriber_routing.ts";
import type { Doc } from "../../src/storage/document_store.ts";

/** Products taking pictures or texts only, by a `type` condition. */
const context: RoutingContext = {
  products: new Map([
    ["pictures", {
      _id: "pictures",
      content_filter: { filter_id: "f-picture", filter_type: "permitting" },
    }],
    ["texts", { _id: "texts", content_filter: { filter_id: "f-text", filter_type: "permitting" } }],
  ]),
  filters: {
    contentFilters: new Map([
      ["f-picture", { _id: "f-picture", content_filter: [{ expression: { fc: ["c-picture"] } }] }],
      ["f-text", { _id: "f-text", content_filter: [{ expression: { fc: ["c-text"] } }] }],
    ]),
    conditions: new Map([
      ["c-picture", { _id: "c-picture", field: "type", operator: "eq", value: "picture" }],
      ["c-text", { _id: "c-text", field: "type", operator: "eq", value: "text" }],
    ]),
  },
};

const both: Doc = { _id: "both", subscriber_type: "digital", api_products: ["texts", "pictures"] };
const textOnly: Doc = { _id: "text-only", subscriber_type: "digital", products: ["texts"] };

function story(): Doc {
  return {
    _id: "story",
    type: "text",
    associations: {
      featuremedia: { _id: "pic", type: "picture" },
      gone: null,
    },
  };
}

/** The association `key` of `copy`. */
function association(copy: Doc, key: string): Doc {
  return (copy.associations as Record<string, Doc>)[key]!;
}

const routes: Route[] = [{ subscriber: both, codes: [] }, { subscriber: textOnly, codes: [] }];

Deno.test("an association goes to the story's subscribers whose products take it", () => {
  const copy = story();
  routeAssociations(copy, routes, context);
  assert.deepEqual(association(copy, "featuremedia").subscribers, ["both"]);
  assert.equal((copy.associations as Doc).gone, null);
  assert.deepEqual(associatedItemsFor(copy, "both"), ["pic"]);
  assert.deepEqual(associatedItemsFor(copy, "text-only"), []);
});

Deno.test("an association a subscriber had before still goes to it", () => {
  const copy = story();
  const had: Route[] = [routes[0]!, { ...routes[1]!, associated: new Set(["pic"]) }];
  routeAssociations(copy, had, context);
  assert.deepEqual(association(copy, "featuremedia").subscribers, ["both", "text-only"]);
});

Deno.test("a resend sends every association to every subscriber", () => {
  const copy = story();
  routeAssociations(copy, routes);
  assert.deepEqual(association(copy, "featuremedia").subscribers, ["both", "text-only"]);
});

Deno.test("routing leaves the associations it was given unchanged", () => {
  const copy = story();
  const before = association(copy, "featuremedia");
  routeAssociations(copy, routes, context);
  assert.equal(before.subscribers, undefined);
});
