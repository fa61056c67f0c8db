/**
 * Malformed crop input is a JSON 400 before any pixel work, on both setups: a crop size given
 * as no object, a moved crop without its coordinates, a `poi` that is not numbers, and a
 * `picture_crop` box wholly outside the picture.
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
