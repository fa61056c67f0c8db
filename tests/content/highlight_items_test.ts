/** The period a highlight collects items from: hours back, or today or this week in the zone. */
import assert from "node:assert/strict";
import { periodStart } from "../../src/content/highlight_items.ts";

// Wednesday 2026-07-01 01:30 in Prague (CEST, UTC+2) is Tuesday 23:30 UTC.
const NOW = Date.UTC(2026, 5, 30, 23, 30);

Deno.test("now-<N>h goes N hours back, whatever the zone", () => {
  assert.equal(
    periodStart("now-3h", NOW, "Europe/Prague").toISOString(),
    "2026-06-30T20:30:00.000Z",
  );
  assert.equal(periodStart("now-24h", NOW, "UTC").toISOString(), "2026-06-29T23:30:00.000Z");
});

Deno.test("now/d starts at the zone's midnight, and is the default", () => {
  assert.equal(
    periodStart("now/d", NOW, "Europe/Prague").toISOString(),
    "2026-06-30T22:00:00.000Z",
  );
  assert.equal(
    periodStart(undefined, NOW, "Europe/Prague").toISOString(),
    "2026-06-30T22:00:00.000Z",
  );
  assert.equal(periodStart("now/d", NOW, "UTC").toISOString(), "2026-06-30T00:00:00.000Z");
});

Deno.test("now/w starts on the zone's Monday", () => {
  assert.equal(
    periodStart("now/w", NOW, "Europe/Prague").toISOString(),
    "2026-06-28T22:00:00.000Z",
  );
  assert.equal(periodStart("now/w", NOW, "UTC").toISOString(), "2026-06-29T00:00:00.000Z");
  const sunday = Date.UTC(2026, 6, 5, 12);
  assert.equal(periodStart("now/w", sunday, "UTC").toISOString(), "2026-06-29T00:00:00.000Z");
});
