/** Superdesk's features/unpublish.feature over HTTP. */
import { feature } from "./feature.ts";
import { capiPublishedTo } from "./_content_api_steps.ts";

feature("unpublish", (f) => {
  f.scenario("Unpublish single item", ["auth"], async (s) => {
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
  // Expressed, it fails at the unpublish: the text item is still `submitted` (412).
  f.needs(
    "Unpublish an item that is in a published package",
    "packages (publishing a package publishes its items)",
  );
  // Expressed, it fails at the end: the featuremedia picture is still `fetched`.
  f.needs(
    "Unpublish an item with associations",
    "publishing an item's associated items with it (Superdesk's PUBLISH_ASSOCIATED_ITEMS, on in its tests)",
  );
  f.needs(
    "Unpublish single item without record in publish queue",
    "`UNPUBLISH_TO_MATCHING_SUBSCRIBERS` (an unpublish routed to the subscribers matching it now)",
  );
});
