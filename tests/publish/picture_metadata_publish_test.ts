/**
 * PICTURE_METADATA_MAPPING through the publish route: the archive item and its published copy
 * point at the one new file, and two publishes racing leave no file nobody points at.
 */
import assert from "node:assert/strict";
import { readPhotoMetadata } from "../media/_photo_metadata_reader.ts";
import type { MediaStorage } from "../../src/media/media_storage.ts";
import { body } from "../newsroom/_newsroom.ts";
import { picture } from "../media/_media.ts";
import { publishingTest } from "./_publishing.ts";

publishingTest(
  "two publishes of a picture at once: one wins, the loser's file is removed",
  async (room) => {
    const media: MediaStorage = room.app.platform.services.media;
    const original = await media.put(await picture(40, 30), {
      contentType: "image/jpeg",
      filename: "a.jpg",
    });
    const item = await room.story({
      type: "picture",
      headline: "A picture",
      renditions: { original: { media: original._id, href: `/m/${original._id}` } },
    });
    // Each publish's file is stored only once both have passed their checks: they race for
    // the archive write with the same etag.
    const stored: string[] = [];
    const both = Promise.withResolvers<void>();
    const put = media.put.bind(media);
    media.put = async (...args) => {
      if (stored.push("") === 2) both.resolve();
      await both.promise;
      const info = await put(...args);
      stored.splice(stored.indexOf(""), 1);
      stored.push(info._id);
      return info;
    };
    const answers = await Promise.all(
      ["first", "second"].map((slugline) => room.act("publish", item, { slugline })),
    );
    const statuses = answers.map((a) => a.status).sort();
    await Promise.all(answers.map((a) => a.body?.cancel()));
    assert.equal(statuses[0], 200, `statuses ${statuses}`);
    assert.notEqual(statuses[1], 200, "the same etag published twice");
    assert.equal(stored.length, 2, "each publish wrote its file");
    const archived = await body(await room.editor.get(`/api/archive/${item._id}`));
    const kept = archived.renditions.original.media;
    assert.ok(stored.includes(kept), "the archive item points at a new file");
    const copies = await body(await room.editor.get("/api/published"));
    assert.deepEqual(
      copies._items.map((c: { renditions: { original: { media: string } } }) =>
        c.renditions.original.media
      ),
      [kept],
      "the published copy points at it too",
    );
    const file = await media.get(kept);
    assert.deepEqual(
      readPhotoMetadata(await new Response(file!.body()).bytes()),
      { Title: archived.slugline },
    );
    const loser = stored.find((id) => id !== kept)!;
    assert.equal(await media.exists(loser), false, "the losing publish's file is removed");
    assert.ok(await media.exists(original._id), "the upload stays");
  },
  { env: { PICTURE_METADATA_MAPPING: `{"slugline": "Title"}` } },
);
