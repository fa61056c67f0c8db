/**
 * Superdesk's features/package_publish.feature, the scenarios of correcting and killing packages
 * and their items: correcting an item corrects the published packages holding it (at any depth),
 * a correction of a package that adds or removes items reaches their subscribers, an item in a
 * package that is not withdrawn cannot be killed.
 */
import { feature } from "./feature.ts";
import {
  deskAndValidators,
  givenSubscribers,
  inPackage,
  item,
  notInPackage,
  pack,
  PACKAGE_ENV,
  packageBody,
  subscriber,
} from "./_package_steps.ts";
import type { Scenario } from "./scenario.ts";

const ACTS = ["publish", "correct"];
const PRODUCT = `{"name": "prod-1", "codes": "abc,xyz", "product_type": "both"}`;

/** Stories 123 and 456 and the package holding them in `main` and `sidebars`. */
async function storiesAndPackage(s: Scenario, acts = ACTS) {
  await deskAndValidators(s, acts);
  await s.postWithSuccess(
    "archive",
    `[${item("123", "item-1 headline")}, ${item("456", "item-2 headline")}]`,
  );
  await s.postWithSuccess(
    "archive",
    `[${pack("compositeitem", "test package", { main: ["123"], sidebars: ["456"] })}]`,
  );
}

/** Posts the product and a subscriber of `type` taking it. */
async function postSubscriber(s: Scenario, type: "wire" | "digital") {
  await s.postWithSuccess("/products", PRODUCT);
  const { _id: _, ...body } = subscriber("x", type, { products: ["#products._id#"] });
  await s.postWithSuccess("/subscribers", JSON.stringify(body));
}

/** Enqueues and reads the queue. */
async function queue(s: Scenario) {
  await s.enqueuePublished();
  await s.get("/publish_queue?max_results=100");
}

/**
 * Stories 123, 456 (urgency 2) and 789 (urgency 1), the package of `inPackage`, and three
 * digital subscribers: sub-1 blocks urgency 1, sub-2 takes everything, sub-3 only urgency 1.
 */
async function filteredSubscribers(s: Scenario, packaged: string[]) {
  await s.givenEmpty("filter_conditions");
  await s.givenEmpty("content_filters");
  await deskAndValidators(s, ACTS);
  await s.postWithSuccess(
    "archive",
    `[${item("123", "item-1 headline", { urgency: 2 })},
      ${item("456", "item-2 headline", { urgency: 2 })},
      ${item("789", "item-3 headline", { urgency: 1 })}]`,
  );
  await s.postWithSuccess(
    "archive",
    `[${pack("compositeitem", "test package", { main: packaged })}]`,
  );
  await s.postWithSuccess(
    "/filter_conditions",
    `[{"name": "sport", "field": "urgency", "operator": "in", "value": "1,3"}]`,
  );
  await s.postWithSuccess(
    "/content_filters",
    `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}], "name": "soccer-only"}]`,
  );
  await s.given(
    "products",
    `[{"_id": "1", "name": "prod-1", "codes": "abc,xyz"},
      {"_id": "2", "name": "prod-2", "codes": "def",
       "content_filter": {"filter_id": "#content_filters._id#", "filter_type": "blocking"}},
      {"_id": "3", "name": "prod-3",
       "content_filter": {"filter_id": "#content_filters._id#", "filter_type": "permitting"}}]`,
  );
  await givenSubscribers(
    s,
    subscriber("sub-1", "digital", { products: ["2"] }),
    subscriber("sub-2", "digital", { products: ["1"] }),
    subscriber("sub-3", "digital", { products: ["3"] }),
  );
  await s.publish("compositeitem", "publish", "published");
  s.ok();
}

/** The package's correction with `main` holding `ids`. */
function correction(ids: string[]): string {
  return JSON.stringify(packageBody("compositeitem", "test package", { main: ids }));
}

/** The nested package: `outercompositeitem` holds `compositeitem`, which holds 123 and 456. */
async function nestedPackage(s: Scenario, acts = ACTS) {
  await deskAndValidators(s, acts);
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
}

const KILL_REFUSED = `{"_issues": {"validator exception": "400: This item is in a package. ` +
  `It needs to be removed before the item can be killed"}, "_status": "ERR"}`;

feature("package_publish", (f) => {
  f.scenario(
    "Correct a text story exists in a published package",
    ["auth", "notification"],
    async (s) => {
      await storiesAndPackage(s);
      await postSubscriber(s, "digital");
      await s.publish("compositeitem", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(
        3,
        `{"_items": [{"headline": "test package", "state": "published", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(3);
      await s.publish("123", "correct", "corrected", `{"headline": "item-1.2 headline"}`);
      s.ok();
      await s.get("/published");
      s.list(
        5,
        `{"_items": [{"headline": "item-1.2 headline", "type": "text", "state": "corrected"},
          {"headline": "test package", "state": "corrected", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(
        5,
        `{"_items": [{"headline": "item-1.2 headline", "publishing_action": "corrected"},
          {"headline": "test package", "publishing_action": "corrected"}]}`,
      );
    },
  );

  f.scenario(
    "Correct a text story exists in a published package succeeds without a valid subscriber",
    ["auth", "notification"],
    async (s) => {
      await storiesAndPackage(s);
      await s.publish("compositeitem", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(3);
      await queue(s);
      s.list(0);
      await s.publish("123", "correct", "corrected");
      s.ok();
      await s.get("/published");
      s.list(
        5,
        `{"_items": [{"_id": "123", "headline": "item-1 headline", "state": "corrected"},
          {"headline": "test package", "state": "corrected", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(0);
    },
  );

  f.scenario(
    "Correct a text story exists in a non-published package doesn't correct the package",
    ["auth", "notification"],
    async (s) => {
      await storiesAndPackage(s);
      await postSubscriber(s, "digital");
      await s.publish("123", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(1);
      await queue(s);
      s.list(1);
      await s.publish("123", "correct", "corrected");
      s.ok();
      await s.get("/published");
      s.list(
        2,
        `{"_items": [{"_id": "123", "headline": "item-1 headline", "state": "corrected"}]}`,
      );
      await queue(s);
      s.list(2);
    },
  );

  f.scenario("Correct a story in a nested package", ["auth", "notification"], async (s) => {
    await nestedPackage(s);
    await s.publish("outercompositeitem", "publish", "published");
    s.ok();
    await s.get("/published");
    s.list(
      4,
      `{"_items": [{"headline": "test package", "state": "published", "type": "composite"},
        {"headline": "outer test package", "state": "published", "type": "composite"}]}`,
    );
    await queue(s);
    s.list(
      4,
      `{"_items": [
        {"headline": "item-1 headline", "content_type": "text", "subscriber_id": "sub-2"},
        {"headline": "item-2 headline", "content_type": "text", "subscriber_id": "sub-2"},
        {"headline": "test package", "content_type": "composite", "subscriber_id": "sub-2"},
        {"headline": "outer test package", "content_type": "composite", "subscriber_id": "sub-2"}]}`,
    );
    await s.publish("123", "correct", "corrected", `{"headline": "item-1.2 headline"}`);
    s.ok();
    await s.get("/published");
    s.list(
      7,
      `{"_items": [{"headline": "test package", "state": "corrected", "type": "composite"},
        {"headline": "outer test package", "state": "corrected", "type": "composite"}]}`,
    );
    await queue(s);
    s.list(
      7,
      `{"_items": [{"headline": "item-1.2 headline", "publishing_action": "corrected"},
        {"headline": "test package", "publishing_action": "corrected"},
        {"headline": "outer test package", "publishing_action": "corrected", "subscriber_id": "sub-2"}]}`,
    );
    for (const id of ["123", "compositeitem", "outercompositeitem"]) {
      await s.get(`/archive/${id}?version=all`);
      s.list(3);
    }
  });

  f.scenario(
    "Killing a text story exists in a unpublished package fails",
    ["auth", "notification"],
    async (s) => {
      await storiesAndPackage(s, ["publish", "kill"]);
      await postSubscriber(s, "digital");
      await s.publish("123", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(1);
      await queue(s);
      s.list(1);
      await s.publish("123", "kill", "killed");
      s.code(400, KILL_REFUSED);
    },
  );

  f.scenario(
    "Killing a text story exists in a killed package succeeds",
    ["auth", "notification"],
    async (s) => {
      await storiesAndPackage(s, ["publish", "kill"]);
      await postSubscriber(s, "digital");
      await s.publish("compositeitem", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(3);
      await s.publish("compositeitem", "kill", "killed");
      s.ok();
      await queue(s);
      s.list(4);
      await s.publish("123", "kill", "killed");
      s.ok();
      await queue(s);
      s.list(5);
    },
  );

  f.scenario(
    "Correct a published package by removing a story",
    ["auth", "notification"],
    async (s) => {
      await filteredSubscribers(s, ["123", "456", "789"]);
      await s.get("/published");
      s.list(
        4,
        `{"_items": [{"_id": "123", "headline": "item-1 headline", "state": "published"},
          {"_id": "456", "headline": "item-2 headline", "state": "published"},
          {"_id": "789", "headline": "item-3 headline", "state": "published"},
          {"_id": "compositeitem", "headline": "test package", "state": "published", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(
        9,
        `{"_items": [{"headline": "item-1 headline", "subscriber_id": "sub-1"},
          {"headline": "item-2 headline", "subscriber_id": "sub-1"},
          {"headline": "item-1 headline", "subscriber_id": "sub-2"},
          {"headline": "item-2 headline", "subscriber_id": "sub-2"},
          {"headline": "item-3 headline", "subscriber_id": "sub-2"},
          {"headline": "item-3 headline", "subscriber_id": "sub-3"},
          {"headline": "test package", "subscriber_id": "sub-1"},
          {"headline": "test package", "subscriber_id": "sub-2"},
          {"headline": "test package", "subscriber_id": "sub-3"}]}`,
      );
      await s.publish("compositeitem", "correct", "corrected", correction(["123", "456"]));
      s.ok();
      await s.get("/published");
      s.list(
        5,
        `{"_items": [{"headline": "test package", "state": "corrected", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(
        12,
        `{"_items": [
          {"headline": "test package", "publishing_action": "corrected", "subscriber_id": "sub-1"},
          {"headline": "test package", "publishing_action": "corrected", "subscriber_id": "sub-2"},
          {"headline": "test package", "publishing_action": "corrected", "subscriber_id": "sub-3"}]}`,
      );
      for (const sub of ["sub-1", "sub-2", "sub-3"]) {
        notInPackage(s, "789", "main", sub, ["compositeitem", 3]);
      }
    },
  );

  f.scenario(
    "Correct a published package by adding a story",
    ["auth", "notification"],
    async (s) => {
      await filteredSubscribers(s, ["123", "456"]);
      await s.get("/published");
      s.list(
        3,
        `{"_items": [{"_id": "123", "headline": "item-1 headline", "state": "published"},
          {"_id": "456", "headline": "item-2 headline", "state": "published"},
          {"_id": "compositeitem", "headline": "test package", "state": "published", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(
        6,
        `{"_items": [{"headline": "item-1 headline", "subscriber_id": "sub-1"},
          {"headline": "item-2 headline", "subscriber_id": "sub-1"},
          {"headline": "item-1 headline", "subscriber_id": "sub-2"},
          {"headline": "item-2 headline", "subscriber_id": "sub-2"},
          {"headline": "test package", "subscriber_id": "sub-1"},
          {"headline": "test package", "subscriber_id": "sub-2"}]}`,
      );
      await s.publish("compositeitem", "correct", "corrected", correction(["123", "456", "789"]));
      s.ok();
      await s.get("/published");
      s.list(
        5,
        `{"_items": [{"_id": "789", "headline": "item-3 headline", "state": "published"},
          {"_id": "compositeitem", "headline": "test package", "state": "corrected", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(
        11,
        `{"_items": [
          {"headline": "item-3 headline", "publishing_action": "published", "subscriber_id": "sub-3"},
          {"headline": "item-3 headline", "publishing_action": "published", "subscriber_id": "sub-2"},
          {"headline": "test package", "publishing_action": "corrected", "subscriber_id": "sub-1"},
          {"headline": "test package", "publishing_action": "corrected", "subscriber_id": "sub-2"},
          {"headline": "test package", "publishing_action": "corrected", "subscriber_id": "sub-3"}]}`,
      );
      inPackage(s, "789", "main", "sub-3", "compositeitem");
      inPackage(s, "789", "main", "sub-2", "compositeitem");
      notInPackage(s, "789", "main", "sub-1", ["compositeitem", 3]);
      for (const id of ["123", "456"]) {
        notInPackage(s, id, "main", "sub-3", ["compositeitem", 3]);
        inPackage(s, id, "main", "sub-2", "compositeitem");
        inPackage(s, id, "main", "sub-1", "compositeitem");
      }
    },
  );

  f.scenario("Kill a published package", ["auth", "notification"], async (s) => {
    await storiesAndPackage(s, ["publish", "kill"]);
    await postSubscriber(s, "digital");
    await s.publish("compositeitem", "publish", "published");
    s.ok();
    await s.get("/published");
    s.list(3);
    await queue(s);
    s.list(3);
    await s.publish("compositeitem", "kill", "killed");
    s.ok();
    await s.get("/published");
    s.list(
      4,
      `{"_items": [{"headline": "item-1 headline", "type": "text", "state": "published"},
        {"headline": "test package", "state": "published", "type": "composite"},
        {"headline": "test package", "state": "killed", "type": "composite", "pubstatus": "canceled"}]}`,
    );
    await queue(s);
    s.list(4, `{"_items": [{"headline": "test package", "publishing_action": "killed"}]}`);
  });

  f.scenario("Killing the nested package fails", ["auth", "notification"], async (s) => {
    await nestedPackage(s, ["publish", "kill"]);
    await s.publish("outercompositeitem", "publish", "published");
    s.ok();
    await s.get("/published");
    s.list(4);
    await queue(s);
    s.list(4);
    await s.publish("compositeitem", "kill", "killed");
    s.code(400, KILL_REFUSED);
  });

  f.scenario(
    "Correct a published package by removing all stories fails",
    ["auth", "notification"],
    async (s) => {
      await filteredSubscribers(s, ["123", "456", "789"]);
      await s.publish("compositeitem", "correct", "corrected", correction([]));
      s.code(
        400,
        `{"_issues": {"validator exception": "['Corrected package cannot be empty!']"}, "_status": "ERR"}`,
      );
    },
  );

  f.scenario(
    "Correct a text story exists in a published package one wire subscriber",
    ["auth", "notification"],
    async (s) => {
      await deskAndValidators(s, ACTS);
      await s.postWithSuccess("archive", `[${item("123", "item-1 headline")}]`);
      await s.postWithSuccess(
        "archive",
        `[${pack("compositeitem", "test package", { main: ["123"] })}]`,
      );
      await postSubscriber(s, "wire");
      await s.publish("compositeitem", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(2);
      await queue(s);
      s.list(1);
      await s.publish("123", "correct", "corrected", `{"headline": "item-1.2 headline"}`);
      s.ok();
      await s.get("/published");
      s.list(
        4,
        `{"_items": [{"headline": "test package", "state": "corrected", "type": "composite"}]}`,
      );
      await queue(s);
      s.list(
        2,
        `{"_items": [{"headline": "item-1.2 headline", "publishing_action": "corrected"}]}`,
      );
    },
  );

  f.scenario(
    "Publish a nested package where inner package does not validate",
    ["auth", "notification"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.given(
        "desks",
        `[{"name": "test_desk1", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`,
      );
      await s.given(
        "validators",
        `[{"_id": "publish_composite", "act": "publish", "type": "composite",
           "schema": {"headline": {"type": "string", "required": true, "maxlength": 160}}},
          {"_id": "publish_text", "act": "publish", "type": "text",
           "schema": {"abstract": {"type": "string", "required": true, "maxlength": 160}}},
          {"_id": "publish_picture", "act": "publish", "type": "picture", "schema": {}}]`,
      );
      await s.postWithSuccess(
        "archive",
        `[${item("123", "item-1 headline")}, ${item("456", "item-2 headline")}]`,
      );
      // Superdesk's inner package has no headline.
      const inner = JSON.parse(pack("compositeitem", "", { main: ["123"], sidebars: ["456"] }));
      delete inner.headline;
      await s.postWithSuccess("archive", `[${JSON.stringify(inner)}]`);
      await s.postWithSuccess(
        "archive",
        `[${pack("outercompositeitem", "outer test package", { main: ["compositeitem"] })}]`,
      );
      await s.publish("outercompositeitem", "publish", "published");
      s.code(
        400,
        `{"_issues": {"validator exception": "['Associated item  item-1 headline: ABSTRACT is a required field', 'Associated item  item-2 headline: ABSTRACT is a required field', 'Associated item  compositeitem: HEADLINE is a required field']"}, "_status": "ERR"}`,
      );
      await s.get("/published");
      s.list(0);
    },
  );
}, { env: PACKAGE_ENV });
