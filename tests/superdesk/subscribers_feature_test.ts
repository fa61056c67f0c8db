/** Superdesk's features/subscribers.feature over HTTP (subscribers, their products and destinations). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import {
  contentFilter,
  FTP_DESTINATION,
  news1,
  news1WithProduct,
  sportCondition,
} from "./_publish_steps.ts";

/** `When we post to "/products" with success` with one product of `type`. */
async function product(s: Scenario, type: string) {
  await s.post("/products", `{"name":"prod-1","codes":"abc,xyz", "product_type": "${type}"}`);
  s.ok();
}

/** `Given empty "subscribers"`, `When we get "/subscribers"`, `Then we get list with 0 items`. */
async function noSubscribers(s: Scenario) {
  await s.givenEmpty("subscribers");
  await s.get("/subscribers");
  s.list(0);
}

feature("subscribers", (f) => {
  f.scenario("Add a new subscriber", ["auth", "notification"], async (s) => {
    await noSubscribers(s);
    await product(s, "both");
    await s.post(
      "/subscribers",
      news1(
        `"products": ["#products._id#"], "codes": "xyz, abc", "destinations":[${FTP_DESTINATION}]`,
      ),
    );
    s.ok();
    await s.notifications(
      `[{"event": "subscriber:create", "extra": {"_id": ["#subscribers._id#"]}}]`,
    );
    await s.get("/subscribers");
    s.list(1, `{"_items":[{"name":"News1", "is_targetable": true, "is_active": false}]}`);
  });

  f.scenario("Create new subscriber with invalid product type.", ["auth"], async (s) => {
    await noSubscribers(s);
    await product(s, "direct");
    await s.post(
      "/subscribers",
      news1(`"api_products": ["#products._id#"], "is_active": true, "codes": "xyz, abc"`),
    );
    s.code(400);
    await s.patch("/products/#products._id#", `{"product_type": "api"}`);
    s.ok();
    await s.post(
      "/subscribers",
      news1(`"products": ["#products._id#"], "is_active": true, "codes": "xyz, abc"`),
    );
    s.code(400);
  });

  f.scenario("Add a new subscriber without product succeeds", ["auth"], async (s) => {
    await noSubscribers(s);
    await s.post("/subscribers", news1(`"destinations":[${FTP_DESTINATION}]`));
    s.code(201);
  });

  f.scenario("Update a subscriber", ["auth", "notification"], async (s) => {
    await news1WithProduct(s);
    s.ok();
    await s.notifications(
      `[{"event": "subscriber:create", "extra": {"_id": ["#subscribers._id#"]}}]`,
    );
    const email =
      `{"destinations":[{"name":"destination2", "format": "nitf", "delivery_type":"email", "config":{"recipients":"abc@abc.com"}}]}`;
    await s.patchLatest(email);
    s.ok(email, { updated: true });
    await s.notifications(`[
      {"event": "subscriber:create", "extra": {"_id": ["#subscribers._id#"]}},
      {"event": "subscriber:update", "extra": {"_id": ["#subscribers._id#"]}}
    ]`);
  });

  f.scenario("Query subscribers by filter condition", ["auth"], async (s) => {
    await sportCondition(s);
    await s.latest();
    await contentFilter(s, "soccer-only");
    await s.latest();
    await s.givenEmpty("subscribers");
    await s.postWithSuccess(
      "/products",
      `{"name":"prod-1","codes":"abc,xyz", "product_type": "both",
        "content_filter": {"filter_id":"#content_filters._id#", "filter_type":"blocking"}}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"News-Direct", "media_type":"media", "subscriber_type": "wire",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "destinations":[{"name":"destination1","format": "nitf", "delivery_type":"FTP","config":{"ip":"144.122.244.55","password":"xyz"}}],
        "products": ["#products._id#"]}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"News-API", "media_type":"media", "subscriber_type": "digital",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "api_products": ["#products._id#"]}`,
    );
    await s.get(
      `/subscribers?filter_condition={"field":"anpa_category", "operator":"in", "value":"4"}`,
    );
    s.list(
      1,
      `{"_items":[{
        "filter_conditions": [{"name": "sport"}],
        "content_filters": [{"name": "soccer-only"}],
        "products": [{"name": "prod-1"}],
        "selected_subscribers": [{"name":"News-Direct"}, {"name":"News-API"}]}]}`,
    );
  });
  f.scenario("Deleting a Subscriber is not allowed", ["auth"], async (s) => {
    await news1WithProduct(s);
    await s.deleteLatest();
    s.code(405);
  });

  f.scenario(
    "Creating a Subscriber should fail if there are no destinations",
    ["auth"],
    async (s) => {
      await s.givenEmpty("subscribers");
      await product(s, "both");
      await s.post("/subscribers", news1(`"products": ["#products._id#"], "is_active": true`));
      s.code(
        400,
        `{"_issues": {"destinations": {"required": 1}, "api_products": {"required": 1}}, "_status": "ERR"}`,
      );
      await s.post(
        "/subscribers",
        news1(`"products": ["#products._id#"], "is_active": true, "destinations": []`),
      );
      s.code(400, `{"_issues": {"destinations": {"required": 1}}, "_status": "ERR"}`);
    },
  );

  f.scenario(
    "Creating a subscriber with api product only but no destinations.",
    ["auth"],
    async (s) => {
      await s.givenEmpty("subscribers");
      await product(s, "both");
      await s.post("/subscribers", news1(`"is_active": true, "api_products": ["#products._id#"]`));
      s.ok();
      await s.patch("/subscribers/#subscribers._id#", `{"api_products": []}`);
      s.code(
        400,
        `{"_issues": {"validator exception": "400: At least one destination or one API Product should be specified"}, "_status": "ERR"}`,
      );
      await s.patch("/subscribers/#subscribers._id#", `{"products": ["#products._id#"]}`);
      s.code(400);
    },
  );

  f.scenario("Updating a Subscriber with no destinations should fail", ["auth"], async (s) => {
    await noSubscribers(s);
    await product(s, "both");
    await s.post(
      "/subscribers",
      news1(
        `"products": ["#products._id#"], "is_active": true, "destinations":[${FTP_DESTINATION}]`,
      ),
    );
    s.ok();
    await s.get("/subscribers");
    s.list(1, `{"_items":[{"name":"News1"}]}`);
    await s.patch("/subscribers/#subscribers._id#", `{"destinations":[]}`);
    s.code(
      400,
      `{"_issues": {"validator exception": "400: At least one destination or one API Product should be specified"}, "_status": "ERR"}`,
    );
  });

  f.scenario(
    "Creating a Subscriber should fail when Mandatory properties are not passed for destinations",
    ["auth"],
    async (s) => {
      await s.givenEmpty("subscribers");
      await product(s, "both");
      await s.post(
        "/subscribers",
        `{"name":"News1", "subscriber_type": "digital","media_type":"media",
          "sequence_num_settings":{"min" : 1, "max" : 10},
          "products": ["#products._id#"], "destinations":[{"name": ""}]}`,
      );
      s.code(
        400,
        `{"_issues": {"destinations": {"0": {"name": "empty values not allowed",
          "format": {"required": 1}, "delivery_type": {"required": 1}}}}, "_status": "ERR"}`,
      );
    },
  );
  f.scenario(
    "Creating a Subscriber with sequence number should fail if min value is less than or equal to 0",
    ["auth"],
    async (s) => {
      await s.givenEmpty("subscribers");
      await product(s, "both");
      await s.post(
        "/subscribers",
        `{"name":"News1", "subscriber_type": "digital","media_type":"media",
          "sequence_num_settings":{"min" : 0, "max" : 10}, "email": "test@test.com",
          "products": ["#products._id#"], "destinations":[${FTP_DESTINATION}]}`,
      );
      s.code(
        400,
        `{"_issues": {"sequence_num_settings.min": 1},
          "_message": "Value of Minimum in Sequence Number Settings should be greater than 0"}`,
      );
    },
  );

  f.scenario("Update critical errors for subscriber 1", ["auth", "notification"], async (s) => {
    await news1WithProduct(s);
    s.ok();
    await s.patch(
      "/subscribers/#subscribers._id#",
      `{"critical_errors":{"6000":true, "6001":true}}`,
    );
    s.ok(`{"critical_errors":{"6000":true, "6001":true}}`, { updated: true });
  });

  f.scenario("Update critical errors for subscriber 2", ["auth", "notification"], async (s) => {
    await sportCondition(s);
    await contentFilter(s, "soccer-only");
    await news1WithProduct(s);
    s.ok();
    await s.patch(
      "/subscribers/#subscribers._id#",
      `{"global_filters":{"#content_filters._id#":true}}`,
    );
    s.ok(`{"global_filters":{"#content_filters._id#":true}}`, { updated: true });
  });

  f.scenario("Generate token for subscriber", ["auth"], async (s) => {
    await s.given(
      "products",
      `[{"_id":"prod-1", "name":"prod-1","codes":"abc,xyz", "product_type": "both"}]`,
    );
    await s.given("subscribers", `[{"name": "Foo", "api_products": ["prod-1"]}]`);
    await s.post("subscriber_token", `{"subscriber": "#subscribers._id#", "expiry_days": 7}`);
    s.newResource(`{"expiry": "__any_value__"}`);
  });

  f.wrong(
    "Adding destination should not remove secret key",
    "destination secrets are never returned, not even by an item GET (README); keeping them on save is tested in tests/publish/publish_resources_test.ts",
  );
});
