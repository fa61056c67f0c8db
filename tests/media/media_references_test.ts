/**
 * Media files go once no item refers to them (`src/media/media_references.ts`, Superdesk's
 * `remove_media_files`), on both setups: content expiry deleting a spiked item removes its file
 * only when no other item refers to it, and an item referring to a file while its last referrer
 * goes either keeps the file or is refused (409), never stored without it.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { removeExpiredContent } from "../../src/newsroom/content_expiry.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import type { TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineTest, mediaForm, postForm } from "./_media.ts";

/** An audio item uploaded into archive (one file, no renditions to make). */
async function audioItem(app: TestApp, token: string) {
  const bytes = new Uint8Array(2000).map((_, i) => (i * 17) % 256);
  bytes.set(new TextEncoder().encode("OggS"));
  const form = mediaForm(bytes, { filename: "clip.ogg", type: "audio/ogg" });
  const response = await postForm(app, "/api/archive", form, token);
  assert.equal(response.status, 201);
  return await response.json();
}

engineTest("expired items' files go once no item refers to them", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const first = await audioItem(app, admin.token);
  const copy = await (await admin.post("/api/archive", {
    type: "audio",
    headline: "the same clip",
    renditions: first.renditions,
  })).json();
  const media = app.platform.services.media;
  const expire = async (item: { _id: string; _etag: string }) => {
    const spiked = await admin.patch(`/api/archive/spike/${item._id}`, {}, { etag: item._etag });
    assert.equal(spiked.status, 200);
    const later = new Date(Date.now() + 3_600_000);
    const registry = app.platform.registry;
    const { removed } = await removeExpiredContent(registry, { now: later, log: silentLogger });
    assert.equal(removed, 1);
  };
  await expire(first);
  assert.equal(await media.exists(first.media), true, "the copy still refers to the file");
  await expire(copy);
  assert.equal(await media.exists(first.media), false);
}, { env: { SPIKE_EXPIRY_MINUTES: "1" } });

engineTest("a file's last referrer going and a new referrer race safely", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const item = await audioItem(app, admin.token);
  const archive = app.platform.registry.service<ArchiveService>("archive");
  // A file under a deletion's claim cannot be referred to: 409, nothing stored.
  const claims = app.platform.documents.collection("media_references");
  const claim = { _id: `claim:${item.media}`, claim_of: item.media, claimed_at: Date.now() };
  await claims.insertMany([claim]);
  const refused = await admin.post("/api/archive", { type: "audio", renditions: item.renditions });
  assert.equal(refused.status, 409);
  assert.match((await refused.json())._message, /is being deleted: try again/);
  assert.equal(await claims.count({ media_id: item.media }), 1, "only the item's own reference");
  await claims.deleteOne({ _id: claim._id });
  const [, created] = await Promise.all([
    archive.deleteIfUnchanged(item),
    admin.post("/api/archive", { type: "audio", renditions: item.renditions }),
  ]);
  const exists = await app.platform.services.media.exists(item.media);
  if (created.status === 201) {
    assert.equal(exists, true, "an item was stored referring to a deleted file");
    await archive.deleteIfUnchanged(await created.json());
    assert.equal(await app.platform.services.media.exists(item.media), false);
  } else {
    assert.equal(created.status, 409);
    assert.equal(exists, false);
  }
});
