/**
 * `POST /api/archive` with a multipart `media` file (Superdesk's `ArchiveMediaService`) on both
 * setups: the item's type from the file's type, picture renditions in Superdesk's boxes, the
 * form's fields kept, the `archive` privilege, the media limit only for multipart bodies.
 */
import assert from "node:assert/strict";
import { loginAs } from "../_auth.ts";
import { bytesOf, engineTest, mediaForm, pathOf, picture, postForm } from "./_media.ts";

/** A file that reads as Ogg audio (its signature, then noise). */
function oggAudio(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length).map((_, i) => (i * 17) % 256);
  bytes.set(new TextEncoder().encode("OggS"));
  return bytes;
}

engineTest("a picture upload into archive makes a picture item", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const jpeg = await picture(400, 200);
  const response = await postForm(
    app,
    "/api/archive",
    mediaForm(jpeg, {
      filename: "bike.jpg",
      type: "application/octet-stream",
      fields: { headline: "bike.jpg", alt_text: "a bike", description_text: "a red bike" },
    }),
    admin.token,
  );
  assert.equal(response.status, 201);
  const item = await response.json();
  assert.equal(item.type, "picture");
  assert.equal(item.profile, "picture");
  assert.equal(item.state, "in_progress");
  assert.equal(item.mimetype, "image/jpeg", "the type is read from the bytes");
  assert.deepEqual(
    [item.headline, item.alt_text, item.description_text],
    ["bike.jpg", "a bike", "a red bike"],
  );
  assert.equal(item.media, item.renditions.original.media);
  const sizes = Object.fromEntries(
    Object.entries(item.renditions as Record<string, { width: number; height: number }>)
      .map(([name, { width, height }]) => [name, [width, height]]),
  );
  // Superdesk's `RENDITIONS.picture`, fitted with the proportions kept (enlarged when smaller).
  assert.deepEqual(sizes, {
    original: [400, 200],
    thumbnail: [220, 110],
    viewImage: [640, 320],
    baseImage: [1400, 700],
  });
  const raw = await admin.get(pathOf(item.renditions.original.href));
  assert.deepEqual(await bytesOf(raw), jpeg);
  const read = await admin.get(`/api/archive/${encodeURIComponent(item._id)}`);
  assert.equal(read.status, 200);
  assert.deepEqual((await read.json()).renditions, item.renditions);
});

engineTest("audio becomes an audio item; other files and missing media are 400", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const audio = await postForm(
    app,
    "/api/archive",
    mediaForm(oggAudio(1000), {
      filename: "green.ogg",
      type: "audio/ogg",
    }),
    admin.token,
  );
  assert.equal(audio.status, 201);
  const item = await audio.json();
  assert.equal(item.type, "audio");
  assert.deepEqual(Object.keys(item.renditions), ["original"]);
  assert.equal(item.renditions.original.mimetype, "audio/ogg");
  assert.equal(JSON.parse(item.filemeta_json).length, 1000);

  const pdf = await postForm(
    app,
    "/api/archive",
    mediaForm(new TextEncoder().encode("%PDF-1.4"), {
      filename: "a.pdf",
      type: "application/pdf",
    }),
    admin.token,
  );
  assert.equal(pdf.status, 400);
  assert.match((await pdf.json())._message, /cannot become an item/);
  const none = await postForm(
    app,
    "/api/archive",
    mediaForm(undefined, {
      fields: { headline: "x" },
    }),
    admin.token,
  );
  assert.equal(none.status, 400);
  assert.match((await none.json())._message, /No media found/);
  const invalid = await postForm(
    app,
    "/api/archive",
    mediaForm(oggAudio(100), {
      fields: { urgency: "high" },
    }),
    admin.token,
  );
  assert.equal(invalid.status, 400, "the form's fields are validated as the item's");
  // Nothing stored stays behind a refused item.
  const list = await (await admin.get("/api/archive")).json();
  assert.equal(list._meta.total, 1);
});

engineTest("archive uploads need archive; JSON bodies keep MAX_BODY_BYTES", async (app) => {
  const reader = await loginAs(app, { username: "reader", privileges: { archive: 0 } });
  const refused = await postForm(app, "/api/archive", mediaForm(oggAudio(100)), reader.token);
  assert.equal(refused.status, 403);
  const admin = await loginAs(app, { username: "admin", admin: true });
  // Past MAX_BODY_BYTES (64 KiB) but within MEDIA_MAX_BYTES: a multipart upload is taken...
  const large = await postForm(app, "/api/archive", mediaForm(oggAudio(150_000)), admin.token);
  assert.equal(large.status, 201);
  const item = await large.json();
  const raw = await admin.get(pathOf(item.renditions.original.href));
  assert.equal(raw.headers.get("content-length"), "150000");
  await raw.body?.cancel();
  // ... a JSON item of that size is not.
  const json = await admin.post("/api/archive", { headline: "x", body_html: "a".repeat(100_000) });
  assert.equal(json.status, 413);
  const tooLarge = await postForm(app, "/api/archive", mediaForm(oggAudio(300_000)), admin.token);
  assert.equal(tooLarge.status, 413);
});
