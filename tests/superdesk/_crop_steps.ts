/**
 * The picture steps of Superdesk's crop and rendition features (superdesk/tests/steps.py):
 * `upload a file "bike.jpg" to "archive" with "<guid>"`, `we get rendition "<name>" with
 * mimetype "<type>"` and `we fetch a file "<url>"`, and the `crop_sizes` the `@vocabulary` tag
 * loads. bike.jpg is made here at its size (1200×1600, which the points of interest expect), or
 * at a quarter of it where no step reads its pixels (decoding the full size costs ~1 s).
 */
import assert from "node:assert/strict";
import { givenRaw } from "./raw_given.ts";
import { canFetch, picture, uploadFile } from "./_media_steps.ts";
import type { Scenario } from "./scenario.ts";

const bikes = new Map<number, Promise<Uint8Array<ArrayBuffer>>>();

/** Superdesk's fixture bike.jpg, a 1200×1600 JPEG, at `scale` (made once per test file). */
export async function bike(scale = 1) {
  if (!bikes.has(scale)) bikes.set(scale, picture(1200 * scale, 1600 * scale));
  return { bytes: await bikes.get(scale)!, filename: "bike.jpg", type: "image/jpeg" };
}

/** `(we) upload a file "bike.jpg" to "<dest>"`, with `guid` as Superdesk's step sets it. */
export async function uploadBike(
  s: Scenario,
  dest: string,
  { guid, scale = 1 }: { guid?: string; scale?: number } = {},
): Promise<void> {
  const fields: Record<string, string> = guid
    ? { guid, headline: "bike.jpg", alt_text: "bike.jpg", description_text: "bike.jpg" }
    : {};
  await uploadFile(s, dest, await bike(scale), fields);
  if (guid && dest === "archive") {
    s.placeholders["original.href"] = s.response.body.renditions.original.href;
    s.placeholders["original.media"] = s.response.body.renditions.original.media;
  }
}

/** `we get rendition "<name>" with mimetype "<type>"`: its href serves it; kept as placeholder. */
export async function rendition(s: Scenario, name: string, mimetype: string): Promise<void> {
  const found = s.response.body?.renditions?.[name];
  assert.equal(typeof found, "object", `rendition ${name}`);
  assert.ok(found.href, `href of ${name}`);
  await canFetch(s, found.href, mimetype);
  s.placeholders[`rendition.${name}.href`] = found.href;
}

/** `we fetch a file "<url>"` and `we get OK response`: the href serves it. */
export async function fetchFileOk(s: Scenario, url: string): Promise<void> {
  const href = url.replace(/#([^#]+)#/g, (_, name) => String(s.placeholders[name]));
  const response = await s.app.app.request(new URL(href).pathname, {
    headers: { Authorization: s.authorization ?? "" },
  });
  await response.body?.cancel();
  assert.equal(response.status, 200, href);
}

/** The `crop_sizes` of Superdesk's features/steps/fixtures/vocabularies.json (`@vocabulary`). */
export async function cropSizesVocabulary(s: Scenario): Promise<void> {
  await givenRaw(
    s,
    "vocabularies",
    `[{"_id": "crop_sizes", "display_name": "Image Crop Sizes", "type": "manageable",
       "items": [{"is_active": true, "name": "small", "width": 360},
                 {"is_active": true, "name": "4-3", "ratio": "4:3"},
                 {"is_active": true, "name": "square", "ratio": "1:1"},
                 {"is_active": true, "name": "16-9", "ratio": "16:9"}]}]`,
  );
}
