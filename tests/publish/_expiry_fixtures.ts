/**
 * Fixtures of the published-content expiry tests: a story with two sent versions, an item's
 * expiry moved into the past, and one expiry batch over items a run has read.
 */
import assert from "node:assert/strict";
import { expireBatch } from "../../src/newsroom/expire_items.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { loadArchivedFilters } from "../../src/publish/published_expiry.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { awaitEvent, body, type Json } from "../newsroom/_newsroom.ts";
import type { Room } from "./_publishing.ts";

const HOUR = 3_600_000;

/** A story published and corrected, both versions sent: two published copies, two entries. */
export async function publishedTwice(room: Room): Promise<Json> {
  const product = await room.product();
  await room.subscriber({ name: "S", products: [product._id], destinations: [room.pushTo("/s")] });
  const story = await room.story();
  const published = await body(await room.act("publish", story));
  await awaitEvent(room, "publish_queue:update", (extra) => extra.state === "success");
  const corrected = await body(await room.act("correct", published, { headline: "Corrected" }));
  await room.events.until(
    (events) =>
      events.filter((e) => e.event === "publish_queue:update" && e.extra.state === "success")
        .length >= 2,
    "both versions sent",
  );
  return corrected;
}

/** The item's expiry as content expiry sees it: `hours` ago (a system write, no version). */
export async function expired(room: Room, id: string, hours = 1) {
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  const [item] = await archive.storedItems([id]);
  const written = await archive.writeUnversioned(item!, {
    expiry: new Date(Date.now() - hours * HOUR),
  });
  assert.ok(written);
  return written;
}

/** One expiry batch over `seen` (items as a run read them), with no media or package links. */
export async function expireSeen(room: Room, ...seen: Doc[]): Promise<unknown[]> {
  const registry = room.app.platform.registry;
  return await expireBatch({
    registry,
    now: new Date(),
    preservingDesks: new Set(),
    legalArchive: false,
    archivedFilters: await loadArchivedFilters(registry),
    associatedWith: () => Promise.resolve([]),
    packagesOf: () => Promise.resolve([]),
  }, seen);
}
