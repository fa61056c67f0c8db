/**
 * The bounds of media uploads (README, Media): a file is stored as it arrives, refused with a 413
 * as soon as it passes MEDIA_MAX_BYTES (200000 here) without waiting for the rest, uploads past
 * MEDIA_MAX_UPLOADS (1 in its test) are a 503 with Retry-After, and a refused or aborted upload leaves
 * no file (embedded) and no GridFS chunk (engines) behind.
 */
import assert from "node:assert/strict";
import { loginAs } from "../_auth.ts";
import type { TestApp } from "../_app.ts";
import { engineTest, mediaForm, postForm, storedPieces } from "./_media.ts";

const BOUNDARY = "bounds-test-boundary";
const CHUNK = 64 * 1024;

/**
 * A multipart body of one `media` file sent as a stream: the head, then `chunks` of the file,
 * then what `after` does (close the form, fail, or stall until the server cancels).
 */
function streamedForm(
  chunks: number,
  after: "close" | "error" | "stall",
  { onRead }: { onRead?: () => void } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="media"; ` +
    `filename="clip.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  let sent = -1;
  return new ReadableStream({
    pull(controller) {
      onRead?.();
      sent++;
      if (sent === 0) return controller.enqueue(encoder.encode(head));
      if (sent <= chunks) return controller.enqueue(new Uint8Array(CHUNK).fill(sent));
      if (after === "close") {
        controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`));
        return controller.close();
      }
      if (after === "error") return controller.error(new Error("the client went away"));
      return new Promise<void>(() => {});
    },
  }, { highWaterMark: 0 });
}

function post(app: TestApp, token: string, body: ReadableStream<Uint8Array>) {
  return app.app.request("/api/upload", {
    method: "POST",
    body,
    headers: {
      Authorization: `Basic ${btoa(`${token}:`)}`,
      "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
    },
  });
}

engineTest(
  "a file past MEDIA_MAX_BYTES is a 413 before its end, and leaves nothing",
  async (app) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    // 4 × 64 KiB passes the file limit but not the body limit; the body never ends.
    const refused = await post(app, admin.token, streamedForm(4, "stall"));
    assert.equal(refused.status, 413);
    assert.match((await refused.json())._message, /larger than 200000 bytes \(MEDIA_MAX_BYTES\)/);
    const aborted = await post(app, admin.token, streamedForm(2, "error"));
    assert.equal(aborted.status, 400);
    assert.match((await aborted.json())._message, /broke off/);
    assert.equal(await storedPieces(app), 0);
    assert.equal((await (await admin.get("/api/upload")).json())._meta.total, 0);
  },
);

engineTest("uploads past MEDIA_MAX_UPLOADS are a 503 with Retry-After", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const reading = Promise.withResolvers<void>();
  const first = post(app, admin.token, streamedForm(2, "close", { onRead: reading.resolve }));
  // The server reads the first body once the upload holds the only slot.
  await reading.promise;
  const second = await postForm(
    app,
    "/api/upload",
    mediaForm(new Uint8Array(10).fill(1), { type: "application/octet-stream" }),
    admin.token,
  );
  assert.equal(second.status, 503);
  assert.equal(second.headers.get("retry-after"), "5");
  assert.match((await second.json())._message, /1 uploads are in progress \(MEDIA_MAX_UPLOADS\)/);
  const attachment = await postForm(
    app,
    "/api/attachments",
    mediaForm(new Uint8Array(10).fill(1), { filename: "a.bin", type: "application/octet-stream" }),
    admin.token,
  );
  assert.equal(attachment.status, 503, "an attachment counts as an upload");
  assert.equal(attachment.headers.get("retry-after"), "5");
  await attachment.body?.cancel();
  const done = await first;
  assert.equal(done.status, 201);
  assert.equal((await done.json()).renditions.original.mimetype, "application/octet-stream");
  const after = await postForm(
    app,
    "/api/upload",
    mediaForm(new Uint8Array(10).fill(1), { type: "application/octet-stream" }),
    admin.token,
  );
  assert.equal(after.status, 201);
}, { env: { MEDIA_MAX_UPLOADS: "1" } });
