/**
 * `POST /api/upload`, `GET /api/upload/<id>`, the raw media route and `DELETE /api/upload/<id>`
 * on both setups: renditions in Superdesk's avatar boxes, bytes back identical, caching
 * headers, errors (400, 401, 404, 413), the privilege of deleting, concurrent uploads.
 */
import assert from "node:assert/strict";
import { Jimp } from "jimp";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { loginAs } from "../_auth.ts";
import {
  bytesOf,
  declaredPng,
  engineTest,
  mediaForm,
  pathOf,
  picture,
  postForm,
  storedPieces,
} from "./_media.ts";

engineTest("an uploaded picture gets avatar renditions and reads back identical", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const jpeg = await picture(400, 300);
  const response = await postForm(app, "/api/upload", mediaForm(jpeg), admin.token);
  assert.equal(response.status, 201);
  assert.match(response.headers.get("content-type")!, /application\/json/);
  const upload = await response.json();
  assert.equal(upload.mimetype, "image/jpeg");
  assert.deepEqual(JSON.parse(upload.filemeta_json), { length: jpeg.byteLength });
  const { original, thumbnail, viewImage } = upload.renditions;
  assert.equal(upload.media, original.media);
  assert.deepEqual([original.width, original.height], [400, 300]);
  // Fitted in 60×60 and 200×200 with the proportions kept (Superdesk's `_resize_image`).
  assert.deepEqual([thumbnail.width, thumbnail.height, thumbnail.mimetype], [60, 45, "image/jpeg"]);
  assert.deepEqual([viewImage.width, viewImage.height], [200, 150]);
  assert.equal(pathOf(original.href), `/api/upload-raw/${original.media}`);

  const raw = await admin.get(pathOf(original.href));
  assert.equal(raw.status, 200);
  assert.equal(raw.headers.get("content-type"), "image/jpeg");
  assert.equal(raw.headers.get("content-length"), String(jpeg.byteLength));
  assert.equal(raw.headers.get("etag"), `"${original.media}"`);
  assert.match(raw.headers.get("cache-control")!, /max-age=\d+/);
  assert.match(raw.headers.get("content-disposition")!, /^inline; filename="picture.jpg"/);
  assert.equal(raw.headers.get("x-content-type-options"), "nosniff");
  assert.deepEqual(await bytesOf(raw), jpeg);
  const cached = await admin.get(pathOf(original.href), {
    headers: { "If-None-Match": `"${original.media}"` },
  });
  assert.equal(cached.status, 304);
  await cached.body?.cancel();

  // One byte range (video seeking), an open-ended and a suffix one; outside the file is a 416.
  const ranged = async (range: string) =>
    await admin.get(pathOf(original.href), { headers: { Range: range } });
  const part = await ranged("bytes=10-19");
  assert.equal(part.status, 206);
  assert.equal(part.headers.get("content-range"), `bytes 10-19/${jpeg.byteLength}`);
  assert.equal(part.headers.get("content-length"), "10");
  assert.deepEqual(await bytesOf(part), jpeg.subarray(10, 20));
  assert.deepEqual(await bytesOf(await ranged("bytes=-5")), jpeg.subarray(jpeg.byteLength - 5));
  assert.deepEqual(
    await bytesOf(await ranged(`bytes=${jpeg.byteLength - 3}-`)),
    jpeg.subarray(jpeg.byteLength - 3),
  );
  const outside = await ranged(`bytes=${jpeg.byteLength}-`);
  assert.equal(outside.status, 416);
  assert.equal(outside.headers.get("content-range"), `bytes */${jpeg.byteLength}`);
  assert.match((await outside.json())._message, /outside the file/);

  // Each rendition is a picture of its announced size.
  const thumb = await Jimp.read((await bytesOf(await admin.get(pathOf(thumbnail.href)))).buffer);
  assert.deepEqual([thumb.width, thumb.height], [60, 45]);

  const read = await admin.get(`/api/upload/${upload._id}`);
  assert.equal(read.status, 200);
  assert.deepEqual((await read.json()).renditions, upload.renditions);
  const redirect = await admin.get(`/api/upload/${original.media}/raw`);
  assert.equal(redirect.status, 302);
  assert.equal(pathOf(redirect.headers.get("location")!), `/api/upload-raw/${original.media}`);
});

engineTest("deleting an upload needs archive and removes its files", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const avatarOnly = await loginAs(app, { username: "plain", privileges: { archive: 0 } });
  const response = await postForm(
    app,
    "/api/upload",
    mediaForm(await picture(40, 30)),
    avatarOnly.token,
  );
  assert.equal(response.status, 201, "any signed-in user uploads (their avatar)");
  const upload = await response.json();
  const refused = await avatarOnly.delete(`/api/upload/${upload._id}`, { etag: upload._etag });
  assert.equal(refused.status, 403);
  const deleted = await admin.delete(`/api/upload/${upload._id}`, { etag: upload._etag });
  assert.equal(deleted.status, 204);
  assert.equal((await admin.get(`/api/upload/${upload._id}`)).status, 404);
  for (const { href } of Object.values(upload.renditions) as { href: string }[]) {
    const gone = await admin.get(pathOf(href));
    assert.equal(gone.status, 404);
    assert.match(gone.headers.get("content-type")!, /application\/json/);
  }
  assert.equal(await app.platform.services.media.exists(upload.media), false);
});

engineTest("an upload's files an item shows stay until the item goes", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const response = await postForm(
    app,
    "/api/upload",
    mediaForm(await picture(40, 30)),
    admin.token,
  );
  assert.equal(response.status, 201);
  const upload = await response.json();
  const made = await admin.post("/api/archive", {
    type: "picture",
    headline: "from the upload",
    renditions: upload.renditions,
  });
  assert.equal(made.status, 201);
  const item = await made.json();
  const deleted = await admin.delete(`/api/upload/${upload._id}`, { etag: upload._etag });
  assert.equal(deleted.status, 204);
  const media = app.platform.services.media;
  const files = Object.values(upload.renditions).map((r) => (r as { media: string }).media);
  for (const id of files) assert.equal(await media.exists(id), true, "the item shows it");
  const shown = await admin.get(pathOf(upload.renditions.thumbnail.href));
  assert.equal(shown.status, 200);
  await shown.body?.cancel();
  const archive = app.platform.registry.service<ArchiveService>("archive");
  await archive.deleteIfUnchanged(item);
  for (const id of files) assert.equal(await media.exists(id), false, "the last referrer went");
});

engineTest("bad uploads answer clear 4xx and store nothing", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const expect = async (response: Response, status: number, message: RegExp) => {
    assert.equal(response.status, status);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    assert.match((await response.json())._message, message);
  };
  await expect(
    await postForm(app, "/api/upload", mediaForm(undefined), admin.token),
    400,
    /No media/,
  );
  await expect(
    await admin.raw("POST", "/api/upload", "--x\r\ngarbage", {
      "Content-Type": "multipart/form-data",
    }),
    400,
    /Malformed multipart/,
  );
  await expect(
    await admin.post("/api/upload", { URL: "http://169.254.169.254/latest/meta-data" }),
    400,
    /link-local/,
  );
  await expect(
    await postForm(
      app,
      "/api/upload",
      mediaForm(new TextEncoder().encode("not a picture")),
      admin.token,
    ),
    400,
    /Cannot read the picture/,
  );
  await expect(
    await postForm(
      app,
      "/api/upload",
      mediaForm(await picture(20, 20), {
        fields: { CropLeft: "0", CropTop: "0" },
      }),
      admin.token,
    ),
    400,
    /A crop needs/,
  );
  await expect(await postForm(app, "/api/upload", mediaForm(await picture(20, 20))), 401, /./);
  await expect(await admin.get("/api/upload-raw/0123456789abcdef01234567"), 404, /File not found/);
  await expect(await admin.get("/api/upload-raw/..%2F..%2Fdocuments.db"), 404, /File not found/);
  const big = new Uint8Array(250_000).fill(7);
  big.set([0xff, 0xd8, 0xff]);
  await expect(await postForm(app, "/api/upload", mediaForm(big), admin.token), 413, /larger than/);
  assert.equal((await (await admin.get("/api/upload")).json())._meta.total, 0);
  assert.equal(await storedPieces(app), 0, "a refused upload left a file stored");
});

engineTest(
  "a picture declaring more pixels than PIL's limit is a 413, never decoded",
  async (app) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    // 90 megapixels in 57 bytes: decoding it would allocate 360 MB (a 50000² one, 10 GB).
    const bomb = declaredPng(10000, 9000);
    const form = mediaForm(bomb, { filename: "bomb.png", type: "image/png" });
    const response = await postForm(app, "/api/upload", form, admin.token);
    assert.equal(response.status, 413);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    const body = await response.json();
    assert.match(body._message, /more than 89478485 pixels/);
    assert.deepEqual(body._issues, { media: "too many pixels" });
    assert.equal((await (await admin.get("/api/upload")).json())._meta.total, 0);
  },
);

engineTest(
  "an uploaded HTML file is served as an attachment the browser may not sniff",
  async (app) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    const page = new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>");
    const form = mediaForm(page, { filename: "page.html", type: "text/html" });
    const response = await postForm(app, "/api/upload", form, admin.token);
    assert.equal(response.status, 201);
    const upload = await response.json();
    assert.equal(upload.mimetype, "text/html");
    const raw = await admin.get(pathOf(upload.renditions.original.href));
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get("content-type"), "text/html");
    assert.equal(raw.headers.get("content-disposition"), 'attachment; filename="page.html"');
    assert.equal(raw.headers.get("x-content-type-options"), "nosniff");
    assert.deepEqual(await bytesOf(raw), page);
  },
);

engineTest("a data: URI uploads, cropped when asked", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const png = await picture(120, 80, "image/png");
  const url = `data:image/png;base64,${btoa(String.fromCharCode(...png))}`;
  const response = await postForm(
    app,
    "/api/upload",
    mediaForm(undefined, {
      fields: { URL: url, CropLeft: "10", CropTop: "0", CropRight: "70", CropBottom: "60" },
    }),
    admin.token,
  );
  assert.equal(response.status, 201);
  const upload = await response.json();
  assert.equal(upload.mimetype, "image/png");
  const { original, thumbnail } = upload.renditions;
  assert.deepEqual([original.width, original.height], [60, 60]);
  assert.deepEqual([thumbnail.width, thumbnail.height, thumbnail.mimetype], [60, 60, "image/png"]);
  const bytes = await bytesOf(await admin.get(pathOf(original.href)));
  const stored = await Jimp.read(bytes.buffer);
  assert.deepEqual([stored.width, stored.height], [60, 60]);
  assert.equal(JSON.parse(upload.filemeta_json).length, bytes.byteLength);
});

engineTest("concurrent uploads are each stored whole under their own ids", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const pictures = await Promise.all([40, 50, 60, 70, 80, 90].map((w) => picture(w, 30)));
  const uploads = await Promise.all(pictures.map(async (jpeg) => {
    const response = await postForm(app, "/api/upload", mediaForm(jpeg), admin.token);
    assert.equal(response.status, 201);
    return await response.json();
  }));
  assert.equal(new Set(uploads.map((upload) => upload.media)).size, pictures.length);
  for (const [i, upload] of uploads.entries()) {
    assert.equal(upload.renditions.original.width, [40, 50, 60, 70, 80, 90][i]);
    const raw = await admin.get(pathOf(upload.renditions.original.href));
    assert.deepEqual(await bytesOf(raw), pictures[i]);
  }
});
