/**
 * Malformed crop input is a JSON 400 before any pixel work, on both setups: a crop size given
 * as no object, a moved crop without its coordinates, a `poi` that is not numbers, and a
 * `picture_crop` box wholly outside the picture; crop sizes larger than the original or than
 * MAX_CROP_SIDE (`src/media/crop_sizes.ts`).
 */
import assert from "node:assert/strict";
import { croppablePicture } from "./_crop_picture.ts";
import { engineTest } from "./_media.ts";

engineTest("malformed crops and points are 400", async (app) => {
  const { admin, item, url } = await croppablePicture(app);
  const patch = async (body: unknown) => {
    const { _etag } = await (await admin.get(url)).json();
    return await admin.patch(url, body, { etag: _etag });
  };
  const refused = async (response: Response, message: RegExp) => {
    const body = await response.json();
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.match(body._message, message);
  };

  const made = await patch({
    renditions: { "4-3": { CropLeft: 0, CropTop: 0, CropRight: 40, CropBottom: 30 } },
  });
  assert.equal(made.status, 200, await made.clone().text());
  await refused(await patch({ renditions: { "4-3": "x" } }), /The crop 4-3 must be an object/);
  await refused(await patch({ renditions: { "4-3": [1] } }), /The crop 4-3 must be an object/);
  await refused(
    await patch({ renditions: { "4-3": { width: 40 } } }),
    /The crop 4-3 needs CropLeft, CropTop, CropRight and CropBottom/,
  );
  await refused(await patch({ poi: { x: "a", y: 0.5 } }), /poi needs x and y as numbers/);
  const saved = await (await admin.get(url)).json();
  assert.equal(saved.renditions["4-3"].CropRight, 40);
  assert.equal(saved.poi, undefined);

  const outside = await admin.post("/api/picture_crop", {
    item: { renditions: { original: item.renditions.original } },
    crop: { CropLeft: 500, CropTop: 0, CropRight: 600, CropBottom: 30 },
  });
  await refused(outside, /The crop crop is outside the picture/);
});

engineTest(
  "crops larger than their original or MAX_CROP_SIDE are 400 before any pixels",
  async (app) => {
    const { admin, item, url } = await croppablePicture(app);
    const refused = async (response: Response, message: RegExp) => {
      const body = await response.json();
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(body._message, message);
    };
    const sizes = async (items: unknown[]) => {
      const vocabulary = await (await admin.get("/api/vocabularies/crop_sizes")).json();
      const saved = await admin.patch("/api/vocabularies/crop_sizes", { items }, {
        etag: vocabulary._etag,
      });
      assert.equal(saved.status, 200, await saved.clone().text());
    };
    // The picture is 80×60: a 160×120 crop of it (partly outside) would be upscaled.
    await sizes([{ is_active: true, name: "big", width: 160, height: 120 }]);
    const { _etag } = await (await admin.get(url)).json();
    // A box within the picture smaller than the size: Superdesk's own answer.
    await refused(
      await admin.patch(url, {
        renditions: { big: { CropLeft: 0, CropTop: 0, CropRight: 80, CropBottom: 60 } },
      }, { etag: _etag }),
      /^Wrong crop size\. Minimum crop size is 160x120\.$/,
    );
    await refused(
      await admin.patch(url, {
        renditions: { big: { CropLeft: 0, CropTop: 0, CropRight: 160, CropBottom: 120 } },
      }, { etag: _etag }),
      /The crop big of 160x120 pixels is larger than 80x60/,
    );
    await refused(
      await admin.post("/api/picture_crop", {
        item: { renditions: { original: { media: item.renditions.original.media } } },
        crop: { CropLeft: 0, CropTop: 0, CropRight: 80, CropBottom: 60, width: 800, height: 600 },
      }),
      /The crop of 800x600 pixels is larger than its original \(4800 pixels\)/,
    );
    await sizes([{ is_active: true, name: "huge", width: 40_000, height: 30_000 }]);
    await refused(
      await admin.post("/api/picture_renditions", {
        item: { renditions: { original: { media: item.renditions.original.media } } },
      }),
      /The crop huge of 40000x30000 pixels is larger than 10000x10000/,
    );
    assert.equal((await (await admin.get(url)).json()).renditions.big, undefined);
  },
);
