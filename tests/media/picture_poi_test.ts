/**
 * A save of a picture that sets only its point of interest puts the point on every rendition,
 * in the rendition's pixels (Superdesk's `create_multiple_crops` runs on any save of a picture).
 */
import assert from "node:assert/strict";
import { loginAs } from "../_auth.ts";
import { engineTest, mediaForm, picture, postForm } from "./_media.ts";

engineTest("PATCH of a picture's poi alone sets it on every rendition", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const upload = await postForm(app, "/api/archive", mediaForm(await picture(80, 60)), admin.token);
  assert.equal(upload.status, 201);
  const item = await upload.json();
  const url = `/api/archive/${encodeURIComponent(item._id)}`;
  const saved = await admin.patch(url, { poi: { x: 0.5, y: 0.25 } }, { etag: item._etag });
  assert.equal(saved.status, 200, await saved.clone().text());
  const { renditions } = await (await admin.get(url)).json();
  assert.deepEqual(renditions.original.poi, { x: 40, y: 15 });
  for (const [name, rendition] of Object.entries<Record<string, number>>(renditions)) {
    const expected = {
      x: Math.trunc(rendition.width! * 0.5),
      y: Math.trunc(rendition.height! * 0.25),
    };
    assert.deepEqual(rendition.poi, expected, name);
  }
});
