/**
 * Superdesk's features/upload.feature over HTTP, with a picture made in the test for its
 * bike.jpg (a 500×400 JPEG, so the 333×333 crop is a crop). The `@amazon` scenarios run again with
 * the media in S3 (the AMAZON_* settings on the S3 test server, S3_URL).
 */
import assert from "node:assert/strict";
import { amazonEnv, mediaObject, s3Url, testBucket } from "../media/_s3.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";
import {
  croppedSmallerThan,
  deleteThatFile,
  fetchDataUri,
  fileMetadata,
  fileReference,
  picture,
  renditionsOf,
  uploadFile,
  uploadFromUrl,
} from "./_media_steps.ts";
import { urlServer } from "../media/_url_server.ts";

/**
 * Superdesk's scenarios fetch an outside URL (mocked); ours fetch the picture from a local
 * server, on loopback, which the server refuses unless `UPLOAD_URL_ALLOWED_NETWORKS` allows it.
 */
const FROM_URL = { env: { UPLOAD_URL_ALLOWED_NETWORKS: "127.0.0.1" } };

/** Runs `steps` with bike.jpg served at the URL it is given. */
async function withBikeAt(steps: (url: string) => Promise<void>) {
  const { bytes, type } = await bike();
  const server = urlServer({
    "/bike.jpg": () => new Response(bytes, { headers: { "content-type": type } }),
  });
  try {
    await steps(server.url("/bike.jpg"));
  } finally {
    await server.close();
  }
}

async function uploadFromUrlScenario(s: Scenario) {
  await withBikeAt((url) => uploadFromUrl(s, url));
  await fileReference(s);
  fileMetadata(s);
  await renditionsOf(s, "avatar");
  await fetchDataUri(s);
  await deleteThatFile(s);
}

async function uploadFromUrlWithCropping(s: Scenario) {
  await withBikeAt((url) =>
    uploadFromUrl(s, url, { CropTop: "0", CropLeft: "0", CropBottom: "333", CropRight: "333" })
  );
  await fileReference(s);
  fileMetadata(s);
  await renditionsOf(s, "avatar");
  croppedSmallerThan(s, 30000);
  await fetchDataUri(s);
  await deleteThatFile(s);
}

async function bike() {
  return {
    bytes: await picture(500, 400, "image/jpeg", { smooth: true }),
    filename: "bike.jpg",
    type: "image/jpeg",
  };
}

/** `stored` checks where the upload's media went (the `@amazon` variants: in S3). */
async function uploadBinary(s: Scenario, stored = noCheck) {
  await uploadFile(s, "/upload", await bike());
  await stored(s);
  await fileReference(s);
  fileMetadata(s);
  await renditionsOf(s, "avatar");
  await deleteThatFile(s);
}

async function uploadWithCropping(s: Scenario, stored = noCheck) {
  await uploadFile(s, "/upload", await bike(), {
    CropTop: "0",
    CropLeft: "0",
    CropBottom: "333",
    CropRight: "333",
  });
  await stored(s);
  await fileReference(s);
  fileMetadata(s);
  await renditionsOf(s, "avatar");
  croppedSmallerThan(s, 25000);
  await fetchDataUri(s);
  await deleteThatFile(s);
}

const noCheck = (_s: Scenario) => Promise.resolve();

const s3 = s3Url();
if (s3) await testBucket(s3);
const s3Env = s3 ? amazonEnv(s3) : {};

/** The upload's original is an object in the scenario's S3 folder. */
async function inS3(s: Scenario) {
  const original = s.response.body.renditions.original;
  assert.ok(await mediaObject(s3Env, original.media), "the original is not in S3");
}

feature("upload", (f) => {
  f.scenario("Upload a binary file", ["auth"], (s) => uploadBinary(s));
  f.scenario("Upload a binary file with cropping", ["auth"], (s) => uploadWithCropping(s));

  f.scenario(
    "Upload a file from URL with cropping",
    ["auth"],
    uploadFromUrlWithCropping,
    FROM_URL,
  );
  f.scenario("Upload a file from URL", ["auth"], uploadFromUrlScenario, FROM_URL);
  // `@amazon`: the same scenarios with the media in S3 (the test server of scripts/services).
  const amazon = { env: s3Env, ignore: !s3 };
  f.scenario("Upload a binary file", ["auth"], (s) => uploadBinary(s, inS3), amazon);
  f.scenario(
    "Upload a binary file with cropping",
    ["auth"],
    (s) => uploadWithCropping(s, inS3),
    amazon,
  );
});
