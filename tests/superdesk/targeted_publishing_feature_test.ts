/** Superdesk's features/targeted_publishing.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { capiNotPublished, capiNotPublishedTo, capiPublishedTo } from "./_content_api_steps.ts";

const EMAIL = `"destinations":[{"name":"Test","format": "nitf", "delivery_type":"email",
  "config":{"recipients":"test@test.com"}}]`;

/** A wire or digital subscriber of the Background with `extra` fields. */
const subscriber = (id: string, name: string, type: string, extra: string) =>
  `{"_id": "${id}", "name": "${name}", "is_active": true, "media_type": "media",
    "subscriber_type": "${type}", "sequence_num_settings":{"min" : 1, "max" : 10},
    "email": "test@test.com", ${extra}}`;

/** The feature's Background: desk, validators, products, seven subscribers, the kill template. */
async function background(s: Scenario) {
  await s.given(
    "desks",
    `[{"name": "Sports", "content_expiry": 60, "members": [{"user": "#CONTEXT_USER_ID#"}]}]`,
  );
  await s.given(
    "validators",
    `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
      {"schema": {}, "type": "text", "act": "correct", "_id": "correct_text"},
      {"schema": {}, "type": "text", "act": "kill", "_id": "kill_text"}]`,
  );
  await s.given(
    "products",
    `[{"_id": "1", "name":"prod-1", "codes":"abc,xyz"},
      {"_id": "2", "name":"prod-2", "codes":"klm", "geo_restrictions": "VIC"},
      {"_id": "3", "name":"prod-3", "codes":"klm", "geo_restrictions": "QLD"},
      {"_id": "4", "name":"prod-4", "codes":"abc,xyz,klm"}]`,
  );
  await s.given(
    "subscribers",
    `[${
      [
        subscriber(
          "sub-1",
          "Channel 1",
          "digital",
          `"products": ["1", "4"], "codes": "Aaa", ${EMAIL}`,
        ),
        subscriber(
          "sub-2",
          "Wire channel with geo restriction Victoria",
          "wire",
          `"products": ["2"], ${EMAIL}`,
        ),
        subscriber(
          "sub-3",
          "Wire channel without geo restriction",
          "wire",
          `"products": ["1"], ${EMAIL}`,
        ),
        subscriber(
          "sub-4",
          "Wire channel with geo restriction Queensland",
          "wire",
          `"products": ["3"], ${EMAIL}`,
        ),
        subscriber(
          "sub-5",
          "Wire channel with geo restriction no product",
          "wire",
          `"codes": "ptk,rst", ${EMAIL}`,
        ),
        subscriber(
          "sub-2-api",
          "Wire channel with geo restriction Victoria API",
          "wire",
          `"api_products": ["2"]`,
        ),
        subscriber(
          "sub-4-api",
          "Wire channel with geo restriction Queensland API",
          "wire",
          `"api_products": ["3"]`,
        ),
      ].join(",")
    }]`,
  );
  await s.post(
    "content_templates",
    `{"template_name": "kill", "template_type": "kill",
      "data": {"body_html": "<p>Please kill story slugged {{ item.slugline }} ex {{ item.dateline['text'] }}.<\\/p>",
        "type": "text", "abstract": "This article has been removed",
        "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice",
        "urgency": 1, "priority": 1,  "anpa_take_key": "KILL\\/TAKEDOWN"}}`,
  );
}

/** `we post to "/archive" with success` item 123 with the `targets`, published and listed. */
async function publishTargeted(s: Scenario, targets: string) {
  await s.postWithSuccess(
    "/archive",
    `[{"guid": "123", "type": "text", "state": "fetched", "slugline": "slugline",
      "headline": "headline",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "subject":[{"qcode": "17004000", "name": "Statistics"}], ${targets}
      "body_html": "Test Document body"}]`,
  );
  s.ok();
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
  await s.get("/published");
  s.list(
    1,
    `{"_items" : [{"_id": "123", "state": "published", "type": "text", "_current_version": 2}]}`,
  );
  await s.enqueuePublished();
}

/**
 * A targeted-publishing scenario over the content API: item 123 published with `targets`, the
 * queue holding entries for `queued`, and the content API item published to `api`
 * subscribers only (none of the Background's others).
 */
function targetedScenario(targets: string, queued: string[], api: string[]) {
  return async (s: Scenario) => {
    await background(s);
    await publishTargeted(s, targets);
    await s.get("/publish_queue");
    s.list(
      queued.length,
      `{"_items": [${queued.map((id) => `{"subscriber_id": "${id}"}`).join(",")}]}`,
    );
    await s.get("/items/123");
    s.ok();
    if (api.length === 0) return await capiNotPublished(s, "123");
    for (const id of api) await capiPublishedTo(s, "123", id);
    for (const id of ["sub-1", "sub-2", "sub-3", "sub-4", "sub-5"]) {
      await capiNotPublishedTo(s, "123", id);
    }
  };
}

feature("targeted_publishing", (f) => {
  f.scenario(
    "Publish a story to a target region",
    ["auth", "notification"],
    targetedScenario(
      `"target_regions": [{"qcode": "QLD", "name": "Queensland", "allow": true}],`,
      ["sub-4", "sub-4-api"],
      ["sub-4-api"],
    ),
  );
  f.scenario(
    "Publish a story to a target region with negation",
    ["auth", "notification"],
    targetedScenario(
      `"target_regions": [{"qcode": "NSW", "name": "New South Wales", "allow": false}],`,
      ["sub-2", "sub-2-api", "sub-4", "sub-4-api"],
      ["sub-4-api", "sub-2-api"],
    ),
  );
  f.scenario(
    "Publish a story to a target region doesn't publish if no product",
    ["auth", "notification"],
    targetedScenario(
      `"target_regions": [{"qcode": "NSW", "name": "New South Wales", "allow": true}],`,
      [],
      [],
    ),
  );
  f.scenario(
    "Publish a story normally doesn't publish if product has target region",
    ["auth", "notification"],
    targetedScenario("", ["sub-1", "sub-3"], []),
  );
  f.scenario(
    "Publish a story to a target subscriber type",
    ["auth", "notification"],
    targetedScenario(
      `"target_types": [{"qcode":"digital", "name": "digital", "allow": true}],`,
      ["sub-1"],
      [],
    ),
  );
  f.scenario(
    "Publish a story to target subscribers even no products",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await publishTargeted(
        s,
        `"target_subscribers": [{"_id": "sub-1"}, {"_id": "sub-4"}, {"_id": "sub-5"}],`,
      );
      await s.get("/publish_queue");
      s.list(
        3,
        `{"_items": [{"subscriber_id": "sub-1", "codes": ["Aaa", "abc", "xyz"]},
          {"subscriber_id": "sub-4"}, {"subscriber_id": "sub-5", "codes": ["ptk", "rst"]}]}`,
      );
      await s.get("/items/123");
      s.ok();
      await capiNotPublished(s, "123");
    },
  );
  f.scenario(
    "Publish a story to target subscribers and region",
    ["auth", "notification"],
    targetedScenario(
      `"target_regions": [{"qcode": "QLD", "name": "Queensland", "allow": true}],
        "target_subscribers": [{"_id": "sub-3"}],`,
      ["sub-3", "sub-4", "sub-4-api"],
      ["sub-4-api"],
    ),
  );

  f.scenario(
    "Correct a targeted story with a added target ignores the change",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await publishTargeted(
        s,
        `"target_subscribers": [{"_id": "sub-1"}, {"_id": "sub-4"}, {"_id": "sub-5"}],`,
      );
      await s.get("/publish_queue");
      s.list(
        3,
        `{"_items": [
          {"subscriber_id": "sub-1", "codes": ["Aaa", "abc", "xyz"]},
          {"subscriber_id": "sub-4"},
          {"subscriber_id": "sub-5", "codes": ["ptk", "rst"]}]}`,
      );
      await s.publish(
        "#archive._id#",
        "correct",
        "corrected",
        `{"body_html": "Corrected", "slugline": "corrected", "headline": "corrected"}`,
      );
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        6,
        `{"_items": [
          {"subscriber_id": "sub-1", "codes": ["Aaa", "abc", "xyz"],
            "publishing_action": "corrected", "headline": "corrected"},
          {"subscriber_id": "sub-4", "headline": "corrected", "publishing_action": "corrected"},
          {"subscriber_id": "sub-5", "codes": ["ptk", "rst"],
            "publishing_action": "corrected", "headline": "corrected"}]}`,
      );
      await s.publish(
        "#archive._id#",
        "correct",
        "corrected",
        `{"target_subscribers": [{"_id": "sub-2"}], "headline": "corrected2"}`,
      );
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        10,
        `{"_items": [
          {"subscriber_id": "sub-1", "codes": ["Aaa", "abc", "xyz", "klm"], "headline": "corrected2"},
          {"subscriber_id": "sub-4", "headline": "corrected"},
          {"subscriber_id": "sub-5", "codes": ["ptk", "rst"], "headline": "corrected2"}]}`,
      );
    },
  );
});
