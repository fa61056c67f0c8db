/**
 * Superdesk's features/amazons3.feature over HTTP, with the media really in S3: the test server
 * of `scripts/services` (S3_URL, moto) where Superdesk's suite mocks boto3's client. Each
 * scenario's bucket is Superdesk's (`superdesk-test-eu-west-1`), under a folder of its own
 * (AMAZON_S3_SUBFOLDER). Beyond the spec, each upload is checked to be an object in that folder
 * and to be served by `/api/upload-raw`, so media left in GridFS or files would fail.
 */
import assert from "node:assert/strict";
import { amazonEnv, mediaObject, s3Url, testBucket } from "../media/_s3.ts";
import { feature } from "./feature.ts";
import { canFetch, picture, uploadFile } from "./_media_steps.ts";
import type { Scenario } from "./scenario.ts";

const url = s3Url();
if (url) await testBucket(url);
const ignore = !url;

const OLD_PREFIX = "http://superdesk-test-eu-west-1.s3-eu-west-1.amazonaws.com";
const NEW_PREFIX = "https://sd-frankfurt-test.s3-eu-central-1.amazonaws.com";

/** Superdesk's bike.jpg is 1200×1600: the renditions below are its sizes. */
async function bike() {
  return { bytes: await picture(1200, 1600), filename: "bike.jpg", type: "image/jpeg" };
}

/** The archive list's renditions, their hrefs under `prefix`. */
function renditionsUnder(prefix: string): string {
  const rendition = (name: string, width: number, height: number) =>
    `"${name}": {"href": "${prefix}/#archive.renditions.${name}.media#",
      "mimetype": "image/jpeg", "width": ${width}, "height": ${height},
      "media": "#archive.renditions.${name}.media#"}`;
  return `{"_items": [{"renditions": {
    ${rendition("viewImage", 480, 640)}, ${rendition("thumbnail", 90, 120)},
    ${rendition("original", 1200, 1600)}, ${rendition("baseImage", 1050, 1400)}}}]}`;
}

/** Every rendition of the uploaded item is an object in `env`'s folder, served by the API. */
async function renditionsInS3(s: Scenario, env: Record<string, string>): Promise<void> {
  const renditions = s.resources.archive.renditions as Record<string, { media: string }>;
  for (const [name, { media }] of Object.entries(renditions)) {
    const object = await mediaObject(env, media);
    assert.ok(object, `${name} is not in S3`);
    assert.equal(object.headers.get("content-type"), "image/jpeg");
    await canFetch(s, `http://localhost/api/upload-raw/${media}`, "image/jpeg");
  }
}

feature("amazons3", (f) => {
  const s3 = url ? amazonEnv(url) : {};
  f.scenario("Upload image into archive with storage on amazon S3", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await uploadFile(s, "archive", await bike());
    await renditionsInS3(s, s3);
    await s.get("/archive");
    s.list(1, renditionsUnder(OLD_PREFIX));
  }, { env: { ...s3, MEDIA_PREFIX: `${OLD_PREFIX}/` }, ignore });

  // Our settings are read at start, so the second `Given config update` is a second app (on a
  // fresh database): there the item uploaded under the old MEDIA_PREFIX is written as stored
  // then, with its hrefs under that prefix, and the list shows them under the new one.
  const stored = (prefix: string) =>
    `[{"guid": "bike", "type": "picture", "state": "in_progress",
    "original_creator": "#CONTEXT_USER_ID#",
    "renditions": {
    "original": {"href": "${prefix}/0123456789abcdef01234567", "media": "0123456789abcdef01234567",
      "mimetype": "image/jpeg", "width": 1200, "height": 1600}}}]`;
  f.phased("Upload image into archive and check changed MEDIA_PREFIX", ["auth"], [
    {
      env: { ...s3, MEDIA_PREFIX: `${OLD_PREFIX}/` },
      fn: async (s) => {
        await s.givenEmpty("archive");
        await uploadFile(s, "archive", await bike());
        await renditionsInS3(s, s3);
        await s.get("/archive");
        s.list(1, renditionsUnder(OLD_PREFIX));
      },
    },
    {
      env: { ...s3, MEDIA_PREFIX: NEW_PREFIX, MEDIA_PREFIXES_TO_FIX: `${OLD_PREFIX}/` },
      fn: async (s) => {
        await s.given("archive", stored(OLD_PREFIX));
        await s.get("/archive");
        s.list(
          1,
          `{"_items": [{"renditions": {"original": {
          "href": "${NEW_PREFIX}/0123456789abcdef01234567"}}}]}`,
        );
        assert.ok(!JSON.stringify(s.response.body).includes(OLD_PREFIX));
      },
    },
  ], { ignore });
});
