/**
 * Steps of the features that update stories (content_rewrite, embargo, resend): `we rewrite`
 * and the `not populated` checks.
 */
import assert from "node:assert/strict";
import { applyPlaceholders } from "./placeholders.ts";
import type { Scenario } from "./scenario.ts";

/**
 * `we rewrite "<id>"`: POST `/archive/<id>/rewrite`; a 400 is left for the next step, anything
 * else must be 201, and `#REWRITE_OF#` / `#REWRITE_ID#` are the story and its update.
 */
export async function rewrite(s: Scenario, id: string, text = "{}"): Promise<void> {
  const itemId = applyPlaceholders(s, id);
  const response = await s.post(`/archive/${itemId}/rewrite`, text);
  if (response.status === 400) return;
  s.code(201);
  s.placeholders.REWRITE_OF = itemId;
  s.placeholders.REWRITE_ID = response.body._id;
}

/** `we get "<field>" not populated`: absent or null. */
export function notPopulated(s: Scenario, field: string): void {
  const value = s.response.body[field];
  assert.ok(value === undefined || value === null, `${field} is ${JSON.stringify(value)}`);
}

/** `we get "<field>" not populated in results`: every item has it, null (Python's `is None`). */
export function notPopulatedInResults(s: Scenario, field: string): void {
  for (const item of s.response.body._items) {
    assert.ok(field in item && item[field] === null, `${field} in ${JSON.stringify(item)}`);
  }
}
