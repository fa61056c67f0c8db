/**
 * Crops of a picture item and `POST /api/picture_crop` on both setups: a crop is cut from the
 * stored original at its coordinates, and bad input is a JSON 400 (never a 500): a crop outside
 * the picture, on an item that is no picture, of an unknown name, not whole pixels, off its
 * ratio, and a `picture_crop` size beyond the bound of crops or of a file that is not stored.
 */
import assert from "node:assert/strict";
import { Jimp } from "jimp";
import { loginAs } from "../_auth.ts";
import { bytesOf, engineTest, mediaForm, pathOf, picture, postForm } from "./_media.ts";

engineTest("picture crops are cut from the original; bad crops are 400", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const upload = await postForm(
    app,
    "/api/archive",
    mediaForm(await picture(400, 300)),
    admin.token,
  );
  assert.equal(upload.status, 201);
  const item = await upload.json();
  const url = `/api/archive/${encodeURIComponent(item._id)}`;
  const crop = async (renditions: unknown, path = url) => {
    const etag = (await (await admin.get(path)).json())._etag;
    return await admin.patch(path, { renditions }, { etag });
  };
  const refused = async (response: Response, message: RegExp) => {
    const body = await response.json();
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.match(body._message, message);
  };

  // The crop sizes `app:initialize_data` seeds: 4-3 and 16-9, by ratio.
  const sizes = await admin.post("/api/vocabularies", {
    _id: "crop_sizes",
    display_name: "Image Crop Sizes",
    type: "manageable",
    unique_field: "name",
    items: [{ is_active: true, name: "4-3", ratio: "4:3" }, {
      is_active: true,
      name: "16-9",
      ratio: "16:9",
    }],
  });
  assert.equal(sizes.status, 201, await sizes.clone().text());
  const made = await crop({
    "4-3": { CropLeft: 40, CropTop: 30, CropRight: 240, CropBottom: 180 },
  });
  assert.equal(made.status, 200, await made.clone().text());
  const rendition = (await made.json()).renditions["4-3"];
  assert.deepEqual(
    [rendition.CropLeft, rendition.CropTop, rendition.CropRight, rendition.CropBottom],
    [40, 30, 240, 180],
  );
  const cut = await Jimp.read((await bytesOf(await admin.get(pathOf(rendition.href)))).buffer);
  assert.deepEqual([cut.width, cut.height], [200, 150]);

  await refused(
    await crop({ "4-3": { CropLeft: 400, CropTop: 0, CropRight: 800, CropBottom: 300 } }),
    /outside the picture/,
  );
  await refused(
    await crop({ "5-4": { CropLeft: 0, CropTop: 0, CropRight: 250, CropBottom: 200 } }),
    /Unknown crop name/,
  );
  await refused(
    await crop({ "4-3": { CropLeft: "a", CropTop: 0, CropRight: 400, CropBottom: 300 } }),
    /Invalid value for CropLeft/,
  );
  await refused(
    await crop({ "16-9": { CropLeft: 0, CropTop: 0, CropRight: 300, CropBottom: 300 } }),
    /Ratio 16:9 is not respected/,
  );

  const text = await admin.post("/api/archive", { type: "text", headline: "text" });
  assert.equal(text.status, 201);
  const textUrl = `/api/archive/${encodeURIComponent((await text.json())._id)}`;
  await refused(
    await crop({ "4-3": { CropLeft: 0, CropTop: 0, CropRight: 400, CropBottom: 300 } }, textUrl),
    /Only images can be cropped/,
  );

  const original = item.renditions.original;
  const pictureCrop = (media: string, box: Record<string, number>) =>
    admin.post("/api/picture_crop", {
      item: { renditions: { original: { media, mimetype: "image/jpeg" } } },
      crop: box,
    });
  const box = { CropLeft: 0, CropTop: 0, CropRight: 100, CropBottom: 100 };
  await refused(
    await pictureCrop(original.media, { ...box, width: 100_000, height: 100_000 }),
    /larger than 10000x10000 \(its original's size, at most 10000 a side\)/,
  );
  await refused(await pictureCrop("0".repeat(24), box), /couldn't be found/);
});
