/**
 * The content API steps of Superdesk's behave suite (superdesk/tests/steps.py), which read the
 * content API's store directly as Superdesk's do (`get_resource_service("items")
 * .get_from_mongo`): `we assert the content api item "<id>" is (not) published to subscriber
 * "<id>"` and `... is not published to any subscribers`.
 */
import assert from "node:assert/strict";
import { applyPlaceholders } from "./placeholders.ts";
import type { Scenario } from "./scenario.ts";

/** The stored content API item's subscribers (fails when the item is not stored). */
async function subscribersOf(s: Scenario, id: string): Promise<string[]> {
  const itemId = applyPlaceholders(s, id);
  const item = await s.app.platform.registry.service("items").findOne({ _id: itemId });
  assert.ok(item, `content API item ${itemId} not found`);
  return (item.subscribers as string[] | undefined) ?? [];
}

/** `we assert the content api item "<id>" is published to subscriber "<subscriber>"`. */
export async function capiPublishedTo(s: Scenario, id: string, subscriber: string) {
  const subscribers = await subscribersOf(s, id);
  assert.ok(subscribers.length > 0, "No subscribers found.");
  assert.ok(
    subscribers.includes(applyPlaceholders(s, subscriber)),
    `not published to ${subscriber}`,
  );
}

/** `we assert the content api item "<id>" is not published to subscriber "<subscriber>"`. */
export async function capiNotPublishedTo(s: Scenario, id: string, subscriber: string) {
  const subscribers = await subscribersOf(s, id);
  assert.ok(!subscribers.includes(applyPlaceholders(s, subscriber)), `published to ${subscriber}`);
}

/** `we assert the content api item "<id>" is not published to any subscribers`. */
export async function capiNotPublished(s: Scenario, id: string) {
  assert.deepEqual(await subscribersOf(s, id), []);
}
