/** Superdesk's features/unpublish.feature over HTTP. */
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";
import { capiPublishedTo } from "./_content_api_steps.ts";
import { deskAndValidators, item, pack, PACKAGE_ENV, subscriber } from "./_package_steps.ts";

const STORY = "tag:localhost:2015:515b895a-b336-48b2-a506-5ffaf561b916";
const PICTURE =
  "urn:newsml:localhost:2015-07-24T15:04:29.589984:af3bef9a-5002-492b-a15a-8b460e69b164";

/** The "Unpublish single item" background: story 123 on Sports, a product, a wire subscriber. */
async function storyAndSubscriber(s: Scenario) {
  await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
  await s.given(
    "archive",
    `[{"guid": "123", "headline": "test", "_current_version": 0, "state": "fetched",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "subject":[{"qcode": "17004000", "name": "Statistics"}],
      "slugline": "test", "type": "text",
      "body_html": "<p>Test Document body</p>\\n<p>with a \\"quote\\"</p>"}]`,
  );
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "wire",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"], "is_active": true,
      "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email",
        "config":{"recipients":"test@test.com"}}],
      "api_products": ["#products._id#"]}`,
  );
}

feature("unpublish", (f) => {
  f.scenario("Unpublish single item", ["auth"], async (s) => {
    await storyAndSubscriber(s);
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#subscribers._id#");
    await s.get("/items/123");
    await s.publish("#archive._id#", "unpublish", "unpublished");
    s.ok();
    s.existingResource(`{"state": "unpublished", "pubstatus": "canceled"}`);
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#subscribers._id#");
    await s.get("/publish_queue");
    s.list(
      4,
      `{"_items": [{"publishing_action": "unpublished"}, {"publishing_action": "unpublished"},
        {"publishing_action": "published"}, {"publishing_action": "published"}]}`,
    );
    await s.patch("/archive/#archive._id#", `{"state": "in_progress"}`);
    s.ok();
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
  });
  f.scenario("Unpublish an item that is in a published package", ["auth"], async (s) => {
    await deskAndValidators(s);
    await s.postWithSuccess(
      "archive",
      `[${item(STORY, "WA:Navy steps in with WA asylum-seeker boat")}]`,
    );
    await s.postWithSuccess(
      "archive",
      `[${
        item(PICTURE, "ABC SHOP CLOSURES", {
          type: "picture",
          body_html: null,
          original_source: "AAP Image/AAP",
          description_text: "A test picture",
          byline: "PAUL MILLER",
          source: "AAP Image",
          mimetype: "image/jpeg",
          pubstatus: "usable",
          slugline: "ABC SHOP CLOSURES",
          renditions: {
            baseImage: {
              height: 1400,
              media: "55b078b31d41c8e974d17ecf",
              href: "http://localhost:5000/api/upload/55b078b31d41c8e974d17ecf/raw?_schema=http",
              mimetype: "image/jpeg",
              width: 933,
            },
          },
        })
      }]`,
    );
    await s.postWithSuccess(
      "archive",
      `[${
        pack("compositeitem", "WA:Navy steps in with WA asylum-seeker boat", {
          main: [STORY],
          sidebars: [[PICTURE, "picture"]],
        })
      }]`,
    );
    await s.postWithSuccess(
      "/products",
      `{"name": "prod-1", "codes": "abc,xyz", "product_type": "both"}`,
    );
    const { _id: _, ...channel } = subscriber("x", "digital", { products: ["#products._id#"] });
    await s.postWithSuccess("/subscribers", JSON.stringify(channel));
    await s.publish("compositeitem", "publish", "published");
    s.ok();
    await s.publish(STORY, "unpublish", "unpublished");
    s.ok();
  }, { env: PACKAGE_ENV });
  f.scenario("Unpublish an item with associations", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`);
    const task = `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
      "user": "#CONTEXT_USER_ID#"}`;
    const rendition = (media: string, width: number, height: number) =>
      `{"href": "http://localhost:5000/api/upload-raw/${media}.jpg", "media": "${media}",
        "mimetype": "image/jpeg", "width": ${width}, "height": ${height}}`;
    // Superdesk's picture also says `"used": true`, a field our archive schema does not have.
    const picture = `{"_id": "d7c9bd89-ece1-400b-bccb-14eb49c8013f",
      "guid": "d7c9bd89-ece1-400b-bccb-14eb49c8013f", "_current_version": 1, "type": "picture",
      "source": "EPA", "credit": "EPA", "byline": "EPA", "copyrightnotice": "EPA",
      "headline": "Video headline", "description_text": "Video description text",
      "firstcreated": "2020-01-08T09:52:09+0000", "versioncreated": "2020-01-08T12:15:05+0000",
      "mimetype": "image/jpeg", "pubstatus": "usable", "state": "fetched", "format": "HTML",
      "sign_off": "ADM", "language": "nl",
      "renditions": {"original": ${rendition("5e15c7c7220b7b99ee329a64", 6336, 4275)},
        "baseImage": ${rendition("5e15c7c9220b7b99ee329a7d", 1400, 944)},
        "thumbnail": ${rendition("5e15c7c9220b7b99ee329a7f", 177, 120)},
        "viewImage": ${rendition("5e15c7c9220b7b99ee329a81", 640, 431)}}`;
    await s.given(
      "archive",
      `[{"_id": "123", "guid": "123", "headline": "test", "_current_version": 0,
         "state": "fetched", ${task}, "subject": [{"qcode": "17004000", "name": "Statistics"}],
         "slugline": "test", "type": "text",
         "body_html": "<p>Test Document body</p>\\n<p>with a \\"quote\\"</p>",
         "associations": {"featuremedia": ${picture}, "alt_text": "alt"},
           "related--1": {"_id": "456", "type": "text"}}},
        {"_id": "456", "guid": "456", "_current_version": 0, "headline": "test two",
         "state": "fetched", ${task}, "subject": [{"qcode": "17004000", "name": "Statistics"}],
         "slugline": "test two", "type": "text", "body_html": "<p>Second Test Document.</p>"},
        ${picture}}]`,
    );
    await s.get("/archive/");
    await s.postWithSuccess(
      "/products",
      `{"name": "prod-1", "codes": "abc,xyz", "product_type": "both"}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name": "Channel 3", "media_type": "media", "subscriber_type": "wire",
        "sequence_num_settings": {"min": 1, "max": 10}, "email": "test@test.com",
        "products": ["#products._id#"],
        "destinations": [{"name": "Test", "format": "nitf", "delivery_type": "email",
          "config": {"recipients": "test@test.com"}}],
        "api_products": ["#products._id#"]}`,
    );
    await s.publish("123", "publish", "published");
    s.ok();
    await s.publish("123", "unpublish", "unpublished");
    s.ok();
    await s.get("/archive/123/");
    s.existingResource(`{"state": "unpublished", "pubstatus": "canceled"}`);
    await s.get("/archive/d7c9bd89-ece1-400b-bccb-14eb49c8013f/");
    s.existingResource(`{"state": "published", "pubstatus": "usable"}`);
  }, { env: PACKAGE_ENV });
  f.scenario("Unpublish single item without record in publish queue", ["auth"], async (s) => {
    await storyAndSubscriber(s);
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#subscribers._id#");
    await s.get("/items/123");
    await s.givenEmpty("publish_queue");
    await s.publish("#archive._id#", "unpublish", "unpublished");
    s.ok();
    s.existingResource(`{"state": "unpublished", "pubstatus": "canceled"}`);
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#subscribers._id#");
    await s.get("/publish_queue");
    s.list(
      2,
      `{"_items": [{"publishing_action": "unpublished"}, {"publishing_action": "unpublished"}]}`,
    );
  }, { env: { UNPUBLISH_TO_MATCHING_SUBSCRIBERS: "true" } });
});
