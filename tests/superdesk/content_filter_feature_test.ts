/** Superdesk's features/content_filter.feature over HTTP (content filters and their references). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { contentFilter, sportCondition } from "./_publish_steps.ts";

/** `When we delete content filter "<name>"`. */
async function deleteFilter(s: Scenario, name: string) {
  const found = await s.get(`/content_filters?where={"name": "${name}"}`);
  const [filter] = (found.body as { _items: Array<{ _id: string }> })._items;
  if (!filter) throw new Error(`no content filter named ${name}`);
  await s.delete(`/content_filters/${filter._id}`);
}

/** The product blocking the soccer filter, and a subscriber with it as `field`. */
async function productSubscriber(s: Scenario, field: "products" | "api_products") {
  await s.givenEmpty("subscribers");
  await s.post(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both",
      "content_filter": {"filter_id": "#content_filters._id#", "filter_type": "blocking"}}`,
  );
  s.ok();
  const destinations = field === "products"
    ? `, "destinations": [{"name": "destination1", "format": "nitf", "delivery_type": "FTP",
        "config": {"ip":"127.0.0.1", "password": "xyz"}}]`
    : "";
  await s.post(
    "/subscribers",
    `{"name": "Subscriber Foo", "media_type": "media", "subscriber_type": "digital",
      "${field}": ["#products._id#"], "sequence_num_settings":{"min" : 1, "max" : 10},
      "email": "foo@bar.com"${destinations}}`,
  );
  s.ok();
}

feature("content_filter", (f) => {
  f.scenario("Add a new content filter", ["auth"], async (s) => {
    await sportCondition(s);
    await contentFilter(s, "soccer-only");
    await s.post(
      "/content_filters",
      `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"], "pf": ["#content_filters._id#"]}}], "name": "complex"}]`,
    );
    s.ok();
    await s.get("/content_filters");
    s.list(2, `{"_items": [{"name": "soccer-only"}, {"name": "complex"}]}`);
  });

  f.scenario(
    "Add a new content filter without global filter value but with archived flag",
    ["auth"],
    async (s) => {
      await sportCondition(s);
      await contentFilter(s, "soccer");
      await s.get("/content_filters");
      s.list(
        1,
        `{"_items": [{"name": "soccer", "is_global": false, "is_archived_filter": false}]}`,
      );
      await s.post(
        "/content_filters",
        `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}],
          "name": "soccer archived", "is_archived_filter": true}]`,
      );
      s.ok();
      await s.get("/content_filters");
      s.list(
        2,
        `{"_items": [
          {"name": "soccer", "is_global": false, "is_archived_filter": false},
          {"name": "soccer archived", "is_global": false, "is_archived_filter": true}]}`,
      );
    },
  );

  f.scenario("Add a new content filter with the same name fails", ["auth"], async (s) => {
    await sportCondition(s);
    await contentFilter(s, "soccer");
    await s.post(
      "/content_filters",
      `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"], "pf": ["#content_filters._id#"]}}], "name": "soccer"}]`,
    );
    s.code(400, `{"_status": "ERR", "_issues": {"name": {"unique": 1}}}`);
  });

  f.scenario(
    "Deleting content filter referenced by other content filters fails",
    ["auth"],
    async (s) => {
      await sportCondition(s);
      await contentFilter(s, "soccer");
      await s.post(
        "/content_filters",
        `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"], "pf": ["#content_filters._id#"]}}], "name": "tennis"}]`,
      );
      s.ok();
      await deleteFilter(s, "soccer");
      s.code(400);
      await deleteFilter(s, "tennis");
      s.code(204);
    },
  );

  f.scenario(
    "Deleting content filter referenced by direct products for subscribers",
    ["auth"],
    async (s) => {
      await sportCondition(s);
      await contentFilter(s, "soccer");
      await productSubscriber(s, "products");
      await deleteFilter(s, "soccer");
      s.code(400);
    },
  );

  f.scenario(
    "Deleting content filter referenced by api products for subscribers",
    ["auth"],
    async (s) => {
      await sportCondition(s);
      await contentFilter(s, "soccer");
      await productSubscriber(s, "api_products");
      await deleteFilter(s, "soccer");
      s.code(400);
    },
  );

  f.scenario("Deleting content filter referenced by routing schemes fails", ["auth"], async (s) => {
    await sportCondition(s);
    await contentFilter(s, "soccer");
    await s.givenEmpty("routing_schemes");
    await s.post(
      "/routing_schemes",
      `{"name": "routing scheme 1", "rules": [{"name": "Sports Rule", "handler": "desk_fetch_publish",
        "filter": "#content_filters._id#", "actions": {"fetch": []}}]}`,
    );
    s.ok();
    await deleteFilter(s, "soccer");
    s.code(400);
  });

  f.scenario("Try to Add duplicate filter", ["auth"], async (s) => {
    await s.given(
      "filter_conditions",
      `[{"name": "sport", "field": "anpa_category", "operator": "in", "value": "4,1"}]`,
    );
    await s.post(
      "/filter_conditions",
      `[{"name": "water", "field": "anpa_category", "operator": "in", "value": "1,4"}]`,
    );
    s.code(400);
  });

  f.scenario("Try to Add none duplicate filter", ["auth"], async (s) => {
    await s.given(
      "filter_conditions",
      `[{"name": "sport", "field": "anpa_category", "operator": "in", "value": "AAP"}]`,
    );
    await s.post(
      "/filter_conditions",
      `[{"name": "water", "field": "anpa_category", "operator": "in", "value": "PAA"}]`,
    );
    s.ok();
    await s.get("/filter_conditions");
    s.list(2);
  });

  f.scenario("Update allowed fields on vocabulary add/delete", ["auth"], async (s) => {
    await s.givenEmpty("filter_conditions");
    await s.postWithSuccess(
      "vocabularies",
      `[{"_id": "my_custom_field", "display_name": "My Custom Field", "type": "manageable", "field_type": "text", "items": []}]`,
    );
    await s.postWithSuccess(
      "/filter_conditions",
      `[{"name": "water", "field": "my_custom_field", "operator": "eq", "value": "some_value"}]`,
    );
    await s.get("/filter_conditions");
    s.list(1);
    await s.delete("/vocabularies/my_custom_field");
    s.ok();
    await s.post(
      "/filter_conditions",
      `[{"name": "other", "field": "my_custom_field", "operator": "eq", "value": "some_value"}]`,
    );
    s.code(400, `{"_issues": {"field": "unallowed value my_custom_field"}, "_status": "ERR"}`);
  });
});
