/**
 * The set-up of the crop tests: an admin, the `crop_sizes` vocabulary with one ratio crop
 * ("4-3") and an 80×60 picture item (small: the tests check files and answers, not pixels).
 */
import assert from "node:assert/strict";
import type { TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { mediaForm, picture, postForm } from "./_media.ts";

/** The admin's session, the uploaded picture item and its URL. */
export async function croppablePicture(app: TestApp) {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const sizes = await admin.post("/api/vocabularies", {
    _id: "crop_sizes",
    display_name: "Image Crop Sizes",
    type: "manageable",
    items: [{ is_active: true, name: "4-3", ratio: "4:3" }],
  });
  assert.equal(sizes.status, 201);
  const upload = await postForm(app, "/api/archive", mediaForm(await picture(80, 60)), admin.token);
  assert.equal(upload.status, 201);
  const item = await upload.json();
  return { admin, item, url: `/api/archive/${encodeURIComponent(item._id)}` };
}
