/**
 * Superdesk's features/package_publish.feature, the scenarios of publishing a package with its
 * items and routing it: the items are published with the package, wire subscribers get the items,
 * digital subscribers the package with the refs of the items they got.
 */
import { feature } from "./feature.ts";
import {
  deskAndValidators,
  formattedAs,
  givenSubscribers,
  inPackage,
  item,
  pack,
  PACKAGE_ENV,
  subscriber,
} from "./_package_steps.ts";
import type { Scenario } from "./scenario.ts";

const PRODUCT = `{"name": "prod-1", "codes": "abc,xyz", "product_type": "both"}`;
const PUBLISHED_TWO = `{"_items": [
  {"_id": "123", "guid": "123", "headline": "item-1 headline", "_current_version": 2, "state": "published"},
  {"_id": "456", "guid": "456", "headline": "item-2 headline", "_current_version": 2, "state": "published"},
  {"headline": "test package", "state": "published", "type": "composite"}]}`;

/** Stories 123 and 456, and the package holding them in `main` and `sidebars`. */
async function twoStoriesPackage(s: Scenario) {
  await deskAndValidators(s);
  await s.postWithSuccess(
    "archive",
    `[${item("123", "item-1 headline")}, ${item("456", "item-2 headline")}]`,
  );
  await s.postWithSuccess(
    "archive",
    `[${pack("compositeitem", "test package", { main: ["123"], sidebars: ["456"] })}]`,
  );
}

/** Posts the product and a subscriber of `type` taking it (Superdesk's `we post` steps). */
async function postSubscriber(s: Scenario, type: "wire" | "digital") {
  await s.postWithSuccess("/products", PRODUCT);
  const { _id: _, ...body } = subscriber("x", type, { products: ["#products._id#"] });
  await s.postWithSuccess("/subscribers", JSON.stringify(body));
}

/** Publishes the package, checks `/published`, enqueues and reads the queue. */
async function publishAndQueue(s: Scenario, id: string, published: string) {
  await s.publish(id, "publish", "published");
  s.ok();
  await s.get("/published");
  s.existingResource(published);
  await s.enqueuePublished();
  await s.get("/publish_queue?max_results=100");
}

/** A story and a picture in `main` of a package with urgency and category. */
async function storyAndPicture(s: Scenario) {
  await deskAndValidators(s);
  await s.postWithSuccess(
    "archive",
    `[${item("123", "item-1 headline")},
      ${item("456", "item-2 picture", { type: "picture", body_html: null })}]`,
  );
  await s.postWithSuccess(
    "archive",
    `[${
      pack("compositeitem", "test package", { main: ["123", ["456", "picture"]] }, {
        urgency: 4,
        anpa_category: [{ qcode: "A", name: "Sport" }],
      })
    }]`,
  );
  await s.given("products", `[{"_id": "1", "name": "prod-1", "codes": "abc,xyz"}]`);
}

const PUBLISHED_PICTURE = `{"_items": [
  {"_id": "123", "guid": "123", "headline": "item-1 headline", "_current_version": 2, "state": "published"},
  {"_id": "456", "guid": "456", "headline": "item-2 picture", "_current_version": 2, "state": "published"},
  {"headline": "test package", "state": "published", "type": "composite"}]}`;

/**
 * Stories 123, 456, 789 (those in `urgent` with urgency 1, which product 2 blocks), published on
 * their own to a wire subscriber of product 1, sub-2 of product 2 and sub-3 of `sub3Product`, then
 * the package holding them; the queue is read after the stories' enqueue.
 */
async function threePublished(s: Scenario, { urgent, sub3Product }: {
  urgent: string[];
  sub3Product: string;
}) {
  await s.givenEmpty("filter_conditions");
  await s.givenEmpty("content_filters");
  await deskAndValidators(s);
  const extra = (id: string) => urgent.includes(id) ? { urgency: 1 } : {};
  await s.postWithSuccess(
    "archive",
    `[${item("123", "item-1 headline", extra("123"))}, ${
      item("456", "item-2 headline", extra("456"))
    },
      ${item("789", "item-3 headline", extra("789"))}]`,
  );
  await s.postWithSuccess(
    "/filter_conditions",
    `[{"name": "sport", "field": "urgency", "operator": "in", "value": "1"}]`,
  );
  await s.postWithSuccess(
    "/content_filters",
    `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}], "name": "soccer-only"}]`,
  );
  await s.given(
    "products",
    `[{"_id": "1", "name": "prod-1", "codes": "abc,xyz"},
      {"_id": "2", "name": "prod-2", "codes": "abc,xyz",
       "content_filter": {"filter_id": "#content_filters._id#", "filter_type": "blocking"}}]`,
  );
  await givenSubscribers(
    s,
    subscriber("sub-1", "wire", { format: "nitf" }),
    subscriber("sub-2", "digital", { products: ["2"] }),
    subscriber("sub-3", "digital", { products: [sub3Product] }),
  );
  for (const id of ["123", "456", "789"]) {
    await s.publish(id, "publish", "published");
    s.ok();
    await s.get("/published");
    s.existingResource(`{"_items": [{"_id": "${id}", "state": "published", "type": "text"}]}`);
  }
  await s.enqueuePublished();
  await s.get("/publish_queue");
}

/** The package of the three stories. */
async function packageOfThree(s: Scenario) {
  await s.postWithSuccess(
    "archive",
    `[${pack("compositeitem", "test package", { main: ["123"], sidebars: ["456", "789"] })}]`,
  );
}

feature("package_publish", (f) => {
  f.scenario(
    "Publish a package with two text stories and one digital subscriber",
    ["auth", "notification"],
    async (s) => {
      await twoStoriesPackage(s);
      await postSubscriber(s, "digital");
      await publishAndQueue(s, "compositeitem", PUBLISHED_TWO);
      s.list(3);
    },
  );

  f.scenario(
    "Publish a package with two text stories and one wire subscriber",
    ["auth", "notification"],
    async (s) => {
      await twoStoriesPackage(s);
      await postSubscriber(s, "wire");
      await s.publish("compositeitem", "publish", "published");
      s.code(200);
      await s.get("/published");
      s.existingResource(PUBLISHED_TWO);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(2);
    },
  );

  f.scenario(
    "Publish a package with two text stories and one wire and one digital subscriber",
    ["auth", "notification"],
    async (s) => {
      await twoStoriesPackage(s);
      await s.given("products", `[{"_id": "1", "name": "prod-1", "codes": "abc,xyz"}]`);
      await givenSubscribers(s, subscriber("sub-1", "wire"), subscriber("sub-2", "digital"));
      await publishAndQueue(s, "compositeitem", PUBLISHED_TWO);
      s.list(5);
      formattedAs(s, "123", "main", "sub-2");
    },
  );

  f.scenario(
    "Publish a package with a text and an image with one wire and one digital subscriber",
    ["auth", "notification"],
    async (s) => {
      await storyAndPicture(s);
      await givenSubscribers(
        s,
        subscriber("sub-1", "wire", { format: "nitf" }),
        subscriber("sub-2", "digital"),
      );
      await publishAndQueue(s, "compositeitem", PUBLISHED_PICTURE);
      s.list(4);
      formattedAs(s, "123", "main", "sub-2");
    },
  );

  f.scenario(
    "Publish a package with a text and an image with only one wire subscriber",
    ["auth", "notification"],
    async (s) => {
      await storyAndPicture(s);
      await givenSubscribers(s, subscriber("sub-1", "wire", { format: "nitf" }));
      await publishAndQueue(s, "compositeitem", PUBLISHED_PICTURE);
      s.list(1, `{"_items": [{"item_id": "123", "content_type": "text", "state": "pending"}]}`);
    },
  );

  f.scenario(
    "Publish a package with two already published text stories and one digital subscriber",
    ["auth", "notification"],
    async (s) => {
      await deskAndValidators(s);
      await s.postWithSuccess(
        "archive",
        `[${item("123", "item-1 headline")}, ${item("456", "item-2 headline")}]`,
      );
      await s.given("products", `[{"_id": "1", "name": "prod-1", "codes": "abc,xyz"}]`);
      await givenSubscribers(s, subscriber("sub-2", "digital"));
      for (const id of ["123", "456"]) {
        await s.publish(id, "publish", "published");
        s.ok();
        s.existingResource(`{"_id": "${id}", "state": "published"}`);
      }
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(2);
      await s.postWithSuccess(
        "archive",
        `[${pack("compositeitem", "test package", { main: ["123"], sidebars: ["456"] })}]`,
      );
      await publishAndQueue(s, "compositeitem", PUBLISHED_TWO);
      s.list(
        3,
        `{"_items": [{"headline": "item-1 headline", "content_type": "text", "state": "pending"},
          {"headline": "item-2 headline", "content_type": "text", "state": "pending"},
          {"headline": "test package", "content_type": "composite", "state": "pending"}]}`,
      );
      formattedAs(s, "123", "main", "sub-2");
      formattedAs(s, "456", "sidebars", "sub-2");
    },
  );

  f.scenario(
    "Publish a package with three already published text stories being sent different subscribers",
    ["auth"],
    async (s) => {
      await threePublished(s, { urgent: ["456"], sub3Product: "1" });
      s.list(
        8,
        `{"_items": [
          {"headline": "item-1 headline", "content_type": "text", "subscriber_id": "sub-1"},
          {"headline": "item-1 headline", "content_type": "text", "subscriber_id": "sub-2"},
          {"headline": "item-1 headline", "content_type": "text", "subscriber_id": "sub-3"},
          {"headline": "item-2 headline", "content_type": "text", "subscriber_id": "sub-1"},
          {"headline": "item-2 headline", "content_type": "text", "subscriber_id": "sub-3"},
          {"headline": "item-3 headline", "content_type": "text", "subscriber_id": "sub-1"},
          {"headline": "item-3 headline", "content_type": "text", "subscriber_id": "sub-2"},
          {"headline": "item-3 headline", "content_type": "text", "subscriber_id": "sub-3"}]}`,
      );
      await packageOfThree(s);
      await publishAndQueue(s, "compositeitem", PUBLISHED_TWO);
      s.list(
        10,
        `{"_items": [
          {"headline": "test package", "content_type": "composite", "subscriber_id": "sub-2"},
          {"headline": "test package", "content_type": "composite", "subscriber_id": "sub-3"}]}`,
      );
      formattedAs(s, "123", "main", "sub-2");
      formattedAs(s, "789", "sidebars", "sub-2");
      formattedAs(s, "123", "main", "sub-3");
      formattedAs(s, "456", "sidebars", "sub-3");
      formattedAs(s, "789", "sidebars", "sub-3");
    },
  );

  f.scenario(
    "Publish a package with three already published text stories no subscribers matched so no package sent",
    ["auth", "notification"],
    async (s) => {
      await threePublished(s, { urgent: ["123", "456", "789"], sub3Product: "2" });
      s.list(
        3,
        `{"_items": [
          {"headline": "item-1 headline", "content_type": "text", "subscriber_id": "sub-1"},
          {"headline": "item-2 headline", "content_type": "text", "subscriber_id": "sub-1"},
          {"headline": "item-3 headline", "content_type": "text", "subscriber_id": "sub-1"}]}`,
      );
      await packageOfThree(s);
      await publishAndQueue(
        s,
        "compositeitem",
        `{"_items": [
          {"_id": "123", "guid": "123", "headline": "item-1 headline", "_current_version": 2, "state": "published"},
          {"_id": "456", "guid": "456", "headline": "item-2 headline", "_current_version": 2, "state": "published"},
          {"_id": "789", "guid": "789", "headline": "item-3 headline", "_current_version": 2, "state": "published"},
          {"headline": "test package", "state": "published", "type": "composite"}]}`,
      );
      s.list(
        5,
        `{"_items": [
          {"headline": "item-1 headline", "content_type": "text", "subscriber_id": "sub-1"},
          {"headline": "item-2 headline", "content_type": "text", "subscriber_id": "sub-1"},
          {"headline": "item-3 headline", "content_type": "text", "subscriber_id": "sub-1"}]}`,
      );
    },
  );

  f.scenario(
    "Publish a nested package with two text stories and one digital subscriber",
    ["auth", "notification"],
    async (s) => {
      await deskAndValidators(s);
      await s.postWithSuccess(
        "archive",
        `[${item("123", "item-1 headline")}, ${item("456", "item-2 headline")}]`,
      );
      await s.given("products", `[{"_id": "1", "name": "prod-1", "codes": "abc,xyz"}]`);
      await givenSubscribers(s, subscriber("sub-2", "digital"));
      await s.postWithSuccess(
        "archive",
        `[${pack("compositeitem", "test package", { main: ["123"], sidebars: ["456"] })}]`,
      );
      await s.postWithSuccess(
        "archive",
        `[${pack("outercompositeitem", "outer test package", { main: ["compositeitem"] })}]`,
      );
      await s.publish("outercompositeitem", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(
        4,
        `{"_items": [
          {"_id": "123", "guid": "123", "headline": "item-1 headline", "_current_version": 2, "state": "published"},
          {"_id": "456", "guid": "456", "headline": "item-2 headline", "_current_version": 2, "state": "published"},
          {"headline": "test package", "state": "published", "type": "composite"},
          {"headline": "outer test package", "state": "published", "type": "composite"}]}`,
      );
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        4,
        `{"_items": [
          {"headline": "item-1 headline", "content_type": "text", "subscriber_id": "sub-2"},
          {"headline": "item-2 headline", "content_type": "text", "subscriber_id": "sub-2"},
          {"headline": "test package", "content_type": "composite", "subscriber_id": "sub-2"},
          {"headline": "outer test package", "content_type": "composite", "subscriber_id": "sub-2"}]}`,
      );
      inPackage(s, "123", "main", "sub-2", "compositeitem");
      inPackage(s, "456", "sidebars", "sub-2", "compositeitem");
      formattedAs(s, "compositeitem", "main", "sub-2");
      await s.get("/archive/compositeitem?version=all");
      s.list(2);
      await s.get("/archive/outercompositeitem?version=all");
      s.list(2);
    },
  );

  f.scenario(
    "Publish a nested package with three inner packages and three digital subscribers",
    ["auth", "notification"],
    async (s) => {
      for (const resource of ["published", "publish_queue", "subscribers"]) {
        await s.givenEmpty(resource);
      }
      await s.givenEmpty("filter_conditions");
      await s.givenEmpty("content_filters");
      await deskAndValidators(s);
      await s.postWithSuccess(
        "archive",
        `[${item("11", "item-1 headline")}, ${item("22", "item-2 headline", { urgency: 1 })},
          ${item("33", "item-3 headline")}]`,
      );
      const picture = (guid: string, headline: string, extra = {}) =>
        item(guid, headline, {
          type: "picture",
          body_html: null,
          original_source: "AAP Image/AAP",
          description_text: "A test picture",
          byline: "PAUL MILLER",
          source: "AAP Image",
          mimetype: "image/jpeg",
          pubstatus: "usable",
          ...extra,
        });
      await s.postWithSuccess(
        "archive",
        `[${picture("44", "ABC-4", { urgency: 1 })}, ${picture("55", "ABC-5")},
          ${picture("66", "ABC-6")}]`,
      );
      await s.postWithSuccess(
        "/filter_conditions",
        `[{"name": "sport", "field": "urgency", "operator": "in", "value": "1"}]`,
      );
      await s.postWithSuccess(
        "/content_filters",
        `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}], "name": "soccer-only"}]`,
      );
      await s.given(
        "products",
        `[{"_id": "1", "name": "prod-1", "codes": "abc,xyz"},
          {"_id": "2", "name": "prod-2", "codes": "abc,xyz",
           "content_filter": {"filter_id": "#content_filters._id#", "filter_type": "blocking"}}]`,
      );
      await givenSubscribers(
        s,
        subscriber("sub-1", "digital"),
        subscriber("sub-2", "digital", { products: ["2"] }),
        subscriber("sub-3", "digital", { products: ["2"] }),
      );
      for (const [n, text, image] of [["1", "11", "44"], ["2", "22", "55"], ["3", "33", "66"]]) {
        await s.postWithSuccess(
          "archive",
          `[${
            pack(`compositeitem${n}`, `test package ${n}`, { main: [text!, [image!, "picture"]] })
          }]`,
        );
      }
      await s.postWithSuccess(
        "archive",
        `[${
          pack("outercompositeitem", "outer test package", {
            main: ["compositeitem1", "compositeitem2", "compositeitem3"].map((id) =>
              [id, "composite"] as [string, string]
            ),
          })
        }]`,
      );
      await s.publish("outercompositeitem", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(
        10,
        `{"_items": [{"_id": "11", "headline": "item-1 headline", "state": "published"},
          {"_id": "22", "headline": "item-2 headline", "state": "published"},
          {"_id": "33", "headline": "item-3 headline", "state": "published"},
          {"_id": "44", "type": "picture", "state": "published"},
          {"_id": "55", "type": "picture", "state": "published"},
          {"_id": "66", "type": "picture", "state": "published"},
          {"_id": "compositeitem1", "type": "composite", "state": "published"},
          {"_id": "compositeitem2", "type": "composite", "state": "published"},
          {"_id": "compositeitem3", "type": "composite", "state": "published"},
          {"headline": "outer test package", "state": "published", "type": "composite"}]}`,
      );
      await s.enqueuePublished();
      await s.get("/publish_queue?max_results=100");
      const entry = (headline: string, type: string, sub: string) =>
        `{"headline": "${headline}", "content_type": "${type}", "subscriber_id": "${sub}"}`;
      s.list(
        26,
        `{"_items": [${
          [
            entry("item-1 headline", "text", "sub-1"),
            entry("ABC-4", "picture", "sub-1"),
            entry("test package 1", "composite", "sub-1"),
            entry("item-2 headline", "text", "sub-1"),
            entry("ABC-5", "picture", "sub-1"),
            entry("test package 2", "composite", "sub-1"),
            entry("item-3 headline", "text", "sub-1"),
            entry("ABC-6", "picture", "sub-1"),
            entry("test package 3", "composite", "sub-1"),
            entry("outer test package", "composite", "sub-1"),
            entry("item-1 headline", "text", "sub-2"),
            entry("test package 1", "composite", "sub-2"),
            entry("ABC-5", "picture", "sub-2"),
            entry("test package 2", "composite", "sub-2"),
            entry("item-3 headline", "text", "sub-2"),
            entry("ABC-6", "picture", "sub-2"),
            entry("test package 3", "composite", "sub-2"),
            entry("outer test package", "composite", "sub-2"),
          ].join(", ")
        }]}`,
      );
      inPackage(s, "11", "main", "sub-1", "compositeitem1");
      for (const inner of ["compositeitem1", "compositeitem2", "compositeitem3"]) {
        inPackage(s, inner, "main", "sub-2", "outercompositeitem");
      }
    },
  );
}, { env: PACKAGE_ENV });
