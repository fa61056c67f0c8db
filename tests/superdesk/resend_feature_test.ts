/** Superdesk's features/resend.feature over HTTP (`POST /api/archive/<id>/resend`). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { rewrite } from "./_rewrite_steps.ts";
import { capiNotPublishedTo, capiPublishedTo } from "./_content_api_steps.ts";

/** Superdesk's publish and correct validators with an empty schema. */
const VALIDATORS = `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
  {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}}]`;

/** The email destination every subscriber of the feature has. */
const EMAIL = `{"name":"Test","format": "nitf", "delivery_type":"email",
  "config":{"recipients":"test@test.com"}}`;

/** `Given "desks"` Sports with the user, and `Given "archive"` item 123 at version 3. */
async function deskAndStory(s: Scenario, { version = 3, extra = "" } = {}) {
  await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
  await s.given(
    "archive",
    `[{"guid": "123", "headline": "test", "_current_version": ${version}, "state": "fetched",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "subject":[{"qcode": "17004000", "name": "Statistics"}],
      "slugline": "test", ${extra}
      "body_html": "Test Document body"}]`,
  );
}

/** Channel 3 (digital, prod-1 posted with it) through the API, the story published. */
async function publishedToChannel3(s: Scenario) {
  await s.given("validators", VALIDATORS);
  await deskAndStory(s);
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"], "destinations":[${EMAIL}]}`,
  );
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
  await s.enqueuePublished();
}

/** `Given "products"` with the feature's ids; `items` are the product bodies after the id. */
async function products(s: Scenario, ...items: string[]) {
  const ids = ["570340ef1d41c89b50716dad", "570340ef1d41c89b50716dae", "570340ef1d41c89b50716daf"];
  await s.given("products", `[${items.map((item, i) => `{"_id":"${ids[i]}", ${item}}`)}]`);
}

/** `Given "subscribers"` sub-1: Channel 3, wire, prod-1, the email destination. */
async function sub1(s: Scenario) {
  await s.given(
    "subscribers",
    `[{"_id": "sub-1", "name":"Channel 3", "media_type":"media", "is_active": true,
      "subscriber_type": "wire", "sequence_num_settings":{"min" : 1, "max" : 10},
      "email": "test@test.com", "products": ["570340ef1d41c89b50716dad"],
      "destinations":[${EMAIL}]}]`,
  );
}

/** A subscriber body for `When we post to "/subscribers"`. */
function subscriber(name: string, type: string, products: string) {
  return `{"name":"${name}", "media_type":"media", "is_active": true, "subscriber_type": "${type}",
    "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
    ${products}}`;
}

/** Publishes 123 (sub-1 gets it), then `we get "/publish_queue"` with sub-1's pending entry. */
async function publishedToSub1(s: Scenario, destination = true) {
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(
    1,
    `{"_items": [{"state": "pending", "content_type": "text",
      ${destination ? `"destination": {"delivery_type": "email"},` : ""}
      "subscriber_id": "sub-1", "item_id": "123", "item_version": 4}]}`,
  );
}

/** `When we post to "/archive/#archive._id#/resend"` version 4 to `subscriber`. */
async function resend(s: Scenario, subscriber: string) {
  await s.post("/archive/#archive._id#/resend", `{"subscribers": ["${subscriber}"], "version": 4}`);
}

/** A pending queue entry of version 4 (with the email destination unless `destination` false). */
function pending(subscriber: string, { destination = true, itemId = true } = {}) {
  return `{"state": "pending", "content_type": "text",
    ${destination ? `"destination": {"delivery_type": "email"},` : ""}
    "subscriber_id": "${subscriber}", ${itemId ? `"item_id": "123", ` : ""}"item_version": 4}`;
}

feature("resend", (f) => {
  f.scenario("Resend an unpublished story fails", ["auth"], async (s) => {
    await deskAndStory(s, { version: 0 });
    await s.post("/archive/#archive._id#/resend", `{"subscribers": [1], "version": 2}`);
    s.code(400, `{"_message": "Only published, corrected or killed stories can be resent!"}`);
  });

  f.scenario("Resend a previous version of a published story fails", ["auth"], async (s) => {
    await publishedToChannel3(s);
    await s.post(
      "/archive/#archive._id#/resend",
      `{"subscribers": ["#subscribers._id#"], "version": 2}`,
    );
    s.code(400, `{"_message": "Please use the newest version 4 to resend!"}`);
  });

  f.scenario("Resend a published version of a corrected story fails", ["auth"], async (s) => {
    await publishedToChannel3(s);
    await s.publish("#archive._id#", "correct", "corrected", `{"headline": "corrected"}`);
    s.ok();
    await s.enqueuePublished();
    await s.post(
      "/archive/#archive._id#/resend",
      `{"subscribers": ["#subscribers._id#"], "version": 4}`,
    );
    s.code(400, `{"_message": "Please use the newest version 5 to resend!"}`);
  });

  f.scenario("Resend a updated story fails", ["auth"], async (s) => {
    await publishedToChannel3(s);
    await rewrite(s, "123", `{"desk_id": "#desks._id#"}`);
    await s.get("/published");
    s.existingResource(`{"_items" : [{"_id": "123", "rewritten_by": "#REWRITE_ID#"}]}`);
    await s.get("/archive/123");
    s.existingResource(`{"_id": "123", "rewritten_by": "#REWRITE_ID#"}`);
    await s.post(
      "/archive/#archive._id#/resend",
      `{"subscribers": ["#subscribers._id#"], "version": 4}`,
    );
    s.code(400, `{"_message": "Updated story cannot be resent!"}`);
  });

  f.scenario("Resend a published story", ["auth"], async (s) => {
    await s.given("validators", VALIDATORS);
    await deskAndStory(s);
    await products(
      s,
      `"name":"prod-1","codes":"abc"`,
      `"name":"prod-2","codes":"def,xyz"`,
      `"name":"prod-3"`,
    );
    await sub1(s);
    await publishedToSub1(s);
    await s.post(
      "/subscribers",
      subscriber(
        "Channel 10",
        "wire",
        `"products": ["570340ef1d41c89b50716dad"],
        "destinations":[${EMAIL}]`,
      ),
    );
    await resend(s, "#subscribers._id#");
    s.ok();
    await s.get("/publish_queue");
    s.list(2, `{"_items": [${pending("sub-1")}, ${pending("#subscribers._id#")}]}`);
  });

  f.scenario("Resend a published text story to a digital subscriber", ["auth"], async (s) => {
    await s.given("validators", VALIDATORS);
    await deskAndStory(s);
    await products(
      s,
      `"name":"prod-1","codes":"abc"`,
      `"name":"prod-2","codes":"def,xyz"`,
      `"name":"prod-3"`,
    );
    await sub1(s);
    await publishedToSub1(s);
    await s.post(
      "/subscribers",
      subscriber(
        "Channel 10",
        "digital",
        `"products": ["570340ef1d41c89b50716dad"],
        "destinations":[${EMAIL}]`,
      ),
    );
    await resend(s, "#subscribers._id#");
    s.ok();
    await s.get("/publish_queue");
    s.list(2, `{"_items": [${pending("sub-1")}, ${pending("#subscribers._id#")}]}`);
    await resend(s, "#subscribers._id#");
    s.ok();
    await s.get("/publish_queue");
    s.list(
      3,
      `{"_items": [${pending("sub-1")}, ${pending("#subscribers._id#")},
        ${pending("#subscribers._id#")}]}`,
    );
  });

  f.scenario(
    "Resend a published targeted text story to a digital subscriber",
    ["auth"],
    async (s) => {
      await s.given("validators", VALIDATORS);
      await deskAndStory(s, { extra: `"target_subscribers": [{"_id": "sub-1"}],` });
      await products(s, `"name":"prod-1","codes":"abc"`, `"name":"prod-2","codes":"def,xyz"`);
      await sub1(s);
      await publishedToSub1(s, false);
      await s.post(
        "/subscribers",
        subscriber(
          "Channel 10",
          "digital",
          `"products": ["570340ef1d41c89b50716dae"],
          "destinations":[${EMAIL}]`,
        ),
      );
      await resend(s, "#subscribers._id#");
      s.ok();
      await s.get("/publish_queue");
      s.list(
        2,
        `{"_items": [${pending("#subscribers._id#", { destination: false, itemId: false })}]}`,
      );
      await resend(s, "#subscribers._id#");
      s.ok();
      await s.get("/publish_queue");
      s.list(3);
    },
  );

  f.scenario(
    "Resend a published text story to a subscriber using different product types.",
    ["auth"],
    async (s) => {
      await s.given("validators", VALIDATORS);
      await deskAndStory(s);
      await products(
        s,
        `"name":"prod-1","codes":"abc", "product_type": "direct"`,
        `"name":"prod-2","codes":"def,xyz", "product_type": "direct"`,
        `"name":"prod-3","codes":"def,xyz", "product_type": "api"`,
      );
      await sub1(s);
      await publishedToSub1(s);
      await s.postWithTag(
        "/subscribers",
        "sub2",
        subscriber(
          "Channel 10",
          "digital",
          `"products": ["570340ef1d41c89b50716dae"], "destinations":[${EMAIL}],
          "api_products": ["570340ef1d41c89b50716daf"]`,
        ),
      );
      await resend(s, "#sub2#");
      s.ok();
      const capi = (subscriber: string) =>
        `{"state": "success", "content_type": "text", "destination": {"delivery_type": "content_api"},
          "subscriber_id": "${subscriber}", "item_id": "123", "item_version": 4}`;
      await s.get("/publish_queue");
      s.list(3, `{"_items": [${pending("sub-1")}, ${pending("#sub2#")}, ${capi("#sub2#")}]}`);
      await s.postWithTag(
        "/subscribers",
        "sub3",
        subscriber("api sub", "digital", `"api_products": ["570340ef1d41c89b50716daf"]`),
      );
      await resend(s, "#sub3#");
      await s.get("/publish_queue");
      s.list(4, `{"_items": [${pending("sub-1")}, ${pending("#sub2#")}, ${capi("#sub3#")}]}`);
      await capiPublishedTo(s, "123", "#sub2#");
      await capiPublishedTo(s, "123", "#sub3#");
      await capiNotPublishedTo(s, "123", "sub-1");
    },
  );

  f.scenario(
    "Resend a published text story to a digital or all subscriber type",
    ["auth"],
    async (s) => {
      await s.given("validators", VALIDATORS);
      await deskAndStory(s);
      await products(s, `"name":"prod-1","codes":"abc"`, `"name":"prod-2","codes":"def,xyz"`);
      await sub1(s);
      await publishedToSub1(s, false);
      await s.postWithTag(
        "/subscribers",
        "digital",
        subscriber(
          "Channel Digital",
          "digital",
          `"products": ["570340ef1d41c89b50716dae"],
          "destinations":[${EMAIL}]`,
        ),
      );
      await resend(s, "#subscribers._id#");
      s.ok();
      await s.get("/publish_queue");
      s.list(
        2,
        `{"_items": [${pending("sub-1", { destination: false })},
          ${pending("#digital#", { destination: false, itemId: false })}]}`,
      );
      await s.postWithTag(
        "/subscribers",
        "all",
        subscriber(
          "Channel All",
          "all",
          `"products": ["570340ef1d41c89b50716dae"],
          "destinations":[${EMAIL}]`,
        ),
      );
      await resend(s, "#subscribers._id#");
      s.ok();
      await s.get("/publish_queue");
      s.list(
        3,
        `{"_items": [${pending("sub-1", { destination: false })},
          ${pending("#digital#", { destination: false, itemId: false })},
          ${pending("#all#", { destination: false, itemId: false })}]}`,
      );
    },
  );
});
