/** Superdesk's features/archive.feature over HTTP. */
import { feature } from "./feature.ts";
import {
  fileMetadataOf,
  mp4Video,
  oggVorbis,
  originalRenditionOf,
  picture,
  renditionsOf,
  uploadFile,
  withBikeExif,
} from "./_media_steps.ts";
import { cropSizesVocabulary } from "./_crop_steps.ts";
import type { Scenario } from "./scenario.ts";

const XYZ_AND_ABC = `[{"type":"text", "headline": "test1", "_id": "xyz", "original_creator": "abc"},
  {"type":"text", "headline": "test1", "_id": "abc", "original_creator": "abc"}]`;
const DATELINE = `{
  "date": "#DATE#",
  "located" : {"country" : "Afghanistan", "tz" : "Asia/Kabul", "city" : "Mazar-e Sharif",
    "alt_name" : "", "country_code" : "AF", "city_code" : "Mazar-e Sharif", "dateline" : "city",
    "state" : "Balkh", "state_code" : "AF.30"}}`;
const ON_SPORTS =
  `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "#CONTEXT_USER_ID#",
  "state": "submitted", "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body",
  "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
  "dateline": ${DATELINE}}]`;
/**
 * Superdesk's fixture green.ogg, as an Ogg Vorbis file made here with its headers and tags, and
 * `we get "green.ogg" metadata`'s values (its `length` is this file's size).
 */
function green() {
  const bytes = oggVorbis();
  const metadata = {
    producer: "Lavf54.59.103",
    music_genre: "New Age",
    sample_rate: "44100",
    artist: "Maxime Abbey",
    length: bytes.byteLength,
    bit_rate: "160000",
    title: "Green Hills",
    mime_type: "audio/vorbis",
    format_version: "Vorbis version 0",
    compression: "Vorbis",
    duration: "0:00:20.088163",
    endian: "Little endian",
    nb_channel: "2",
  };
  return { file: { bytes, filename: "green.ogg", type: "audio/ogg" }, metadata };
}

/**
 * The steps of the audio and video upload scenarios: `fixture` uploaded into archive, its
 * metadata and original rendition checked, then described (byline "foo") and listed.
 */
async function uploadAndDescribe(
  s: Scenario,
  { file, metadata }: {
    file: { bytes: Uint8Array<ArrayBuffer>; filename: string; type: string };
    metadata: Record<string, unknown>;
  },
  { headline, description }: { headline: string; description: string },
) {
  await s.givenEmpty("archive");
  await uploadFile(s, "archive", file);
  s.newResource(`{"guid": "__any_value__", "state": "in_progress"}`);
  fileMetadataOf(s, metadata);
  await originalRenditionOf(s, file.type);
  const described = { headline, byline: "foo", description_text: description };
  await s.patchLatest(JSON.stringify(described));
  await s.get("/archive");
  s.list(
    1,
    JSON.stringify({ _items: [{ ...described, state: "in_progress", sign_off: "abc" }] }),
  );
}

/** Superdesk's fixture this_week_nasa.mp4, as an MP4 file made here with its movie headers. */
function nasa() {
  const bytes = mp4Video();
  const metadata = {
    mime_type: "video/mp4",
    creation_date: "1904-01-01T00:00:00+00:00",
    duration: "0:00:10.224000",
    width: "480",
    length: bytes.byteLength,
    comment: "User volume: 100.0%",
    height: "270",
    endian: "Big endian",
    last_modification: "1904-01-01T00:00:00+00:00",
  };
  return { file: { bytes, filename: "this_week_nasa.mp4", type: "video/mp4" }, metadata };
}

/**
 * Superdesk's fixture bike.jpg, as a picture made here with some of its EXIF tags (at its
 * 1200×1600 where a point of interest is placed in its pixels).
 */
async function bike(width = 300, height = 200) {
  const bytes = withBikeExif(await picture(width, height));
  return { bytes, filename: "bike.jpg", type: "image/jpeg" };
}

/** The system renditions of the featured media fixtures (`<file><suffix>.jpg`, `<media>`). */
function systemRenditions(hrefSuffix: string, mediaSuffix: string) {
  const sizes = {
    original: ["orig", 4032, 3024, 3024, 756],
    baseImage: ["baseImage", 1400, 1050, 1050, 262],
    thumbnail: ["thumbnail", 160, 120, 120, 30],
    viewImage: ["viewImage", 640, 480, 480, 120],
  } as const;
  return Object.fromEntries(
    Object.entries(sizes).map(([name, [file, width, height, x, y]]) => [name, {
      href: `http://localhost:5000/api/upload-raw/${file}${hrefSuffix}.jpg`,
      media: `${file}${mediaSuffix}`,
      mimetype: "image/jpeg",
      width,
      height,
      poi: { x, y },
    }]),
  );
}

/** A custom crop of the featured media fixtures. */
function customCrop(file: string, box: [number, number, number, number], poi: [number, number]) {
  const [CropLeft, CropRight, CropTop, CropBottom] = box;
  const [width, height] = file.startsWith("600x800") ? [800, 600] : [1280, 720];
  return {
    poi: { x: poi[0], y: poi[1] },
    CropLeft,
    CropRight,
    CropTop,
    CropBottom,
    width,
    height,
    href: `http://localhost:5000/api/upload-raw/${file}.jpg`,
    media: file,
    mimetype: "image/jpeg",
  };
}

const FEATURE_ID =
  "urn:newsml:localhost:5000:2018-12-14T11:31:26.088056:5c45850b-2985-42b3-9ae3-a42ad3c3bc28";
const NEW_FEATURE_ID =
  "urn:newsml:localhost:5000:2018-12-14T11:31:26.088056:5c45850b-2985-42b3-9ae3-new";

/** The featured media association of those scenarios, with `renditions`. */
function featureMedia(id: string, renditions: Record<string, unknown>) {
  return {
    _id: id,
    media: "5c13867efe985edfc9223480",
    type: "picture",
    format: "HTML",
    renditions,
  };
}

feature("archive", (f) => {
  f.scenario("List empty archive", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.get("/archive");
    s.list(0);
  });

  f.scenario("Get archive item by guid", ["auth"], async (s) => {
    await s.given("archive", `[{"guid": "tag:example.com,0000:newsml_BRE9A605"}]`);
    await s.get("/archive/tag:example.com,0000:newsml_BRE9A605");
    s.existingResource(`{"guid": "tag:example.com,0000:newsml_BRE9A605", "state": "draft"}`);
  });

  f.scenario("Don't get published archive item by guid", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"guid": "tag:example.com,0000:newsml_BRE9A605", "state": "published"}]`,
    );
    await s.get("/archive");
    s.list(0);
  });

  f.scenario("Update item", ["auth"], async (s) => {
    await s.given("archive", `[{"_id": "xyz", "guid": "testid", "headline": "test"}]`);
    await s.patchGiven("archive", `{"headline": "TEST 2", "urgency": 2}`);
    await s.patchLatest(
      `{"headline": "TEST 3", "state": "in_progress", "body_html": "<p>some content</p>"}`,
    );
    s.ok(`{"word_count": 2, "operation": "update"}`, { updated: true });
    s.version(3);
    await s.etagMatching("/archive/xyz");
    await s.get("/archive/xyz?version=all");
    s.list(3);
  });

  f.scenario("Force update sign-off", ["auth"], async (s) => {
    await s.given("archive", `[{"_id": "xyz", "guid": "testid", "headline": "test"}]`);
    await s.patchGiven("archive", `{"headline": "TEST 2", "sign_off": "abc"}`);
    await s.patchLatest(`{"headline": "TEST 3", "sign_off": "123"}`);
    s.ok(`{"headline": "TEST 3", "sign_off": "123"}`, { updated: true });
  });

  f.scenario("Update item and keep version", ["auth"], async (s) => {
    await s.given("archive", `[{"_id": "item-1", "guid": "item-1", "headline": "test"}]`);
    await s.patchGiven("archive", `{"headline": "another"}`);
    // No such route in Superdesk either: its answer is not checked, the version must stay.
    await s.post("archive/item-1/autosave", `{"headline": "another one", "state": "in_progress"}`);
    await s.get("archive/item-1");
    s.version(2);
  });

  f.scenario("Restore version", ["auth"], async (s) => {
    await s.given("archive", `[{"guid": "testid", "headline": "test"}]`);
    await s.patchGiven("archive", `{"headline": "TEST 2", "urgency": 2}`);
    await s.restoreVersion(1);
    s.ok(`{"operation": "restore"}`, { updated: true });
    s.version(3);
    s.fieldValue("headline", "test");
  });

  f.scenario("Upload image with point of interest into archive", ["auth"], async (s) => {
    await cropSizesVocabulary(s);
    await s.givenEmpty("archive");
    await uploadFile(s, "archive", await bike(1200, 1600));
    s.newResource(`{"guid": "__any_value__", "firstcreated": "__any_value__",
      "versioncreated": "__any_value__", "state": "in_progress", "profile": "picture",
      "type": "picture"}`);
    fileMetadataOf(s, { ycbcrpositioning: 1, exifimagewidth: 2448 });
    await renditionsOf(s, "picture");
    await s.patchLatest(`{"renditions": {
        "4-3": {"CropBottom": 1100, "CropLeft": 100, "CropRight": 900, "CropTop": 500},
        "thumbnail": {"width": 90, "height": 120}},
      "poi": {"x": 0.41, "y": 0.52}}`);
    await s.get("/archive");
    s.list(
      1,
      `{"_items": [{"renditions": {
          "4-3": {"CropBottom": 1100, "CropLeft": 100, "CropRight": 900, "CropTop": 500,
            "poi": {"y": 332, "x": 391}},
          "thumbnail": {"width": 90, "height": 120, "poi": {"x": 36, "y": 62}}},
        "poi": {"x": 0.41, "y": 0.52}}]}`,
    );
  });

  f.scenario("Upload image into archive and validate metadata set by API", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    const file = await bike();
    await uploadFile(s, "archive", file);
    s.newResource(`{"guid": "__any_value__", "firstcreated": "__any_value__",
      "versioncreated": "__any_value__", "state": "in_progress"}`);
    // bike.jpg's tags that exif-parser names as PIL (README, Media: the others are named apart).
    fileMetadataOf(s, {
      ycbcrpositioning: 1,
      exifimagewidth: 2448,
      meteringmode: 2,
      exposuremode: 0,
    });
    await renditionsOf(s, "picture");
    await s.patchLatest(
      `{"headline": "flower", "byline": "foo", "description_text": "flower desc"}`,
    );
    await s.get("/archive");
    // Superdesk leaves a personal item's expiry out (`__no_value__`); ours is null (README, Media).
    s.list(
      1,
      `{"_items": [{"headline": "flower", "byline": "foo", "description_text": "flower desc",
        "pubstatus": "usable", "language": "en", "state": "in_progress", "sign_off": "abc",
        "expiry": "__none__"}]}`,
    );
  });

  f.scenario(
    "Upload audio file into archive and validate metadata set by API",
    ["auth"],
    (s) => uploadAndDescribe(s, green(), { headline: "green", description: "green music" }),
  );

  f.scenario(
    "Upload video file into archive and validate metadata set by API",
    ["auth"],
    (s) => uploadAndDescribe(s, nasa(), { headline: "week @ nasa", description: "nasa video" }),
  );

  f.scenario("Browse private content", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "testid1"},
        {"type":"text", "headline": "test2", "guid": "testid2"}]`,
    );
    await s.get("/archive");
    s.list(0);
  });

  f.scenario("Browse public content", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports Desk", "content_expiry": 60}]`);
    await s.given(
      "archive",
      `[{"_id": "testid1", "guid": "testid1", "task": {"desk": "#desks._id#"}, "state": "fetched"}]`,
    );
    await s.get("/archive");
    s.list(1);
    await s.get("archive/testid1");
    s.expiryWithin();
  });

  f.scenario(`Delete archive item with guid starting with "-"`, ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.post("/archive", `[{"guid": "-abcde1234567890", "type": "text"}]`);
    await s.deleteLatest();
    s.code(405);
  });

  f.scenario("Create new text item and validate metadata set by API", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.post("/archive", `[{"type": "text", "body_html": "<p>content</p>"}]`);
    s.newResource(`{"_id": "__any_value__", "guid": "__any_value__", "type": "text",
      "original_creator": "__any_value__", "word_count": 1, "operation": "create", "sign_off": "abc",
      "_type": "archive"}`);
  });

  f.scenario("Update text item with Metadata", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "_id": "xyz", "original_creator": "abc"}]`,
    );
    await s.patchGiven(
      "archive",
      `{"word_count" : "6", "keywords" : ["Test"], "urgency" : "4", "byline" : "By Line", "language": "en",
        "genre" : [{"name": "Test"}], "anpa_category" : [{"qcode" : "A", "name" : "Australian News"}],
        "subject" : [{"qcode" : "11007000", "name" : "human rights"},
          {"qcode" : "11014000", "name" : "treaty and international organisation-DEPRECATED"}]}`,
    );
    s.ok(
      `{ "headline": "test1", "pubstatus" : "usable", "byline" : "By Line", "genre": [{"name": "Test"}]}`,
      { updated: true },
    );
    s.version(2);
  });

  f.scenario("Unique Name should be unique", ["auth"], async (s) => {
    await s.given("archive", XYZ_AND_ABC);
    await s.patch("/archive/xyz", `{"unique_name": "unique_xyz"}`);
    await s.patch("/archive/abc", `{"unique_name": "unique_xyz"}`);
    s.code(400);
  });

  f.scenario("Unique Name can be updated by administrator", ["auth"], async (s) => {
    await s.given("archive", XYZ_AND_ABC);
    await s.patch("/archive/xyz", `{"unique_name": "unique_xyz"}`);
    s.code(200);
  });

  f.wrong(
    "Unique Name can be updated only by user having privileges",
    "test_user, no longer an administrator, grants itself metadata_uniquename, which it does " +
      "not hold: nobody can grant a privilege they lack here, themselves included (Superdesk " +
      "lets a holder of `users` raise their own privileges)",
  );

  f.scenario(
    "State of an Uploaded Image, submitted to a desk when updated should change to in-progress",
    ["auth"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.given("desks", `[{"name": "Sports"}]`);
      await uploadFile(s, "archive", await bike());
      s.newResource(`{"guid": "#archive._id#", "firstcreated": "__any_value__",
        "versioncreated": "__any_value__", "state": "in_progress"}`);
      await s.patchLatest(
        `{"headline": "flower", "byline": "foo", "description_text": "flower desc"}`,
      );
      await s.get("/archive");
      s.list(
        1,
        `{"_items": [{"headline": "flower", "byline": "foo", "description_text": "flower desc",
          "pubstatus": "usable", "language": "en", "state": "in_progress"}]}`,
      );
      await s.patch("/archive/#archive._id#", `{"task": {"desk": "#desks._id#"}}`);
      await s.patch("/archive/#archive._id#", `{"headline": "FLOWER"}`);
      await s.get("/archive");
      s.list(1, `{"_items": [{"state": "in_progress"}]}`);
    },
  );

  f.scenario("Cannot delete desk when it has article(s)", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.givenEmpty("archive");
    await s.post("/desks", `{"name": "Sports"}`);
    await s.post(
      "/archive",
      `[{"type": "text", "body_html": "<p>content</p>", "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
    );
    await s.delete("/desks/#desks._id#");
    s.code(
      412,
      `{"_message": "Cannot delete desk as it has article(s) or referenced by versions of the article(s)."}`,
    );
  });

  f.scenario(
    "Cannot delete desk when it is still referenced in archive version",
    ["auth"],
    async (s) => {
      await s.givenEmpty("desks");
      await s.givenEmpty("archive");
      await s.postWithTag(
        "/desks",
        "SPORTS_DESK_ID",
        `{"name": "Sports", "desk_type": "authoring"}`,
      );
      await s.post(
        "/archive",
        `[{"guid": "123", "type": "text", "body_html": "<p>content</p>", "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
      );
      s.ok();
      await s.post("/desks", `{"name": "National", "desk_type": "authoring"}`);
      await s.post(
        "/archive/123/move",
        `[{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
      );
      s.ok();
      await s.delete("/desks/#SPORTS_DESK_ID#");
      s.code(
        412,
        `{"_message": "Cannot delete desk as it has article(s) or referenced by versions of the article(s)."}`,
      );
    },
  );

  f.scenario("Sign-off is updated when multiple users modify the article", ["auth"], async (s) => {
    await s.post("/archive", `[{"type": "text", "body_html": "<p>content</p>"}]`);
    s.newResource(`{"type": "text", "sign_off":"abc"}`);
    await s.switchUser();
    await s.patchLatest(`{"headline": "test4"}`);
    s.ok(`{"headline": "test4", "sign_off": "abc/foo"}`, { updated: true });
    await s.patchLatest(`{"headline": "test3"}`);
    s.ok(`{"headline": "test3", "sign_off": "abc/foo"}`, { updated: true });
  });

  f.scenario("Sign-off is updated when same user updates story twice", ["auth"], async (s) => {
    await s.post("/archive", `[{"_id": "123", "type": "text", "body_html": "<p>content</p>"}]`);
    s.newResource(`{"type": "text", "sign_off":"abc"}`);
    await s.switchUser();
    await s.patchLatest(`{"headline": "test4"}`);
    s.ok(`{"headline": "test4", "sign_off": "abc/foo"}`, { updated: true });
    await s.setupTestUser();
    await s.patch("/archive/123", `{"headline": "test5"}`);
    s.ok(`{"headline": "test5", "sign_off": "foo/abc"}`, { updated: true });
  });

  f.scenario("Assign a default values to user created content Items", ["auth"], async (s) => {
    await s.post("/archive", `[{"type": "text", "body_html": "<p>content</p>"}]`);
    s.newResource(`{"type": "text", "source":"AAP", "priority":6, "urgency":3,
      "genre": [{"qcode": "Article", "name": "Article (news)"}]}`);
  });

  f.scenario(
    "Default Metadata is copied from user preferences for new articles",
    ["auth"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.haveSessions("/sessions");
      await s.get("/preferences/#SESSION_ID#");
      await s.patchLatest(`{"user_preferences": {
        "dateline:located": {"located" : {"dateline" : "city", "city" : "Sydney",
          "city_code" : "Sydney", "country" : "Australia", "country_code" : "AU",
          "state" : "New South Wales", "state_code" : "NSW", "tz" : "Australia/Sydney"}},
        "article:default:place": {"place" : [{"qcode" : "ACT", "name" : "ACT"}]}}}`);
      await s.patch("/users/#CONTEXT_USER_ID#", `{"byline": "by Context User"}`);
      await s.post(
        "/archive",
        `[{"guid": "123", "headline": "Article with Dateline populated from preferences"}]`,
      );
      await s.get("/archive/123");
      s.existingResource(`{"byline": "by Context User", "dateline": {"located": {"city": "Sydney"}},
        "place" : [{"qcode" : "ACT", "name" : "ACT"}]}`);
    },
  );

  f.scenario("Sign-off is updated when other user restores version", ["auth"], async (s) => {
    await s.post(
      "/archive",
      `[{"type": "text", "headline": "test1", "body_html": "<p>content</p>"}]`,
    );
    s.newResource(`{"type": "text", "sign_off":"abc"}`);
    await s.patchLatest(`{"headline": "test4"}`);
    s.ok(`{"headline": "test4", "sign_off": "abc"}`, { updated: true });
    await s.switchUser();
    await s.restoreVersion(1);
    await s.get("/archive/#archive._id#");
    s.existingResource(`{"headline": "test1", "sign_off": "abc/foo"}`);
  });

  f.scenario("Should not allow duplicate anpa category codes", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "_id": "xyz", "original_creator": "abc"}]`,
    );
    await s.patch("/archive/xyz", `{"anpa_category": [{"qcode": "a"}, {"qcode": "a"}]}`);
    s.code(
      400,
      `{"_issues": {"validator exception": "400: Duplicate category codes are not allowed"}, "_status": "ERR"}`,
    );
  });

  f.scenario("Should not allow duplicate subject codes", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "_id": "xyz", "original_creator": "abc"}]`,
    );
    const bullfighting = `{"name" : "bullfighting", "parent" : "01000000", "qcode" : "01003000"`;
    await s.patch("/archive/xyz", `{"subject": [${bullfighting}}, ${bullfighting}}]}`);
    s.code(
      400,
      `{"_issues": {"validator exception": "400: Duplicate subjects are not allowed"}, "_status": "ERR"}`,
    );
    await s.patch(
      "/archive/xyz",
      `{"subject": [${bullfighting}}, ${bullfighting}, "scheme": "foo"}]}`,
    );
    s.ok();
  });

  f.scenario("Create content on a desk with no source setting on the desk", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "sports"}]`);
    await s.given("archive", ON_SPORTS);
    await s.get("archive/123");
    s.ok();
    s.existingResource(`{"guid": "123", "source": "AAP", "dateline": {"source": "AAP"}}`);
  });

  f.scenario("Create content on a desk with source setting on the desk", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "sports", "source": "FOO"}]`);
    await s.given("archive", ON_SPORTS);
    await s.get("archive/123");
    s.ok();
    s.existingResource(`{"guid": "123", "source": "FOO", "dateline": {"source": "FOO"}}`);
  });

  f.scenario("Hide version 0 items from lists", ["auth"], async (s) => {
    await s.post("/archive", `{"version": 0, "type": "text"}`);
    await s.get("/archive");
    s.list(0);
  });

  f.scenario("Create content on a desk that has set default language", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "sports", "desk_language": "ro"}]`);
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "task": {"desk": "#desks._id#"}}]`,
    );
    await s.get("archive/123");
    s.ok();
    s.existingResource(`{"guid": "123", "language": "ro"}`);
  });

  f.scenario("Remove _type field from associated items", ["auth"], async (s) => {
    await s.post(
      "/archive",
      `[{"guid": "123", "type": "text", "headline": "test", "state": "in_progress",
        "associations": {"editor_0": {"guid": "234", "type": "picture", "slugline": "s234",
          "state": "in_progress", "headline": "some headline", "_type": "archive"}}}]`,
    );
    s.ok();
    s.existingResource(
      `{"guid": "123", "associations": {"editor_0": {"guid": "234", "_type": "__no_value__"}}}`,
    );
    await s.patch(
      "/archive/123",
      `{"associations": {"editor_0": {"guid": "234", "_type": "archive"}}}`,
    );
    s.ok();
    s.existingResource(
      `{"guid": "123", "associations": {"editor_0": {"guid": "234", "_type": "__no_value__"}}}`,
    );
  });

  f.scenario(
    "Set _updated and _created as proper timestamps in associations",
    ["auth"],
    async (s) => {
      await s.given(
        "archive",
        `[{"guid": "234", "type": "picture", "headline": "picture", "renditions": {"original": {}}}]`,
      );
      await s.post(
        "/archive",
        `[{"guid": "123", "type": "text", "headline": "test", "state": "in_progress",
        "associations": {"editor_0": {"guid": "234", "type": "picture", "slugline": "s234",
          "state": "in_progress", "headline": "some headline", "_updated": "2018-05-01 22:01:46.000Z",
          "renditions": {"original": {}}}}}]`,
      );
      s.ok();
      s.existingResource(`{"guid": "123", "associations": {"editor_0": {"_updated": "__now__"}}}`);
      await s.patch(
        "/archive/123",
        `{"associations": {"editor_0": {"_id": "234", "_updated": "2018-05-01 22:01:46.000Z"}}}`,
      );
      s.ok();
      s.existingResource(`{"guid": "123", "associations": {"editor_0": {"_updated": "__now__"}}}`);
    },
  );

  f.scenario("It can save annotations", ["auth"], async (s) => {
    await s.post(
      "/archive",
      `[{"guid": "123", "type": "text", "headline": "test", "state": "in_progress",
        "dateline": {"date": "#DATE#"},
        "annotations": [{"id": 1, "type": "regular", "body": "<p>foo</p>"}]}]`,
    );
    s.ok();
  });

  f.scenario("Update feature media with custom renditions", ["auth"], async (s) => {
    const crop600 = (suffix: string) =>
      customCrop(`600x800${suffix}`, [12, 4032, -3, 3024], [3012, 759]);
    const before = {
      ...systemRenditions("", ""),
      "600x800": crop600(""),
      "1280x720": customCrop("1280x720", [0, 4032, 0, 2277], [3024, 756]),
    };
    const after = { ...systemRenditions("_new", "_new"), "600x800": crop600("_new") };
    await s.given(
      "archive",
      JSON.stringify([{
        guid: "tag:example.com,0000:newsml_BRE9A605",
        associations: { featuremedia: featureMedia(FEATURE_ID, before) },
      }]),
    );
    const patch = { associations: { featuremedia: featureMedia(FEATURE_ID, after) } };
    await s.patchGiven("archive", JSON.stringify(patch));
    await s.get("/archive/tag:example.com,0000:newsml_BRE9A605");
    // Superdesk's `flush_renditions` nulls the old crop; a PATCH replaces the association whole
    // here (README, PATCH replaces), so the old crop is gone rather than null.
    const expected = featureMedia(FEATURE_ID, { ...after, "1280x720": "__none__" });
    s.existingResource(JSON.stringify({ associations: { featuremedia: expected } }));
  });

  f.scenario("Add and retrieve related item", ["auth"], async (s) => {
    await s.given("archive", `[{"_id": "item-1", "guid": "item-1", "headline": "test-one"}]`);
    await s.post(
      "/archive",
      `[{"guid": "item-2", "type": "text", "headline": "test", "state": "in_progress",
        "associations": {"test--1":{"_id": "item-1", "guid": "item-1", "headline": "test-one"}}}]`,
    );
    s.ok();
    s.existingResource(`{"guid": "item-2", "associations": {"test--1": {"_id": "item-1"}}}`);
    await s.get("archive/item-2");
    s.existingResource(
      `{"guid": "item-2", "type": "text", "headline": "test", "state": "in_progress",
      "associations": {"test--1":{"_id": "item-1"}}}`,
    );
  });

  f.scenario(
    "It should remove association from elastic via setting it to null",
    ["auth"],
    async (s) => {
      await s.given("archive", `[{"_id": "item-1", "guid": "item-1", "headline": "test-one"}]`);
      await s.post(
        "/archive",
        `[{"guid": "item-2", "type": "text", "headline": "test", "state": "in_progress",
          "associations": {"foo": {"_id": "item-1", "guid": "item-1", "headline": "test-one"}}}]`,
      );
      await s.patch("/archive/item-2", `{"associations": {"foo": null}}`);
      await s.get("/archive/item-2");
      s.existingResource(`{"associations": {"foo": null}}`);
      await s.get("/archive");
      s.list(1, `{"_items": [{"_id": "item-2", "associations": {"foo": null}}]}`);
    },
  );

  f.scenario("Add external_source items as related items", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "type": "text", "headline": "test", "state": "in_progress", "_type": "archive"}]`,
    );
    await s.patchGiven(
      "archive",
      `{"associations": {"foo--1": {"headline": "flower", "byline": "foo", "description_text": "flower desc", "_type": "externalsource"}}}`,
    );
    await s.get("/archive/item-1");
    s.existingResource(
      `{"associations": {"foo--1": {"headline": "flower", "byline": "foo", "description_text": "flower desc"}}}`,
    );
  });

  /** A `fields_meta` entry holding one unstyled Draft.js block of `text`. */
  const draft = (key: string, text: string) =>
    `{"draftjsState": [{"blocks": [{"key": "${key}", "text": ${JSON.stringify(text)},
    "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": [],
    "data": {"MULTIPLE_HIGHLIGHTS": {}}}], "entityMap": {}}]}`;
  const HIGHLAWS =
    'The name of Highlaws comes from the Old English hēah-hlāw, meaning "high mounds".';

  f.scenario("body_html is generated from draftJS state", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "test_editor_gen_1", "guid": "test_editor_gen_1", "headline": "test",
      "associations": {"foo": {"type": "text"}}}]`,
    );
    await s.patchGiven("archive", `{"fields_meta": {"body_html": ${draft("fcbn3", HIGHLAWS)}}}`);
    await s.get("/archive/test_editor_gen_1");
    s.existingResource(`{"_id": "test_editor_gen_1", "guid": "test_editor_gen_1",
      "headline": "test", "body_html": ${JSON.stringify(`<p>${HIGHLAWS}</p>`)},
      "fields_meta": {"body_html": ${draft("fcbn3", HIGHLAWS)}},
      "associations": {"foo": {"type": "text"}}}`);
  });

  f.scenario("headline is generated from draftJS state", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "test_editor_gen_2", "guid": "test_editor_gen_2", "headline": "test"}]`,
    );
    const headline = draft("dphij", "editor 3 headline test");
    await s.patchGiven("archive", `{"fields_meta": {"headline": ${headline}}}`);
    await s.get("/archive/test_editor_gen_2");
    s.existingResource(`{"_id": "test_editor_gen_2", "guid": "test_editor_gen_2",
      "headline": "editor 3 headline test", "fields_meta": {"headline": ${headline}}}`);
  });

  f.scenario(
    "Fix updating editor state removing other keys from extra dict (SDFID-641)",
    ["auth"],
    async (s) => {
      await s.given(
        "archive",
        `[{"_id": "test_editor_gen_2", "guid": "test_editor_gen_2", "headline": "test",
        "extra": {"foo": "foo"}}]`,
      );
      await s.patchGiven(
        "archive",
        `{"fields_meta": {"headline": ${draft("dphij", "editor 3 headline test")},
        "extra>bar": ${draft("dphij", "bar")}}}`,
      );
      await s.get("/archive/test_editor_gen_2");
      s.existingResource(`{"_id": "test_editor_gen_2", "guid": "test_editor_gen_2",
        "headline": "editor 3 headline test", "extra": {"foo": "foo", "bar": "<p>bar</p>"}}`);
    },
  );
  // Run without COPY_METADATA_FROM_PARENT (off by default): the flag changes nothing here, where
  // the association names another stored item (Superdesk then reads that item either way).
  f.scenario(
    "Update feature media with different item and copy metadata flag",
    ["auth"],
    async (s) => {
      const stored = systemRenditions("", "");
      const crop43 = customCrop("600x800", [12, 4032, -3, 3024], [3012, 759]);
      const renditions = systemRenditions("_new", "_new");
      await s.given(
        "archive",
        JSON.stringify([
          {
            guid: "tag:example.com,0000:newsml_BRE9A605",
            associations: { featuremedia: featureMedia(FEATURE_ID, { ...stored, "4-3": crop43 }) },
          },
          {
            _id: NEW_FEATURE_ID,
            type: "picture",
            format: "HTML",
            renditions: systemRenditions("_new", ""),
          },
        ]),
      );
      const patch = { associations: { featuremedia: featureMedia(NEW_FEATURE_ID, renditions) } };
      await s.patch("/archive/tag:example.com,0000:newsml_BRE9A605", JSON.stringify(patch));
      await s.get("/archive/tag:example.com,0000:newsml_BRE9A605");
      const expected = featureMedia(NEW_FEATURE_ID, { ...renditions, "4-3": "__none__" });
      s.existingResource(JSON.stringify({ associations: { featuremedia: expected } }));
    },
  );
  // DEFAULT_CONTENT_TYPE is for text: a picture's profile is its type, as Superdesk keeps it.
  f.scenario("Uploaded image should not get DEFAULT_CONTENT_TYPE assigned", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await uploadFile(s, "archive", await bike());
    s.newResource(`{"profile": "picture"}`);
  }, { env: { DEFAULT_CONTENT_TYPE: "bar" } });
});
