/**
 * Audio and video uploads (`POST /api/archive`, `POST /api/upload`) carry what their headers say
 * in `filemeta_json`, read back from each media storage (files, GridFS, S3) in ranged reads; a
 * truncated or corrupt file is stored all the same, with what could be read.
 */
import assert from "node:assert/strict";
import { loginAs } from "../_auth.ts";
import type { TestApp } from "../_app.ts";
import { engineTestApp } from "../_engine_app.ts";
import { mp4Video, oggVorbis } from "./_av_files.ts";
import { engineTest, mediaForm, postForm } from "./_media.ts";
import { amazonEnv, mediaObject, s3Url, testBucket } from "./_s3.ts";

const s3 = s3Url();
if (s3) await testBucket(s3);

/** POSTs `bytes` as `filename` of `type` to `path`: its status and `filemeta_json`, parsed. */
async function upload(
  app: TestApp,
  token: string,
  { path, bytes, filename, type }: {
    path: string;
    bytes: Uint8Array<ArrayBuffer>;
    filename: string;
    type: string;
  },
) {
  const response = await postForm(app, path, mediaForm(bytes, { filename, type }), token);
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return { body, meta: JSON.parse(body.filemeta_json) };
}

/** The uploads every storage must answer alike (files above 64 KiB: several ranged reads). */
async function uploadsCarryMetadata(app: TestApp): Promise<string[]> {
  const { token } = await loginAs(app, { username: "admin", admin: true });
  const ogg = oggVorbis({ audioBytes: 150_000 });
  const audio = await upload(app, token, {
    path: "/api/archive",
    bytes: ogg,
    filename: "green.ogg",
    type: "audio/ogg",
  });
  assert.equal(audio.body.type, "audio");
  assert.deepEqual(
    [audio.meta.duration, audio.meta.title, audio.meta.sample_rate, audio.meta.length],
    ["0:00:20.088163", "Green Hills", "44100", ogg.byteLength],
  );

  const mp4 = mp4Video({ moovLast: true, mediaBytes: 150_000 });
  const video = await upload(app, token, {
    path: "/api/upload",
    bytes: mp4,
    filename: "camera.mp4",
    type: "video/mp4",
  });
  assert.equal(video.body.mimetype, "video/mp4");
  assert.deepEqual(
    [video.meta.width, video.meta.height, video.meta.duration, video.meta.length],
    ["480", "270", "0:00:10.224000", mp4.byteLength],
  );

  // Cut inside its comment header: the identification header is kept, the tags are not.
  const cut = await upload(app, token, {
    path: "/api/archive",
    bytes: ogg.slice(0, 120),
    filename: "cut.ogg",
    type: "audio/ogg",
  });
  assert.equal(cut.meta.sample_rate, "44100");
  assert.equal(cut.meta.title, undefined);
  assert.equal(cut.meta.duration, undefined);

  // A moov box that claims 4 GiB, and a movie header of noise.
  const broken = mp4Video();
  new DataView(broken.buffer).setUint32(28, 0xffffffff);
  broken.fill(0xff, 44, 144);
  const bad = await upload(app, token, {
    path: "/api/archive",
    bytes: broken,
    filename: "broken.mp4",
    type: "video/mp4",
  });
  assert.equal(bad.body.type, "video");
  assert.equal(bad.meta.length, broken.byteLength);
  assert.equal(bad.meta.width, "480", "the track header after the noise is still read");
  return [audio.body.media, video.body.media];
}

engineTest("audio and video uploads carry their headers' metadata", async (app) => {
  await uploadsCarryMetadata(app);
});

Deno.test({
  name: "[s3] audio and video metadata is read back from S3",
  ignore: !s3,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const env = amazonEnv(s3!);
    const app = await engineTestApp("embedded", { env });
    try {
      const media = await uploadsCarryMetadata(app);
      for (const id of media) assert.ok(await mediaObject(env, id), `${id} is not in S3`);
    } finally {
      await app.close();
    }
  },
});
