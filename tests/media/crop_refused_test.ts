/**
 * A crop save that is not stored leaves no crop file behind, on both setups: one beaten by a
 * concurrent crop save of the same picture (412), and one a later hook refuses (400).
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { croppablePicture } from "./_crop_picture.ts";
import { engineTest } from "./_media.ts";

engineTest("crop files of a save that is not stored are removed", async (app) => {
  const { admin, url } = await croppablePicture(app);
  const crop = (left: number) => ({
    renditions: { "4-3": { CropLeft: left, CropTop: 0, CropRight: left + 40, CropBottom: 30 } },
  });

  // The files stored and deleted from here on.
  const storage = app.platform.services.media;
  const live = new Set<string>();
  const put = storage.put.bind(storage);
  const remove = storage.delete.bind(storage);
  storage.put = async (body, options) => {
    const info = await put(body, options);
    live.add(info._id);
    return info;
  };
  storage.delete = async (id) => {
    live.delete(id);
    return await remove(id);
  };

  // The first save, its crop cut, waits while a second crop save lands: the first's write
  // then misses the etag it read.
  const archive = app.platform.registry.service<ArchiveService>("archive");
  const { _etag } = await (await admin.get(url)).json();
  let raced = false;
  archive.hooks.add({
    async beforeSave(updates) {
      if (updates.headline === "refused") throw new BadRequestError("refused by a test hook");
      if (raced) return;
      raced = true;
      const second = await admin.patch(url, crop(20), { etag: _etag });
      assert.equal(second.status, 200, await second.clone().text());
    },
  });
  const first = await admin.patch(url, crop(0), { etag: _etag });
  assert.equal(first.status, 412, await first.clone().text());
  const saved = await (await admin.get(url)).json();
  assert.equal(saved.renditions["4-3"].CropLeft, 20);
  assert.deepEqual([...live], [saved.renditions["4-3"].media]);

  const refused = await admin.patch(url, { ...crop(40), headline: "refused" }, {
    etag: saved._etag,
  });
  assert.equal(refused.status, 400, await refused.clone().text());
  assert.deepEqual([...live], [saved.renditions["4-3"].media]);
});
