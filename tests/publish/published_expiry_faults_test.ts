/**
 * Content expiry interrupted at each step of retiring a published item (its record written, the
 * item deleted, its copies archived, discarded, its queue entries removed, the record cleared):
 * the failing run stops, and the next finishes the job with nothing lost or copied twice.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { removeExpiredContent } from "../../src/newsroom/content_expiry.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { pendingIntents } from "../../src/newsroom/expiry_intents.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import type { Json } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";
import { expired, publishedTwice } from "./_expiry_fixtures.ts";

/** A story published and corrected, both versions sent, and expired an hour ago. */
async function expiredTwice(room: Room): Promise<Json> {
  const corrected = await publishedTwice(room);
  await expired(room, corrected._id);
  return corrected;
}

// deno-lint-ignore no-explicit-any
type Target = Record<string, any>;

/** Makes `target[method]` fail once, `before` or `after` doing its work. */
function failOnce(target: Target, method: string, when: "before" | "after") {
  const original = target[method];
  const own = Object.hasOwn(target, method);
  target[method] = async (...args: unknown[]) => {
    if (own) target[method] = original;
    else delete target[method];
    if (when === "after") await original.apply(target, args);
    throw new Error(`injected failure in ${method}`);
  };
}

/** Makes the next `method` call on the intents collection fail (before doing anything). */
function failIntents(room: Room, method: "insertMany" | "deleteOne") {
  const documents = room.app.platform.documents as unknown as Target;
  const collection = documents.collection;
  const own = Object.hasOwn(documents, "collection");
  const restore = () => {
    if (own) documents.collection = collection;
    else delete documents.collection;
  };
  documents.collection = (name: string) => {
    const found = collection.call(documents, name);
    if (name !== "archive_expiry_intents") return found;
    return new Proxy(found, {
      get: (target, key) =>
        key === method
          ? () => (restore(), Promise.reject(new Error(`injected failure in ${method}`)))
          : Reflect.get(target, key).bind(target),
    });
  };
}

const FAULTS: Array<[string, (room: Room) => void]> = [
  ["writing the record", (room) => failIntents(room, "insertMany")],
  ["after deleting the item", (room) => {
    const archive = room.app.platform.registry.service("archive");
    failOnce(archive as unknown as Target, "deleteIfUnchanged", "after");
  }],
  ["after archiving the copies", (room) => {
    const archived = room.app.platform.registry.service("archived");
    failOnce(archived as unknown as Target, "archiveCopies", "after");
  }],
  ["after discarding one copy", (room) => {
    const published = room.app.platform.registry.service("published");
    failOnce(published as unknown as Target, "discard", "after");
  }],
  ["removing the queue entries", (room) => {
    const queue = room.app.platform.registry.service("publish_queue");
    failOnce(queue as unknown as Target, "removeWhere", "before");
  }],
  ["clearing the record", (room) => failIntents(room, "deleteOne")],
];

function countOf(room: Room, collection: string, id: string) {
  return room.app.platform.documents.collection(collection).count({ item_id: id });
}

for (const [step, inject] of FAULTS) {
  publishingTest(`expiry failing ${step} is finished by the next run`, async (room) => {
    const item = await expiredTwice(room);
    const registry = room.app.platform.registry;
    inject(room);
    await assert.rejects(removeExpiredContent(registry, { log: silentLogger }), /injected/);
    await removeExpiredContent(registry, { log: silentLogger });
    assert.equal((await room.editor.get(`/api/archive/${item._id}`)).status, 404);
    assert.equal(await countOf(room, "archived", item._id), 2);
    assert.equal(await countOf(room, "published", item._id), 0);
    assert.equal(await countOf(room, "publish_queue", item._id), 0);
    const archive = registry.service<ArchiveService>("archive");
    assert.deepEqual(await pendingIntents(archive.documents), []);
    const archived = await room.app.platform.documents.collection("archived").find({
      item_id: item._id,
    });
    assert.deepEqual(archived.map((copy: Doc) => copy.state).sort(), ["corrected", "published"]);
  });
}
