/**
 * Superdesk's features/content_publish.feature, the scenarios of publishing a story's associated
 * items with it (`PUBLISH_ASSOCIATED_ITEMS`, on in Superdesk's test settings).
 */
import { feature } from "./feature.ts";
import { PACKAGE_ENV } from "./_package_steps.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

const TASK =
  `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`;
const DETAILS = `"alt_text": "alt_text", "description_text": "description_text",
  "subject": [{"name": "subject", "parent": "05000000", "qcode": "05007000"}],
  "anpa_category": [{"qcode": "category", "name": "categories"}]`;
const EMBEDDED_VALIDATORS = `[{"_id": "publish_embedded", "type": "picture", "act": "publish",
    "embedded": true, "schema": {"headline": {"type": "string", "required": true}}},
  {"_id": "publish_text", "type": "text", "act": "publish", "schema": {}}]`;

/**
 * A picture's renditions as Superdesk's fixtures give them (files that are not stored): their
 * names end in `suffix`; without `wide`, no `1280x720` crop.
 */
function fixtureRenditions(suffix = "", { wide = true } = {}): string {
  const sized = [
    ["original", 4032, 3024, 3024, 756, "orig"],
    ["baseImage", 1400, 1050, 1050, 262],
    ["thumbnail", 160, 120, 120, 30],
    ["viewImage", 640, 480, 480, 120],
  ].map(([name, width, height, x, y, file = name]) =>
    `"${name}": {"href": "http://localhost:5000/api/upload-raw/${file}${suffix}.jpg",
      "media": "${file}${suffix}", "mimetype": "image/jpeg", "width": ${width},
      "height": ${height}, "poi": {"x": ${x}, "y": ${y}}}`
  );
  const crops = [
    ["600x800", 800, 600, 3012, 759, 12, 4032, -3, 3024],
    ["1280x720", 1280, 720, 3024, 756, 0, 4032, 0, 2277],
  ].slice(0, wide ? 2 : 1).map(([name, width, height, x, y, left, right, top, bottom]) =>
    `"${name}": {"poi": {"x": ${x}, "y": ${y}}, "CropLeft": ${left}, "CropRight": ${right},
      "CropTop": ${top}, "CropBottom": ${bottom}, "width": ${width}, "height": ${height},
      "href": "http://localhost:5000/api/upload-raw/${name}${suffix}.jpg",
      "media": "${name}${suffix}", "mimetype": "image/jpeg"}`
  );
  return `{${[...sized, ...crops].join(", ")}}`;
}

/** The picture and story of the correction scenarios, on a Sports desk the user is a member of. */
async function pictureStory(s: Scenario) {
  await s.given(
    "validators",
    `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
      {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}},
      {"_id": "publish_picture", "act": "publish", "type": "picture", "schema":{}},
      {"_id": "correct_picture", "act": "correct", "type": "picture", "schema":{}}]`,
  );
  await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
  await givenRaw(
    s,
    "vocabularies",
    `[{"_id": "crop_sizes", "unique_field": "name", "items": [
      {"is_active": true, "name": "600x800", "width": 800, "height": 600},
      {"is_active": true, "name": "1200x720", "width": 1280, "height": 720}]}]`,
  );
  await s.given(
    "archive",
    `[{"_id": "feature_media_id", "guid": "feature_media_guid", "type": "picture",
       "headline": "Image", "pubstatus": "usable", "_current_version" : 1,
       "flags": {"marked_for_not_publication": false, "marked_for_legal": false,
         "marked_archived_only": false, "marked_for_sms": false},
       "format": "HTML", "original_creator": "5cda8c5cfe985e059b638ee8", "unique_id": 65,
       "unique_name": "#65", "state": "in_progress", "source": "Superdesk",
       "renditions": ${fixtureRenditions()}, "mimetype": "image/jpeg"},
      {"_id": "item_id", "guid": "item_guid", "headline": "original item",
       "state": "in_progress", "associations": {"featuremedia": ${featureMedia()}}}]`,
  );
  await channel3(s);
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
}

/** The story's `featuremedia` association with `renditions`. */
function featureMedia(renditions = fixtureRenditions()): string {
  return `{"_id": "feature_media_id", "media": "5c13867efe985edfc9223480", "type": "picture",
    "headline": "picture headline", ${DETAILS}, "slugline": "slugline", "format": "HTML",
    "renditions": ${renditions}}`;
}

/** The product and Channel 3, a digital subscriber sending NITF by e-mail. */
async function channel3(s: Scenario) {
  await s.postWithSuccess(
    "/products",
    `{"name": "prod-1", "codes": "abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name": "Channel 3", "media_type": "media", "subscriber_type": "digital",
      "sequence_num_settings": {"min": 1, "max": 10}, "email": "test@test.com",
      "products": ["#products._id#"],
      "destinations": [{"name": "Test", "format": "nitf", "delivery_type": "email",
        "config": {"recipients": "test@test.com"}}]}`,
  );
}

/** Story 123 on the Sports desk with the association `name` set to `association`. */
function story(name: string, association: string, state = "in_progress"): string {
  return `{"guid": "123", "type": "text", "headline": "test", "_current_version": 1,
    "state": "${state}", ${TASK},
    "subject": [{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body",
    "associations": {"${name}": ${association}}}`;
}

feature("content_publish", (f) => {
  f.scenario("Publish fails when embedded item does not exist", ["auth"], async (s) => {
    await s.given("validators", EMBEDDED_VALIDATORS);
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[${
        story(
          "featureimage",
          `{"_id": "234", "guid": "234", "headline": "Test", "type": "picture", "slugline": "s234",
          ${DETAILS}, "state": "in_progress"}`,
        )
      }]`,
    );
    await channel3(s);
    await s.publish("#archive._id#", "publish", "published");
    s.code(
      400,
      `{"_issues": {"validator exception": "400: Associated item \\"featureimage\\" does not exist in the system"}, "_status": "ERR"}`,
    );
  });

  f.scenario(
    "Publish fails when publish validators fail for embedded item",
    ["auth"],
    async (s) => {
      await s.given("validators", EMBEDDED_VALIDATORS);
      await s.given("desks", `[{"name": "Sports"}]`);
      const media = `"_id": "234", "guid": "234", ${DETAILS}, "type": "picture", "slugline": "s234",
      "state": "in_progress"`;
      await s.given(
        "archive",
        `[{"_id": "234", "type": "picture", "_current_version": 1, "guid": "234", "state": "in_progress"},
        ${story("featureimage", `{${media}, "_current_version": 1}`)}]`,
      );
      await s.given(
        "content_types",
        `[{"_id": "picture", "schema": {"headline": {"required": true}, "copyrightholder": {"required": true}}}]`,
      );
      await channel3(s);
      await s.publish("#archive._id#", "publish", "published");
      s.code(
        400,
        `{"_issues": {"validator exception": "[[\\"MEDIA'S COPYRIGHTHOLDER is a required field\\", \\"MEDIA'S HEADLINE is a required field\\"]]"}, "_status": "ERR"}`,
      );
      await s.publish(
        "#archive._id#",
        "publish",
        "published",
        `{"associations": {"featureimage": {"headline": "test", ${media}, "copyrightholder": "copy"}}}`,
      );
      s.ok();
    },
  );

  f.scenario(
    "Publish associated items and move them to the output stage on main item publish",
    ["auth"],
    async (s) => {
      await givenRaw(
        s,
        "vocabularies",
        `[{"_id": "media", "field_type": "media", "field_options": {"allowed_types": {"picture": true}}},
          {"_id": "related", "field_type": "related_content"}]`,
      );
      await s.given(
        "content_types",
        `[{"_id": "profile1", "label": "Profile 1", "is_used": true, "enabled": true, "priority": 0,
           "editor": {}, "schema": {"media": {"required": true, "type": "media"}}},
          {"_id": "profile2", "schema": {}}]`,
      );
      await s.given(
        "validators",
        `[{"_id": "publish_picture", "act": "publish", "type": "picture", "schema":{}},
          {"_id": "publish_text", "act": "publish", "type": "text", "schema":{}}]`,
      );
      await s.given("desks", `[{"name": "Sports"}]`);
      await channel3(s);
      await s.postWithSuccess(
        "archive",
        `[{"_id": "text", "guid": "text", "type": "text", "headline": "text", "state": "in_progress",
           "profile": "profile2"},
          {"guid": "234", "type": "picture", "slugline": "234", "headline": "234",
           "state": "in_progress", ${TASK}, "renditions": {}, "byline": "original byline"},
          {"guid": "123", "type": "text", "headline": "test", "state": "in_progress",
           "profile": "profile1", ${TASK}, "subject":[{"qcode": "17004000", "name": "Statistics"}],
           "body_html": "Test Document body",
           "associations": {
             "media--1": {"_id": "234", "guid": "234", "type": "picture", "slugline": "234",
               "headline": "234", ${DETAILS}, "state": "in_progress", "renditions": {}, ${TASK},
               "byline": ""},
             "related--1": {"_id": "text", "type": "text", "order": "1"}}}]`,
      );
      await s.publish("123", "publish", "published");
      s.ok();
      const onSports = `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}`;
      s.existingResource(
        `{"_current_version": 2, "type": "text", "state": "published",
          "associations": {"media--1": {"state": "published", ${onSports}, "byline": ""}},
          ${onSports}}`,
      );
      await s.get("/archive/234");
      s.existingResource(`{"guid": "234", "state": "published", "task":{"desk": "#desks._id#"}}`);
      await s.get("/published");
      s.list(
        3,
        `{"_items": [{"guid": "123", "associations": {
          "media--1": {"_id": "234", "type": "picture", "state": "published", ${onSports}},
          "related--1": {"_id": "text", "type": "text", "state": "__no_value__"}}}]}`,
      );
      await s.get("/archive/123");
      s.existingResource(
        `{"associations": {"media--1": {"_id": "234", "type": "picture", "state": "published"},
          "related--1": {"_id": "text", "type": "text", "state": "__no_value__"}}}`,
      );
    },
  );

  f.scenario("Schedule publishing when PUBLISH_ASSOCIATED_ITEMS is on", ["auth"], async (s) => {
    await s.givenEmpty("subscribers");
    await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}}]`,
    );
    const picture = `"_id": "234", "guid": "234", "_current_version": 1, "type": "picture",
      "slugline": "234", "headline": "234", "state": "in_progress", ${TASK}, "renditions": {}`;
    await s.given(
      "archive",
      `[{${picture}},
        {"_id": "123", "guid": "123", "_current_version": 1, "headline": "main item",
         "slugline": "main item", "body_html": "Test Document body", "state": "in_progress",
         ${TASK}, "associations": {"media--1": {${picture}, ${DETAILS}}}}]`,
    );
    await channel3(s);
    await s.publish(
      "123",
      "publish",
      "published",
      `{"publish_schedule": "#DATE+1#", "schedule_settings": {"time_zone": "Europe/Prague"}}`,
    );
    s.ok();
    const media = (fields: string) =>
      `{"_id": "123", "guid": "123", "associations": {"media--1": {"_id": "234", "guid": "234",
        "type": "picture", ${fields}}}}`;
    const scheduled = `"_current_version": 2, "slugline": "234", "headline": "234",
      "alt_text": "alt_text", "description_text": "description_text", "state": "scheduled",
      "operation": "publish", "renditions": {}`;
    s.existingResource(media(`${scheduled}, "schedule_settings": {"time_zone": "Europe/Prague"}`));
    s.existingResource(`{"_current_version": 2, "state": "scheduled", "operation": "publish"}`);
    await s.get("/archive/123");
    s.existingResource(media(scheduled));
    await s.get("/archive/234");
    s.existingResource(`{${scheduled.replace(`"_current_version": 2,`, "")}, "_id": "234",
      "_current_version": 2, "guid": "234", "type": "picture"}`);
    await s.patch("/archive/123", `{"publish_schedule": null}`);
    s.ok();
    const descheduled = `"state": "in_progress", "operation": "deschedule"`;
    s.existingResource(
      media(`"slugline": "234", "headline": "234", "alt_text": "alt_text",
        "description_text": "description_text", ${descheduled}, "renditions": {}`),
    );
    s.existingResource(`{${descheduled}}`);
    await s.get("/archive/123");
    s.existingResource(`{"guid": "123", ${descheduled},
      "associations": {"media--1": {"guid": "234", "type": "picture", ${descheduled}}}}`);
    await s.get("/archive/234");
    s.existingResource(`{"guid": "234", "type": "picture", ${descheduled}}`);
    await s.publish("123", "publish", "published", `{"publish_schedule": "#DATE+2#"}`);
    s.ok();
    const again = `"state": "scheduled", "operation": "publish"`;
    s.existingResource(
      `{"_id": "123", "guid": "123", ${again},
        "associations": {"media--1": {"_id": "234", "type": "picture", ${again}}}}`,
    );
    await s.get("/archive/123");
    s.existingResource(`{"_id": "123", "guid": "123", ${again},
      "associations": {"media--1": {"guid": "234", "type": "picture", ${again}}}}`);
    await s.get("/archive/234");
    s.existingResource(`{"guid": "234", "type": "picture", ${again}}`);
  });

  f.scenario(
    "Send correction with new featuremedia which does not fill all renditions",
    ["auth"],
    async (s) => {
      await pictureStory(s);
      const renditions = fixtureRenditions("_new", { wide: false });
      await s.publish(
        "#archive._id#",
        "correct",
        "corrected",
        `{"headline": "corrected item", "associations": {"featuremedia": ${
          featureMedia(renditions)
        }}}`,
      );
      s.ok();
      s.existingResource(
        `{"headline": "corrected item", "state": "corrected", "associations": {"featuremedia":
          ${featureMedia(renditions.replace(/}$/, `, "1280x720": "__none__"}`))}}}`,
      );
    },
  );

  f.scenario(
    "Removed association items should not get published on correction",
    ["auth"],
    async (s) => {
      await pictureStory(s);
      await s.get("/published");
      s.list(2);
      await s.publish(
        "#archive._id#",
        "correct",
        "corrected",
        `{"headline": "corrected item", "associations": {"featuremedia": null}}`,
      );
      s.ok();
      s.existingResource(
        `{"headline": "corrected item", "state": "corrected",
          "associations": {"featuremedia": "__none__"}}`,
      );
      await s.get("/published");
      s.list(3);
    },
  );

  f.scenario("Correct associated items updates the fields", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "media1", "field_type": "media", "display_name": "Media 1", "type": "manageable",
         "service": {"all": 1}, "items": [],
         "field_options": {"allowed_types": {"picture": true}},
         "schema": {"parent": {}, "name": {}, "qcode": {}}},
        {"_id": "crop_sizes", "unique_field": "name",
         "items": [{"is_active": true, "name": "original", "width": 800, "height": 600}]}]`,
    );
    await givenRaw(
      s,
      "content_types",
      `[{"_id": "profile1", "label": "Profile 1", "is_used": true, "enabled": true,
         "priority": 0, "editor": {},
         "schema": {"media1": {"required": true, "nullable": false, "enabled": true, "type": "media"}}}]`,
    );
    const renditions = `{"type": "dict", "required": true,
      "schema": {"original": {"type": "dict", "required": true}}}`;
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema": {}},
        {"_id": "correct_text", "act": "correct", "type": "text", "schema": {}},
        {"_id": "publish_picture", "act": "publish", "type": "picture",
         "schema": {"renditions": ${renditions}}},
        {"_id": "correct_picture", "act": "correct", "type": "picture",
         "schema": {"renditions": ${
        renditions.replace('"required": true,', '"required": false,')
      }}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await channel3(s);
    const crop = `{"original": {"CropLeft": 0, "CropRight": 800, "CropTop": 0, "CropBottom": 600}}`;
    await s.postWithSuccess(
      "archive",
      `[{"guid": "234", "type": "picture", "slugline": "234", "headline": "234",
         "state": "in_progress", ${TASK}, "renditions": ${crop}},
        ${
        story(
          "featuremedia",
          `{"_id": "234", "guid": "234", "type": "picture", "slugline": "234", "headline": "234",
            "byline": "xyz", ${DETAILS}, "state": "in_progress", "renditions": ${crop}, ${TASK}}`,
        )
      }]`,
    );
    await s.publish("123", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "type": "text", "state": "published",
        "associations": {"featuremedia": {"state": "published"}},
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.publish(
      "123",
      "correct",
      "corrected",
      `{"associations": {"featuremedia": {"byline": "foo", ${DETAILS}, "slugline": "slugline",
        "headline": "234", "renditions": ${crop}}}}`,
    );
    s.ok();
    s.existingResource(
      `{"_current_version": 3, "state": "corrected", "associations": {"featuremedia": {"byline": "foo"}}}`,
    );
  });

  f.scenario(
    "Publish with success when associated item contains _type field",
    ["auth"],
    async (s) => {
      await s.given("validators", EMBEDDED_VALIDATORS);
      await s.given("desks", `[{"name": "Sports"}]`);
      await s.given(
        "archive",
        `[{"_id": "234", "guid": "234", "type": "picture", "slugline": "s234",
           "state": "in_progress", "headline": "some headline", "_current_version": 1},
          ${
          story(
            "editor_0",
            `{"_id": "234", "guid": "234", "type": "picture", "slugline": "s234",
              "state": "in_progress", "headline": "some headline", ${DETAILS},
              "_type": "archive", "_current_version": 1}`,
          )
        }]`,
      );
      await channel3(s);
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      s.existingResource(
        `{"guid": "123", "state": "published", "associations": {"editor_0": {"state": "published"}}}`,
      );
    },
  );

  f.scenario(
    "Do not fix-related-references for not _fetchable associations",
    ["auth"],
    async (s) => {
      await givenRaw(
        s,
        "vocabularies",
        `[{"_id": "media", "field_type": "media", "field_options": {"allowed_types": {"picture": true}}},
          {"_id": "belga_related_articles", "field_type": "related_content"}]`,
      );
      await givenRaw(
        s,
        "content_types",
        `[{"_id": "profile1", "label": "Profile 1", "is_used": true, "enabled": true,
           "priority": 0, "editor": {}, "schema": {}}]`,
      );
      await s.given(
        "validators",
        `[{"_id": "publish_text", "act": "publish", "type": "text", "schema": {}}]`,
      );
      await s.given("desks", `[{"name": "Sports"}]`);
      await channel3(s);
      const external = `{"_id": "urn:belga.be:360archive:FAKEID",
        "guid": "urn:belga.be:360archive:FAKEID", "_fetchable": false,
        "extra": {"bcoverage": "urn:belga.be:360archive:FAKEID"}, "type": "text",
        "mimetype": "application/vnd.belga.360archive", "pubstatus": "usable",
        "headline": "Postkantoren blijven vrijdag gesloten",
        "versioncreated": "2020-02-26T15:42:05+0000", "firstcreated": "2020-02-26T15:42:05+0000",
        "creditline": "BELGA", "source": "BELGA", "language": "nl",
        "abstract": "Bpost hanteert nu vrijdag 28 februari een aangepaste dienstregeling",
        "body_html": "Bpost hanteert dit jaar vijf dagen met een aangepaste dienstverlening.",
        "fetch_endpoint": "search_providers_proxy", "ingest_provider": "5da8572a9e7cb98d13ce1d7b",
        "selected": false, "state": "published", "operation": "publish"}`;
      await s.postWithSuccess(
        "archive",
        `[{"guid": "123", "type": "text", "headline": "test", "state": "in_progress",
           "profile": "profile1", "subject": [{"qcode": "17004000", "name": "Statistics"}],
           "body_html": "Test Document body",
           "associations": {"belga_related_articles--1":
             ${external.replace("{", '{"_type": "externalsource", ')}}}]`,
      );
      await s.publish("123", "publish", "published");
      s.ok();
      const kept = `{"associations": {"belga_related_articles--1": ${external}}}`;
      s.existingResource(kept);
      s.existingResource(
        `{"profile": "profile1", "type": "text", "operation": "publish", "state": "published",
          "urgency": 3, "language": "en", "guid": "123", "_id": "123", "source": "AAP",
          "headline": "test"}`,
      );
      await s.get("/archive/123");
      s.existingResource(kept);
    },
  );

  f.scenario("We can correct a media associated item", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema": {}}]`,
    );
    await s.given(
      "desks",
      `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`,
    );
    await s.given(
      "archive",
      `[{"_id": "1234", "guid": "1234", "slugline": "picture", "headline": "picture",
         "alt_text": "alt_text", "description_text": "description_text", "type": "picture",
         "state": "in_progress", "operation": "update", ${TASK}}]`,
    );
    await s.publish("1234", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_id": "1234", "guid": "1234", "_current_version": 2, "slugline": "picture",
        "headline": "picture", "alt_text": "alt_text", "description_text": "description_text",
        "type": "picture", "state": "published", "operation": "publish"}`,
    );
    await s.publish(
      "1234",
      "correct",
      "corrected",
      `{"headline": "corrected", "correction_sequence": "2"}`,
    );
    s.ok();
    s.existingResource(
      `{"_id": "1234", "guid": "1234", "slugline": "picture", "headline": "corrected"}`,
    );
  });

  f.scenario("Save changes to a duplicate related item after publish", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema": {}}]`,
    );
    await s.given(
      "desks",
      `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`,
    );
    const related = `"slugline": "related item", "headline": "related item",
      "alt_text": "alt_text", "description_text": "description_text", "type": "picture",
      "state": "submitted", "operation": "duplicate", ${TASK}`;
    await s.given(
      "archive",
      `[{"_id": "234", "guid": "234", ${related}},
        {"_id": "123", "guid": "123", "_current_version": 1, "headline": "main item",
         "slugline": "main item", "body_html": "Test Document body", "state": "in_progress",
         ${TASK}, "associations": {"related--1": {"_id": "234", "guid": "234", ${DETAILS},
           ${related}}}}]`,
    );
    await s.patch(
      "/archive/234",
      `{"headline": "related item test", "slugline": "related item test"}`,
    );
    s.ok();
    s.existingResource(
      `{"_id": "234", "guid": "234", "slugline": "related item test",
        "headline": "related item test", "alt_text": "alt_text",
        "description_text": "description_text", "type": "picture", "state": "in_progress",
        "operation": "update", ${TASK}}`,
    );
    await s.publish("123", "publish", "published");
    s.ok();
    await s.get("/archive/234");
    s.existingResource(
      `{"_id": "234", "guid": "234", "slugline": "related item test",
        "headline": "related item test", "alt_text": "alt_text",
        "description_text": "description_text", "type": "picture", "state": "published",
        "operation": "publish"}`,
    );
  });

  f.scenario("We update associated picture metadata on publish", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_current_version": 1, "type": "picture", "guid": "picture", "slugline": "picture",
         "state": "fetched"},
        {"guid": "story", "type": "text", "slugline": "story", "headline": "story headline",
         "state": "in_progress", "associations": {"picture": {"_current_version": 1,
           "guid": "picture", "slugline": "picture", "state": "fetched", "type": "picture"}}}]`,
    );
    await s.given("desks", `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`);
    await s.publish(
      "story",
      "publish",
      "published",
      `{"guid": "story", "type": "text", "slugline": "story", "state": "in_progress",
        "headline": "story headline", "associations": {"picture": {"_id": "picture",
          "_current_version": 1, "guid": "picture", "slugline": "updated slugline",
          "type": "picture", "state": "fetched"}}}`,
    );
    s.ok();
    await s.get("/published");
    s.list(
      2,
      `{"_items": [{"_id": "picture", "slugline": "updated slugline"},
        {"_id": "story", "associations": {"picture": {"slugline": "updated slugline"}}}]}`,
    );
  });
}, { env: PACKAGE_ENV });
