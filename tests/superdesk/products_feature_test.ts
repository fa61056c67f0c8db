/** Superdesk's features/products.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { contentFilter, FTP_DESTINATION, news1, sportCondition } from "./_publish_steps.ts";

/** The filter condition, content filter, product and subscriber both scenarios start from. */
async function productWithSubscriber(s: Scenario) {
  await sportCondition(s);
  await contentFilter(s, "soccer-only");
  await s.givenEmpty("subscribers");
  await s.post("/products", `{"name":"prod-1", "codes":"abc,xyz", "product_type": "both"}`);
  s.ok();
  await s.post(
    "/subscribers",
    news1(`"products": ["#products._id#"], "destinations":[${FTP_DESTINATION}]`),
  );
  s.ok();
}

feature("products", (f) => {
  f.scenario("Update a product with publish filter", ["auth"], async (s) => {
    await productWithSubscriber(s);
    await s.patch(
      "/products/#products._id#",
      `{"content_filter":{"filter_id":"#content_filters._id#"}, "product_type": "direct"}`,
    );
    s.ok(
      `{"product_type": "direct", "content_filter":{"filter_id":"#content_filters._id#", "filter_type":"blocking"}}`,
      { updated: true },
    );
    await s.patch("/products/#products._id#", `{"product_type": "api"}`);
    s.code(400);
    await s.post("/products", `{"name":"prod-2", "codes":"abc,xyz", "product_type": "api"}`);
    s.ok();
    await s.patch("/subscribers/#subscribers._id#", `{"api_products": ["#products._id#"]}`);
    s.ok();
    await s.patch("/products/#products._id#", `{"product_type": "both"}`);
    s.ok();
  });

  f.scenario("Create or Update a product with no product type", ["auth"], async (s) => {
    await s.post("/products", `{"name":"prod-1", "codes":"abc,xyz"}`);
    s.newResource(`{"product_type": "both"}`);
    await s.post("/products", `{"name":"prod-2", "codes":"abc,xyz", "product_type": "api"}`);
    s.ok();
    await s.patch("/products/#products._id#", `{"product_type": null}`);
    s.code(400, `{"_status": "ERR", "_issues": {"product_type": "null value not allowed"}}`);
  });

  f.scenario("Delete a product associated with subscriber fails", ["auth"], async (s) => {
    await productWithSubscriber(s);
    await s.delete("/products/#products._id#");
    s.code(400, `{"_message": "Product is used by the subscriber(s): News1", "_status": "ERR"}`);
    await s.post("/products", `{"name":"prod-2", "codes":"abc,xyz", "product_type": "api"}`);
    s.ok();
    await s.post(
      "/subscribers",
      `{
      "name":"News2","media_type":"media", "subscriber_type": "digital",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "api_products": ["#products._id#"]
    }`,
    );
    s.ok();
    await s.delete("/products/#products._id#");
    s.code(400, `{"_message": "Product is used by the subscriber(s): News2", "_status": "ERR"}`);
    await s.post("/products", `{"name":"prod-3", "codes":"abc,xyz", "product_type": "api"}`);
    s.ok();
    await s.delete("/products/#products._id#");
    s.ok();
  });
});
