/**
 * Steps the publishing features share: the `sport` filter condition and a content filter over
 * it (products, subscribers, content_filter features), Superdesk's News1 FTP subscriber, and
 * `we get <n> queued items`.
 */
import assert from "node:assert/strict";
import { type Json, jsonMatch } from "./json_match.ts";
import type { Scenario } from "./scenario.ts";

/** Superdesk's FTP destination of the subscriber scenarios. */
export const FTP_DESTINATION =
  `{"name":"destination1","format": "nitf", "delivery_type":"FTP","config":{"ip":"144.122.244.55","password":"xyz"}}`;

/** `Given empty "filter_conditions"`, the sport condition posted, `Given empty "content_filters"`. */
export async function sportCondition(s: Scenario): Promise<void> {
  await s.givenEmpty("filter_conditions");
  await s.post(
    "/filter_conditions",
    `[{"name": "sport", "field": "anpa_category", "operator": "in", "value": "4"}]`,
  );
  s.ok();
  await s.givenEmpty("content_filters");
}

/** `When we post to "/content_filters" with success` a filter named `name` over the condition. */
export async function contentFilter(s: Scenario, name: string): Promise<void> {
  await s.post(
    "/content_filters",
    `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}], "name": "${name}"}]`,
  );
  s.ok();
}

/** The News1 digital subscriber of the features, with `extra` fields. */
export function news1(extra: string): string {
  return `{
    "name":"News1","media_type":"media", "subscriber_type": "digital",
    "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com", ${extra}
  }`;
}

/** `Given empty "subscribers"`, product prod-1 (both) and News1 with it and the FTP destination. */
export async function news1WithProduct(s: Scenario): Promise<void> {
  await s.givenEmpty("subscribers");
  await s.post("/products", `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`);
  s.ok();
  await s.post(
    "/subscribers",
    news1(`"products": ["#products._id#"], "destinations":[${FTP_DESTINATION}]`),
  );
}

/**
 * `Then we get <count> queued items` (superdesk/tests/publish_steps.py): the list's total, and
 * the text matched with each entry's `formatted_item` read as JSON.
 */
export function queuedItems(s: Scenario, count: number, text: string): void {
  s.list(count);
  const items = (s.response.body._items as Json[]).map((entry) => ({
    ...entry,
    formatted_item: typeof entry.formatted_item === "string"
      ? JSON.parse(entry.formatted_item)
      : entry.formatted_item,
  }));
  const reason = jsonMatch(s.json(text), { ...s.response.body, _items: items });
  assert.equal(reason, null, `${reason}\nin ${JSON.stringify(items)}`);
}
