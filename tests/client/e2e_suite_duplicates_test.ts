/**
 * Two failures of superdesk-client-core's legacy Protractor suite (monitoring_spec "can view items
 * in related item tab" and "can view published duplicated item in duplicate tab of non-published
 * original item"), replayed as the client sends its requests, on the embedded default and on the
 * real engines (client paths at superdesk-client-core 997d498a4): "Duplicate in place" POSTs
 * `archive/<id>/duplicate {desk, type, item_id}` (scripts/apps/archive/controllers/
 * DuplicateController.ts:13-17); the preview shows its Duplicates tab when the family search
 * finds another item (scripts/apps/search/directives/ItemPreview.ts:151-175): `GET search
 * ?repo=archive,published` with the item's `family_id`, not spiked, not the item's `unique_id`
 * (scripts/apps/archive/services/FamilyService.ts:26-37, 74-93). The duplicate must be found from
 * the original and the original from the duplicate.
 */
import assert from "node:assert/strict";
import { items, ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

/**
 * The Duplicates tab's search for `item`'s family, as FamilyService.fetchItems sends it (the
 * `unique_id` clause only for an item that has one).
 */
// deno-lint-ignore no-explicit-any
function familySearch(item: any): string {
  const and: unknown[] = [
    { not: { term: { state: "spiked" } } },
    { term: { family_id: item.family_id } },
  ];
  if (item.unique_id) and.push({ not: { term: { unique_id: item.unique_id } } });
  const source = {
    query: { filtered: { filter: { and } } },
    size: 200,
    from: 0,
    sort: { versioncreated: "desc" },
  };
  return `repo=archive,published&source=${encodeURIComponent(JSON.stringify(source))}`;
}

suiteTest("a duplicate in place is in its original's Duplicates tab", async (t, room) => {
  const { desk, session: { auth, url, post } } = room;
  const original = await post("archive", {
    type: "text",
    headline: "item5",
    slugline: "item5",
    task: { desk: desk._id, stage: desk.working_stage },
  });
  const duplicated = ok(
    await send(`${url("archive")}/${original._id}/duplicate`, {
      method: "POST",
      auth,
      body: { desk: desk._id, type: "archive", item_id: original.item_id },
    }),
    201,
    "duplicate",
  );
  const copyId = duplicated._id;
  assert.notEqual(copyId, original._id);
  const read = async (id: string) =>
    ok(await send(`${url("archive")}/${id}`, { auth }), 200, `archive/${id}`);
  const copy = await read(copyId);
  // deno-lint-ignore no-explicit-any
  const family = async (item: any) =>
    items(await send(`${url("search")}?${familySearch(item)}`, { auth }), "family search")
      .map((found) => found._id);

  await t.step("the duplicate's tab lists the original", async () => {
    assert.equal(copy.family_id, original.family_id);
    assert.deepEqual(await family(copy), [original._id]);
  });

  await t.step("the original's tab lists the duplicate", async () => {
    // Our original has no `unique_id` (README "Export"), so the client keeps it in its search.
    assert.ok((await family(await read(original._id))).includes(copyId));
  });
});
