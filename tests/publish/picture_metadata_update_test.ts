import assert from "node:assert/strict";
import { createFileMediaStorage } from "../../src/media/file_media_storage.ts";
import { readPhotoMetadata } from "../media/_photo_metadata_reader.ts";
import { pictureMetadataUpdate } from "../../src/publish/picture_metadata_update.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { picture } from "../media/_media.ts";

const MAPPING = { slugline: "Title", "extra.transref": "JobId" };

Deno.test("a picture's publish writes its mapped fields into a new file, undone on failure", async () => {
  const dir = await Deno.makeTempDir();
  const storage = createFileMediaStorage(dir);
  try {
    const update = pictureMetadataUpdate(storage, { mapping: MAPPING, href: (id) => `/m/${id}` });
    const jpeg = await storage.put(await picture(30, 20), {
      contentType: "image/jpeg",
      filename: "a.jpg",
    });
    const png = await storage.put(await picture(30, 20, "image/png"), {
      contentType: "image/png",
      filename: "a.png",
    });
    const item = (media: string, type = "picture"): Doc => ({
      type,
      slugline: "s",
      extra: { transref: "7" },
      renditions: { original: { media, href: `/m/${media}`, width: 30 }, thumbnail: { media } },
    });

    const updates: Doc = {};
    const next = item(jpeg._id);
    const undo = await update.apply(updates, next);
    const original = (updates.renditions as Doc).original as Doc;
    assert.notEqual(original.media, jpeg._id);
    assert.equal(original.href, `/m/${original.media}`);
    assert.equal(original.width, 30, "the rendition's other fields are kept");
    assert.deepEqual((updates.renditions as Doc).thumbnail, { media: jpeg._id });
    assert.equal(next.renditions, updates.renditions);
    const file = await storage.get(String(original.media));
    assert.equal(file?.contentType, "image/jpeg");
    assert.equal(file?.filename, "a.jpg");
    const bytes = await new Response(file!.body()).bytes();
    assert.deepEqual(readPhotoMetadata(bytes), { Title: "s", JobId: "7" });
    assert.ok(await storage.exists(jpeg._id), "the original file stays (older versions show it)");
    await undo();
    assert.equal(await storage.exists(String(original.media)), false);

    // Nothing for a text item, a PNG, a missing file, or a file that already says it all.
    for (const doc of [item(jpeg._id, "text"), item(png._id), item("0".repeat(24))]) {
      const untouched: Doc = {};
      await update.apply(untouched, doc);
      assert.deepEqual(untouched, {});
    }
    const stored = await storage.put(bytes, { contentType: "image/jpeg", filename: "b.jpg" });
    const same: Doc = {};
    await update.apply(same, item(stored._id));
    assert.deepEqual(same, {}, "a file with the metadata already is not stored again");
  } finally {
    await storage.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("no mapping, no change", async () => {
  const dir = await Deno.makeTempDir();
  const storage = createFileMediaStorage(dir);
  try {
    const jpeg = await storage.put(await picture(10, 10), {
      contentType: "image/jpeg",
      filename: "a.jpg",
    });
    const update = pictureMetadataUpdate(storage, { mapping: {}, href: (id) => id });
    const updates: Doc = {};
    await update.apply(updates, { type: "picture", renditions: { original: { media: jpeg._id } } });
    assert.deepEqual(updates, {});
  } finally {
    await storage.close();
    await Deno.remove(dir, { recursive: true });
  }
});
