/** `__now__` in Superdesk's `json_match`: a time during the scenario, on any machine load. */
import assert from "node:assert/strict";
import { jsonMatch } from "./json_match.ts";

const iso = (ms: number) => new Date(ms).toISOString();

Deno.test("__now__ accepts a time written during the scenario, however long ago", () => {
  const since = Date.now() - 60_000;
  assert.equal(jsonMatch({ at: "__now__" }, { at: iso(since + 1_000) }, since), null);
  assert.equal(jsonMatch({ at: "__now__" }, { at: iso(Date.now()) }, since), null);
});

Deno.test("__now__ refuses a time before the scenario or in the future", () => {
  const since = Date.now();
  assert.match(jsonMatch({ at: "__now__" }, { at: iso(since - 5_000) }, since)!, /is not now/);
  assert.match(jsonMatch({ at: "__now__" }, { at: iso(since + 60_000) }, since)!, /is not now/);
});

Deno.test("__now__ is checked inside lists and nested objects", () => {
  const since = Date.now();
  const stale = { items: [{ meta: { at: iso(since - 5_000) } }] };
  assert.match(jsonMatch({ items: [{ meta: { at: "__now__" } }] }, stale, since)!, /not in/);
});
