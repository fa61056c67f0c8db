/**
 * The media steps of Superdesk's behave suite (`superdesk/tests/steps.py`): `we upload a file
 * "<name>" to "<dest>"`, `we get a file reference`, `we get file metadata`, `we get "<type>"
 * renditions`, `original rendition is updated with link to file having mimetype`, `we can fetch
 * a data_uri` and `we can delete that file`. Superdesk uploads its fixture files (bike.jpg,
 * green.ogg ...); ours are made in the test (`../media/_media.ts`, `../media/_av_files.ts`).
 */
import assert from "node:assert/strict";
import { AVATAR_RENDITIONS, PICTURE_RENDITIONS } from "../../src/media/rendition_specs.ts";
import { readPhotoMetadata } from "../media/_photo_metadata_reader.ts";
import { mediaForm } from "../media/_media.ts";
import type { Scenario } from "./scenario.ts";

export { picture, withBikeExif } from "../media/_media.ts";
export { mp4Video, oggVorbis } from "../media/_av_files.ts";

/** Superdesk's `RENDITIONS` by name. */
const RENDITIONS = { avatar: AVATAR_RENDITIONS, picture: PICTURE_RENDITIONS };

/** `we upload a file "<filename>" to "<dest>"` (with `fields` beside the `media` part). */
export async function uploadFile(
  s: Scenario,
  dest: string,
  file: { bytes: Uint8Array<ArrayBuffer>; filename: string; type: string },
  fields: Record<string, string> = {},
): Promise<void> {
  const response = await s.postForm(dest, mediaForm(file.bytes, { ...file, fields }));
  assert.ok([200, 201].includes(response.status), JSON.stringify(response.body));
  assert.equal(response.body._status, "OK");
}

/**
 * `we upload a file from URL` (`with cropping`: `fields` beside it): a form whose `URL` names
 * `url` (Superdesk's step serves its fixture through a mocked `requests`; ours is a local
 * server the scenario allows).
 */
export async function uploadFromUrl(
  s: Scenario,
  url: string,
  fields: Record<string, string> = {},
): Promise<void> {
  const form = new FormData();
  form.append("URL", url);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  await s.postForm("/upload", form);
}

/** `we get a file reference`: the upload reads back as JSON with renditions (kept as fetched). */
export async function fileReference(s: Scenario, mimetype = "image/jpeg"): Promise<void> {
  assert.ok([200, 201].includes(s.response.status));
  assert.ok(s.response.body.renditions, "renditions");
  const uploaded = s.response.body;
  const read = await s.get(`/upload/${uploaded._id}`);
  assert.equal(read.status, 200);
  assert.match(read.headers.get("content-type")!, /^application\/json/);
  assert.ok(read.body.renditions);
  assert.equal(read.body.mimetype, mimetype);
  s.resources.fetched_data = uploaded;
}

/** `we get file metadata`: `filemeta_json` is a non-empty object. */
export function fileMetadata(s: Scenario): void {
  const meta = JSON.parse(s.response.body.filemeta_json);
  assert.ok(Object.keys(meta).length > 0, "expected non empty metadata dictionary");
}

/** `we get "<filename>" metadata`: `filemeta_json` holds each of `expected`'s tags. */
export function fileMetadataOf(s: Scenario, expected: Record<string, unknown>): void {
  const meta = JSON.parse(s.response.body.filemeta_json);
  for (const [tag, value] of Object.entries(expected)) assert.deepEqual(meta[tag], value, tag);
}

/** `we get "<type>" renditions`: each has href and media, and its href serves a JPEG. */
export async function renditionsOf(s: Scenario, type: keyof typeof RENDITIONS): Promise<void> {
  const renditions = s.response.body.renditions;
  assert.equal(typeof renditions, "object");
  for (const name of Object.keys(RENDITIONS[type])) {
    const rendition = renditions[name];
    assert.equal(typeof rendition, "object", name);
    assert.ok("href" in rendition && "media" in rendition, name);
    await canFetch(s, rendition.href, "image/jpeg");
  }
}

/**
 * `original rendition is updated with link to file having mimetype "<mimetype>"`: the response's
 * original rendition has an href that serves the file as `mimetype`.
 */
export async function originalRenditionOf(s: Scenario, mimetype: string): Promise<void> {
  const href = s.response.body.renditions?.original?.href;
  assert.ok(href, "the original rendition has no href");
  await canFetch(s, href, mimetype);
}

/**
 * `we get picture metadata "<media>"`: the stored file `media` holds each of `expected`'s photo
 * metadata values (read back from its XMP, as Superdesk's `read_metadata`).
 */
export async function pictureMetadataOf(
  s: Scenario,
  media: string,
  expected: Record<string, unknown>,
): Promise<void> {
  const file = await s.app.platform.services.media.get(media);
  assert.ok(file, `Binary for media id ${media} not found`);
  const metadata = readPhotoMetadata(await new Response(file.body()).bytes());
  for (const [key, value] of Object.entries(expected)) assert.deepEqual(metadata[key], value, key);
}

/** `we get cropped data smaller than "<max>"`: the stored file's length. */
export function croppedSmallerThan(s: Scenario, max: number): void {
  const meta = JSON.parse(s.resources.fetched_data.filemeta_json);
  assert.ok(meta.length < max, `was expecting smaller image: ${meta.length}`);
}

/** `we can fetch a data_uri`: the original's href serves a JPEG. */
export async function fetchDataUri(s: Scenario): Promise<void> {
  await canFetch(s, s.resources.fetched_data.renditions.original.href, "image/jpeg");
}

/** `we can delete that file`: DELETE answers 2xx, then the upload is a 404. */
export async function deleteThatFile(s: Scenario): Promise<void> {
  const url = `/upload/${s.resources.fetched_data._id}`;
  const deleted = await s.delete(url);
  assert.ok([200, 201, 204].includes(deleted.status), JSON.stringify(deleted.body));
  assert.equal((await s.get(url)).status, 404);
}

/** Superdesk's `we_can_fetch_a_file`: `href` answers 200, non-empty, of `mimetype`. */
export async function canFetch(s: Scenario, href: string, mimetype: string): Promise<void> {
  const response = await s.app.app.request(new URL(href).pathname, {
    headers: { Authorization: s.authorization ?? "" },
  });
  assert.equal(response.status, 200, href);
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.ok(bytes.byteLength > 0, href);
  assert.equal(response.headers.get("content-type"), mimetype);
}
