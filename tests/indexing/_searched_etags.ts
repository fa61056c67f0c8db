/**
 * What `/api/search` returns for every memo, as `_id` → `_etag`: the fault and rebuild tests
 * compare it with what the API wrote, so a missing, extra or stale copy shows up.
 */
import assert from "node:assert/strict";
import type { Client } from "../_client.ts";

/** Every searchable memo (up to `size`) as `_id` → `_etag`. */
export async function searchedEtags(client: Client, size: number): Promise<Map<string, string>> {
  const query = new URLSearchParams({
    repo: "memos",
    source: JSON.stringify({ size, query: { match_all: {} } }),
  });
  const found = await client.get(`/api/search?${query}`);
  assert.equal(found.status, 200);
  const items = (await found.json())._items as Array<{ _id: string; _etag: string }>;
  return new Map(items.map((item) => [item._id, item._etag]));
}
