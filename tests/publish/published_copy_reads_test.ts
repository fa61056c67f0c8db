/**
 * The lookups of one published copy per item read what they use: a packaged destination's
 * package gets the copies its item refs name in one read of the published collection, and the
 * newest copy of an item (a transmitter's `publishedCopy`, a correction's copy) is read alone,
 * not with every other copy of the item. Embedded default and real engines.
 */
import assert from "node:assert/strict";
import { withPackageItems } from "../../src/publish/packaged_destination.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Collection, Doc, DocumentStore } from "../../src/storage/document_store.ts";
import { type Newsroom, newsroomTest } from "../newsroom/_newsroom.ts";

/** Stores a published copy of item `id` at `version`. */
async function storeCopy(room: Newsroom, id: string, version: number, headline = id) {
  await room.app.platform.registry.service("published").create(
    [{ _id: id, guid: id, type: "text", state: "published", headline, _current_version: version }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
}

/**
 * Counts the finds on the published collection and the copies they return until `restore`
 * (the services take their collection from the store on every call).
 */
function countPublishedReads(room: Newsroom) {
  const documents: DocumentStore = room.app.platform.documents;
  const counter = { finds: 0, copies: 0, restore: () => {} };
  const collection = documents.collection;
  documents.collection = (name: string): Collection => {
    const real = collection.call(documents, name);
    if (name !== "published") return real;
    return new Proxy(real, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== "find" || typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          counter.finds++;
          const found: Doc[] = await value.apply(target, args);
          counter.copies += found.length;
          return found;
        };
      },
    });
  };
  counter.restore = () => documents.collection = collection;
  return counter;
}

newsroomTest("a packaged destination's package reads its items' copies in one find", async (
  room,
) => {
  for (const version of [1, 2, 3]) await storeCopy(room, "item-a", version, `a ${version}`);
  for (const version of [1, 2]) await storeCopy(room, "item-b", version, `b ${version}`);
  const pkg: Doc = {
    item_id: "pkg",
    groups: [
      { id: "root", refs: [{ idRef: "main" }] },
      {
        id: "main",
        refs: [{ residRef: "item-a", _current_version: 2 }, { residRef: "item-b" }],
      },
    ],
  };
  const counter = countPublishedReads(room);
  let embedded: Doc;
  try {
    embedded = await withPackageItems(room.app.platform.registry, pkg);
    assert.equal(counter.finds, 1);
  } finally {
    counter.restore();
  }
  const [a, b] = ((embedded.groups as Doc[])[1]!.refs as Doc[]).map((ref) => ref.package_item);
  assert.deepEqual([(a as Doc)._id, (a as Doc).headline], ["item-a", "a 2"]);
  assert.deepEqual([(b as Doc)._id, (b as Doc).headline], ["item-b", "b 2"]);
  // The package itself is left as it was.
  assert.equal(((pkg.groups as Doc[])[1]!.refs as Doc[])[0]!.package_item, undefined);
  const missing = { ...pkg, groups: [{ id: "main", refs: [{ residRef: "gone" }] }] };
  await assert.rejects(
    withPackageItems(room.app.platform.registry, missing),
    /Can not find package pkg published item gone/,
  );
});

newsroomTest("an item's newest copy is read alone, the last stored of its version", async (
  room,
) => {
  for (const version of [1, 2, 3]) await storeCopy(room, "item-a", version, `a ${version}`);
  await storeCopy(room, "item-a", 2, "a 2, resent");
  const published = room.app.platform.registry.service<PublishedService>("published");
  const counter = countPublishedReads(room);
  try {
    assert.equal((await published.newestCopy("item-a"))?.headline, "a 3");
    const resent = await published.newestCopy("item-a", { _current_version: 2 });
    assert.equal(resent?.headline, "a 2, resent");
    assert.equal(await published.newestCopy("item-a", { _current_version: 9 }), undefined);
    assert.deepEqual([counter.finds, counter.copies], [3, 2]);
  } finally {
    counter.restore();
  }
});
