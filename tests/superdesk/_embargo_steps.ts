/**
 * Steps only the embargo scenarios use (superdesk/tests/steps.py): the embargo and expiry
 * checks of an answer, and `embargo lapses for "<id>"`.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import type { Json } from "./json_match.ts";
import { applyPlaceholders } from "./placeholders.ts";
import type { Scenario } from "./scenario.ts";

/** The answer's items: those of a non-empty list, else the answer itself. */
function answerItems(s: Scenario): Json[] {
  assert.equal(s.response.status, 200, JSON.stringify(s.response.body));
  const body = s.response.body;
  return body._meta && body._items?.length ? body._items : [body];
}

/** `we check if article has Embargo`: the answer (each listed item) has an embargo. */
export function hasEmbargo(s: Scenario): void {
  for (const item of answerItems(s)) {
    assert.ok(item.embargo, `Embargo not found in ${JSON.stringify(item)}`);
  }
}

/**
 * `we get expiry for schedule and embargo content <minutes> minutes after "<date>"`: the answer's
 * expiry is at most `minutes` after `date`.
 */
export function expiryAfter(s: Scenario, minutes: number, date: string): void {
  const expiry = s.response.body.expiry;
  assert.ok(expiry, `no expiry in ${JSON.stringify(s.response.body)}`);
  const from = Date.parse(applyPlaceholders(s, date));
  assert.ok(!Number.isNaN(from), `not a date: ${date}`);
  assert.ok(Date.parse(expiry) <= from + minutes * 60_000, `expiry ${expiry} after ${date}`);
}

/**
 * `we validate the published item expiry to be after publish expiry set in desk settings <n>`:
 * an embargoed item expires exactly `minutes` after its embargo, any other within `minutes`
 * from now.
 */
export function publishedExpiry(s: Scenario, minutes: number): void {
  const limit = Date.now() + minutes * 60_000;
  for (const item of answerItems(s)) {
    const actual = Date.parse(item.expiry);
    if (item.embargo) {
      const expected = Date.parse(item.embargo) + minutes * 60_000;
      assert.equal(actual, expected, `expiry of ${item.item_id ?? item._id}: ${item.expiry}`);
    } else {
      assert.ok(actual <= limit, `expiry of ${item.item_id ?? item._id}: ${item.expiry}`);
    }
  }
}

/** `embargo lapses for "<id>"`: a system update puts the embargo 10 minutes in the past. */
export async function embargoLapses(s: Scenario, id: string): Promise<void> {
  const archive = s.app.platform.registry.service<ArchiveService>("archive");
  const past = new Date(Date.now() - 10 * 60_000).toISOString();
  await archive.updateChecked(
    applyPlaceholders(s, id),
    SYSTEM_ACTOR,
    () => Promise.resolve({ embargo: past, schedule_settings: { utc_embargo: past } }),
  );
}
