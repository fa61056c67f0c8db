/** Superdesk's features/content_crop.feature over HTTP. */
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";
import { givenRaw } from "./raw_given.ts";
import { PACKAGE_ENV } from "./_package_steps.ts";
import { expireItems, importLegalPublishQueue } from "./_expiry_steps.ts";
import { cropSizesVocabulary, fetchFileOk, rendition, uploadBike } from "./_crop_steps.ts";

const CROPS_4_3_16_9 = `"4-3": {"CropLeft":0,"CropRight":800,"CropTop":0,"CropBottom":600},
  "16-9": {"CropLeft":0,"CropRight":1280,"CropTop":0,"CropBottom":720}`;
const FEATURE_IMAGE =
  `{"associations": {"featureimage": {"_id": "bike", "poi": {"x": 0.2, "y": 0.3},
  "renditions": {
    "original": {"poi": {"y": 480, "x": 240}, "width": 1200, "height": 1600},
    "viewImage": {"poi": {"y": 192, "x": 96}, "width": 480, "height": 640},
    "baseImage": {"poi": {"y": 420, "x": 210}, "width": 1050, "height": 1400},
    "thumbnail": {"poi": {"y": 36, "x": 18}, "width": 90, "height": 120}}}}}`;

/**
 * The bike uploaded as "123" (by default a quarter of it: no step reads a crop's pixels, and the
 * crops' coordinates, checked against its stored size, still overlap it) and moved to the Sports
 * desk.
 */
async function bikeOnSports(s: Scenario, scale = 0.25): Promise<void> {
  await s.given("desks", `[{"name": "Sports"}]`);
  await uploadBike(s, "archive", { guid: "123", scale });
  await s.post(
    "/archive/123/move",
    `[{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
  );
  s.ok();
}

/** The bike uploaded as "bike", and a story "feature_image" featuring it with a point. */
async function featuredBike(s: Scenario): Promise<void> {
  await cropSizesVocabulary(s);
  await uploadBike(s, "archive", { guid: "bike" });
  await s.post("/archive", `[{"guid": "feature_image", "slugline": "feature_image"}]`);
  await s.patch(
    "/archive/feature_image",
    `{"associations": {"featureimage": {"_id": "bike", "poi": {"x": 0.2, "y": 0.3}}}}`,
  );
  s.ok();
  s.existingResource(FEATURE_IMAGE);
}

/** A subscriber of a product taking everything. */
async function channel3(s: Scenario): Promise<void> {
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"],
      "destinations":[{"name":"Test","format": "ninjs", "delivery_type":"PublicArchive",
        "config":{"recipients":"test@test.com"}}]}`,
  );
}

feature("content_crop", (f) => {
  f.scenario("Publish a picture with the crops succeeds", ["auth"], async (s) => {
    await cropSizesVocabulary(s);
    await s.given(
      "validators",
      `[{"_id": "publish_picture", "act": "publish", "type": "picture",
         "schema": {"renditions": {"type": "dict", "required": true, "schema": {
           "4-3": {"type": "dict", "required": true},
           "16-9": {"type": "dict", "required": true}}}}}]`,
    );
    await bikeOnSports(s);
    await s.patch("/archive/123", `{"renditions": {${CROPS_4_3_16_9}}}`);
    s.ok();
    await rendition(s, "4-3", "image/jpeg");
    await rendition(s, "16-9", "image/jpeg");
    await channel3(s);
    await s.publish("123", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.transmitItems();
    await importLegalPublishQueue(s);
    await s.get("/legal_archive/123");
    s.ok();
    await expireItems(s, `["123"]`);
    await s.get("/published");
    s.list(0);
    // The crops outlive the item's expiry (Superdesk keeps their files for the legal archive).
    await fetchFileOk(s, "#rendition.4-3.href#");
    await fetchFileOk(s, "#rendition.16-9.href#");
  }, { env: { PUBLISH_QUEUE_EXPIRY_MINUTES: "-1", LEGAL_ARCHIVE: "true" } });
  f.scenario("Correct a picture with the crops succeeds", ["auth"], async (s) => {
    await cropSizesVocabulary(s);
    const crops = (required: boolean) =>
      `{"renditions": {"type": "dict", "required": ${required}, "schema": {
        "small": {"type": "dict", "required": ${required}},
        "4-3": {"type": "dict", "required": ${required}},
        "16-9": {"type": "dict", "required": ${required}}}}}`;
    await s.given(
      "validators",
      `[{"_id": "publish_picture", "act": "publish", "type": "picture", "schema": ${crops(true)}},
        {"_id": "correct_picture", "act": "correct", "type": "picture", "schema": ${
        crops(false)
      }}]`,
    );
    // Whole: the `small` size (360 wide) is wider than a quarter of the bike.
    await bikeOnSports(s, 1);
    await s.patch(
      "/archive/123",
      `{"renditions": {"small": {"CropLeft":0,"CropRight":600,"CropTop":0,"CropBottom":600},
        ${CROPS_4_3_16_9}}}`,
    );
    await rendition(s, "small", "image/jpeg");
    await rendition(s, "4-3", "image/jpeg");
    await rendition(s, "16-9", "image/jpeg");
    await channel3(s);
    await s.publish("123", "publish", "published");
    s.ok();
    await s.publish(
      "123",
      "correct",
      "corrected",
      `{"renditions": {"4-3" : {"CropLeft":10,"CropRight":810,"CropTop":10,"CropBottom":610}},
        "correction_sequence": "2"}`,
    );
    s.ok(
      `{"renditions": {"4-3" : {"CropLeft":10,"CropRight":810,"CropTop":10,"CropBottom":610}}}`,
      { updated: true },
    );
    await fetchFileOk(s, "#rendition.4-3.href#");
    await s.get("/archive/123");
    await rendition(s, "4-3", "image/jpeg");
    await rendition(s, "16-9", "image/jpeg");
    await fetchFileOk(s, "#rendition.4-3.href#");
  });

  f.scenario("Create a story with a featured image", ["auth"], async (s) => {
    await featuredBike(s);
    await s.get("/archive/bike");
    s.ok();
    s.noKey("poi");
    await s.patch(
      "/archive/feature_image",
      `{"associations": {"featureimage": {"_id": "bike", "poi": {"x": 0.1, "y": 0.1},
        "renditions": {"16-9": {"CropLeft":0,"CropRight":1280,"CropTop":0,"CropBottom":720}}}}}`,
    );
    s.ok();
    s.existingResource(`{"associations": {"featureimage": {"_id": "bike",
      "poi": {"x": 0.1, "y": 0.1}, "renditions": {"16-9": {"poi": {"y": 160, "x": 120}}}}}}`);
  });

  f.scenario(
    "Create a new crop of an Image Story succeeds using archive",
    ["auth"],
    async (s) => {
      await cropSizesVocabulary(s);
      // A quarter of bike.jpg, as in `bikeOnSports`.
      await uploadBike(s, "archive", { guid: "123", scale: 0.25 });
      await s.patch(
        "/archive/123",
        `{"headline": "Adding Crop Image", "slugline": "crop image",
          "renditions": {${CROPS_4_3_16_9}}}`,
      );
      s.ok();
      await rendition(s, "4-3", "image/jpeg");
      await rendition(s, "16-9", "image/jpeg");
      s.existingResource(`{"headline": "Adding Crop Image", "slugline": "crop image",
        "renditions": {
          "4-3": {"CropLeft":0, "CropRight":800, "CropTop":0,"CropBottom":600,
            "mimetype": "image/jpeg", "href": "#rendition.4-3.href#"},
          "16-9": {"CropLeft":0, "CropRight":1280, "CropTop":0, "CropBottom":720,
            "mimetype": "image/jpeg", "href": "#rendition.16-9.href#"}}}`);
      await fetchFileOk(s, "#rendition.4-3.href#");
      await s.patch(
        "/archive/123",
        `{"headline": "replace crop", "slugline": "replace crop",
          "renditions": {"4-3": {"CropLeft":10,"CropRight":810,"CropTop":10,"CropBottom":610}}}`,
      );
      s.ok();
      await fetchFileOk(s, "#rendition.4-3.href#");
      await s.get("/archive/123");
      await rendition(s, "4-3", "image/jpeg");
      await rendition(s, "16-9", "image/jpeg");
      s.existingResource(`{"headline": "replace crop", "slugline": "replace crop",
        "renditions": {
          "4-3": {"CropLeft":10, "CropRight":810, "CropTop":10,"CropBottom":610,
            "mimetype": "image/jpeg", "href": "#rendition.4-3.href#"},
          "16-9": {"CropLeft":0, "CropRight":1280, "CropTop":0, "CropBottom":720,
            "mimetype": "image/jpeg", "href": "#rendition.16-9.href#"}}}`);
      await fetchFileOk(s, "#rendition.4-3.href#");
    },
  );

  f.scenario("Crop picture item without saving and return rendition url", ["auth"], async (s) => {
    await uploadBike(s, "archive", { guid: "123", scale: 0.25 });
    await s.post(
      "/picture_crop",
      `{"item": {"renditions": {"original": {"mimetype": "image/jpeg",
          "href": "#original.href#", "media": "#original.media#"}}},
        "crop": {"CropLeft": 0, "CropRight": 10, "CropTop": 0, "CropBottom": 10,
          "width": 5, "height": 10}}`,
    );
    s.newResource(`{"width": 5, "height": 10, "href": "__any_value__"}`);
  });

  f.scenario(
    'Verify the featured media item is marked as "used" when it is associated to a story',
    ["auth"],
    async (s) => {
      await featuredBike(s);
      await s.get("/archive/bike");
      s.existingResource(`{"_id": "bike", "used": true}`);
    },
  );

  f.scenario(
    "Ensure new media associated during correction of a story is marked as used",
    ["auth"],
    async (s) => {
      await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
      await givenRaw(
        s,
        "vocabularies",
        `[{"_id": "crop_sizes", "unique_field": "name", "items": [
          {"is_active": true, "name": "4-3", "width": 800, "height": 600},
          {"is_active": true, "name": "16-9", "width": 1280, "height": 720}]}]`,
      );
      await s.postWithSuccess(
        "/archive",
        `[{"guid": "123", "type": "text", "state": "fetched", "slugline": "slugline",
          "headline": "headline", "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}],
          "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
            "user": "#CONTEXT_USER_ID#"},
          "subject":[{"qcode": "17004000", "name": "Statistics"}],
          "body_html": "Test Document body",
          "dateline": {"date": "#DATE#", "located" : {"country" : "Afghanistan",
            "tz" : "Asia/Kabul", "city" : "Mazar-e Sharif", "alt_name" : "",
            "country_code" : "AF", "city_code" : "Mazar-e Sharif", "dateline" : "city",
            "state" : "Balkh", "state_code" : "AF.30"},
            "text" : "MAZAR-E SHARIF, Dec 30  -", "source": "AAP"}}]`,
      );
      s.ok();
      s.existingResource(
        `{"_current_version": 1, "state": "fetched",
          "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
      );
      for (const guid of ["bike", "bike_2"]) {
        await uploadBike(s, "archive", { guid, scale: 0.25 });
        await s.post(
          `/archive/${guid}/move`,
          `[{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
        );
        s.ok();
      }
      await s.patch(
        "/archive/123",
        `{"associations": {"featuremedia": {"_id": "bike", "type": "picture",
          "poi": {"x": 0.2, "y": 0.3}, "headline": "foo"}}}`,
      );
      s.ok();
      await s.publish("123", "publish", "published");
      s.ok();
      await s.enqueuePublished();
      await s.transmitItems();
      await importLegalPublishQueue(s);
      await s.publish(
        "123",
        "correct",
        "corrected",
        `{"body_html": "Corrected", "slugline": "corrected", "headline": "corrected",
          "associations": {"featuremedia": {"_id": "bike_2", "poi": {"x": 0.3, "y": 0.4},
            "alt_text": "bike", "headline": "bike", "description_text": "bike"}}}`,
      );
      s.ok();
      await s.get("/archive/bike");
      s.existingResource(`{"_id": "bike", "used": true}`);
      await s.get("/archive/bike_2");
      s.existingResource(`{"_id": "bike_2", "used": true}`);
      s.ok();
    },
    // Superdesk's test settings publish a story's associated items with it.
    { env: { ...PACKAGE_ENV, LEGAL_ARCHIVE: "true" } },
  );

  f.scenario("Crop picture item fails crops not provided", ["auth"], async (s) => {
    await uploadBike(s, "archive", { guid: "123", scale: 0.25 });
    await s.post(
      "/picture_crop",
      `{"item": {"renditions": {"original": {"mimetype": "image/jpeg",
          "href": "#original.href#", "media": "#original.media#"}}}, "crop": {}}`,
    );
    s.code(400);
  });
});
