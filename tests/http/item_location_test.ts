import assert from "node:assert/strict";
import { itemLocation } from "../../src/http/resources/resource_routes.ts";

Deno.test("a created item's Location is the URL new URL() gives, escaped and resolved alike", () => {
  const url = "http://127.0.0.1:8000/api/bench_items?x=1";
  for (
    const [path, id] of [
      ["/api/bench_items", "6b13ea8cf502e522c934f5c6"],
      ["/api/bench_items/", "urn:newsml:x:2026:1"],
      ["/api/bench_items", "a b/é?#"],
      ["/api/bench_items", ".."],
      ["/api/bench_items", "x/../y"],
      ["/api/bench_items", "tag.v1~x-y_z"],
    ]
  ) {
    const expected = new URL(`${path!.replace(/\/$/, "")}/${id}`, url).href;
    assert.equal(itemLocation(url, path!, id!), expected);
  }
});
