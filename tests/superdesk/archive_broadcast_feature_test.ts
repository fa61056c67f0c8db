/**
 * Superdesk's features/archive_broadcast.feature over HTTP: broadcasts of a published story
 * (`POST /archive/<id>/broadcast`) and what publishing, correcting, killing and taking down the
 * story does to them.
 */
import assert from "node:assert/strict";
import { genreVocabulary } from "./_genre_vocabulary.ts";
import { rewrite } from "./_rewrite_steps.ts";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

/** `Given "desks"`: Sports, with the signed-in user as member. */
async function sports(s: Scenario) {
  await s.given("desks", `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`);
}

/** `the "validators"`: no required field for `acts` of `type`. */
async function validators(s: Scenario, acts: string[], type = "text") {
  const list = acts.map((act) =>
    `{"schema": {}, "type": "${type}", "act": "${act}", "_id": "${act}_${type}"}`
  );
  await s.given("validators", `[${list.join(",")}]`);
}

/** Story `guid` as the scenarios post it: on Sports' working stage, in `state`. */
function story(guid: string, { type = "text", state = "in_progress" } = {}): string {
  return `{"guid": "${guid}", "type": "${type}", "headline": "headline", "slugline": "comics",
    "anpa_take_key": "take key", "anpa_category": [{"name": "Australian General News", "qcode": "a"}],
    "state": "${state}", "subject":[{"qcode": "17004000", "name": "Statistics"}],
    "task": {"user": "#CONTEXT_USER_ID#", "desk": "#desks._id#", "stage": "#desks.working_stage#"},
    "genre": [{"name": "Article", "qcode": "Article"}], "urgency": 1, "priority": 3,
    "family_id": "xyz", "place": [{"qcode": "VIC", "name": "VIC"}], "body_html": "Take-1",
    "dateline": {"source": "AAP", "text": "Los Angeles, Aug 11 AAP -"}}`;
}

/** prod-1 and Channel 3 (`subscriberType`) with its email destination. */
async function channel3(s: Scenario, subscriberType: string) {
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "${subscriberType}",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"],
      "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}]}`,
  );
}

/** Story 123 (`type`) posted, Channel 3 (`subscriberType`) added, and the story published. */
async function publishedStory(
  s: Scenario,
  { type = "text", subscriberType = "wire" }: { type?: string; subscriberType?: string } = {},
) {
  await s.post("archive", `[${story("123", { type })}]`);
  s.ok();
  await channel3(s, subscriberType);
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
}

/** A new broadcast of story 123 on `desk` as the feature expects it (`extra`: more fields). */
function broadcastOf123(task: string, { type = "text" } = {}): string {
  return `{"type": "${type}", "slugline": "comics", "state": "draft",
    "subject":[{"qcode": "17004000", "name": "Statistics"}],
    "anpa_category": [{"name": "Australian General News", "qcode": "a"}],
    "task": ${task}, "_current_version": 1, "urgency": 1, "priority": 3,
    "place": [{"qcode": "VIC", "name": "VIC"}], "family_id": "xyz",
    "dateline": {"source": "AAP", "text": "Los Angeles, Aug 11 AAP -"},
    "genre": [{"name": "Broadcast Script", "qcode": "Broadcast Script"}],
    "broadcast": {"status": "", "master_id": "123"}}`;
}

const ON_SPORTS =
  `{"user": "#CONTEXT_USER_ID#", "desk": "#desks._id#", "stage": "#desks.working_stage#"}`;

/** `When we post to "archive/123/broadcast" with "<TAG>" and success` on Sports: a new draft. */
async function broadcastTagged(s: Scenario, tag: string) {
  await s.postWithTag("archive/123/broadcast", tag, `[{"desk": "#desks._id#"}]`);
  s.ok(
    `{"state": "draft", "_id": "#${tag}#", "_current_version": 1,
      "broadcast": {"status": "", "master_id": "123"}}`,
    { updated: true },
  );
}

/** `we get text "<text>" in response field "<field>"`. */
function textIn(s: Scenario, text: string, field: string) {
  const value = s.response.body[field];
  assert.ok(String(value).includes(text), `"${text}" is not in ${field}: ${value}`);
}

/**
 * The kill (takedown) scenarios up to the story's withdrawal: a template named after the action,
 * story 123 published, BROADCAST_ONE edited (`edits`) and published, BROADCAST_TWO a draft.
 */
async function twoBroadcasts(s: Scenario, template: string, edits: string) {
  await s.post("content_templates", template);
  s.newResource();
  await publishedStory(s, { subscriberType: "digital" });
  await broadcastTagged(s, "BROADCAST_ONE");
  await s.patch("archive/#BROADCAST_ONE#", edits);
  s.ok();
}

/** The broadcast of story 123 as the status scenarios expect it, with `status`. */
function broadcastStatus(status: string, extra = ""): string {
  return `{"state": "draft", "_id": "#broadcast._id#", "_current_version": 1,
    "broadcast": {"status": "${status}", "master_id": "123"${extra}}}`;
}

/** `When we post to "archive/123/broadcast"` on Sports / `Then we get updated response`. */
async function broadcastOf123Posted(s: Scenario) {
  await s.post("archive/123/broadcast", `[{"desk": "#desks._id#"}]`);
  s.ok(broadcastStatus(""), { updated: true });
}

/** `And broadcast "rewrite_id" has value "none"`. */
function rewriteIdNone(s: Scenario) {
  const value = s.response.body.broadcast?.rewrite_id;
  assert.ok(value === null || value === undefined, `rewrite_id is ${JSON.stringify(value)}`);
}

/** `we rewrite "123"` on Sports; the broadcast then says its master was re-written. */
async function rewrittenBroadcast(s: Scenario) {
  await rewrite(s, "123", `{"desk_id": "#desks._id#"}`);
  await s.get("/archive/#broadcast._id#");
  s.existingResource(
    broadcastStatus("Master Story Re-written", `, "rewrite_id": "#REWRITE_ID#"`),
  );
}

/**
 * PACKAGE published, then story 123 killed: the story and BROADCAST_ONE killed, BROADCAST_TWO
 * spiked; the package read last.
 */
async function packagePublishedThenStoryKilled(s: Scenario) {
  await s.publish("#PACKAGE#", "publish", "published");
  s.ok();
  await s.publish("123", "kill", "killed");
  s.ok();
  await s.get("/archive/123");
  s.ok(`{"state": "killed", "_id": "123"}`);
  await s.get("/archive/#BROADCAST_ONE#");
  s.ok(`{"state": "killed"}`);
  await s.get("/archive/#BROADCAST_TWO#");
  s.ok(`{"state": "spiked"}`);
  await s.get("/archive/#PACKAGE#");
}

/** Validators without rules to publish and kill text and packages. */
async function packageValidators(s: Scenario) {
  const list = ["publish", "kill"].flatMap((act) =>
    ["text", "composite"].map((type) =>
      `{"schema": {}, "type": "${type}", "act": "${act}", "_id": "${act}_${type}"}`
    )
  );
  await s.given("validators", `[${list.join(",")}]`);
}

/** The package scenarios' public kill template, with `body`. */
function killTemplate(body: string): string {
  return `{"data": {"body_html": "${body}", "type": "text",
     "abstract": "This article has been removed",
     "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice",
     "urgency": 1, "priority": 1, "anpa_take_key": "KILL\\/TAKEDOWN"},
    "template_name": "kill", "template_type": "kill", "is_public": true}`;
}

/** A package's groups once its one item, in `main`, has been taken out. */
const EMPTIED_GROUPS = `[{"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
  {"id": "main", "refs": [], "role": "grpRole:main"}]`;

/**
 * The package scenarios up to the story's kill: the kill template, story 123 published,
 * BROADCAST_ONE edited and published, BROADCAST_TWO a draft, and PACKAGE (submitted) holding
 * BROADCAST_ONE in `main`.
 */
async function broadcastInPackage(s: Scenario) {
  await genreVocabulary(s);
  await sports(s);
  await packageValidators(s);
  await twoBroadcasts(
    s,
    killTemplate("<p>Please kill this story.<\\/p>"),
    `{"body_html": "TEST", "headline": "TEST",
      "dateline": {"source": "AAP", "text": "New York, Aug 11 AAP -"}}`,
  );
  await s.publish("#BROADCAST_ONE#", "publish", "published");
  s.ok(
    `{"state": "published", "_id": "#BROADCAST_ONE#", "_current_version": 3,
      "broadcast": {"status": "", "master_id": "123"}, "body_html": "TEST", "headline": "TEST"}`,
    { updated: true },
  );
  await broadcastTagged(s, "BROADCAST_TWO");
  await s.postWithTag(
    "archive",
    "PACKAGE",
    `[{"groups": [{"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
        {"id": "main", "role": "grpRole:main", "refs": [{"renditions": {}, "slugline": "Boat",
          "guid": "#BROADCAST_ONE#", "headline": "item-1 headline", "location": "archive",
          "type": "text", "itemClass": "icls:text", "residRef": "#BROADCAST_ONE#"}]}],
      "task": {"user": "#CONTEXT_USER_ID#", "status": "todo",
        "stage": "#desks.incoming_stage#", "desk": "#desks._id#"},
      "guid": "compositeitem", "state": "submitted", "type": "composite"}]`,
  );
}

feature("archive_broadcast", (f) => {
  f.scenario("Create Archive Broadcast Content on a desk", ["auth"], async (s) => {
    await genreVocabulary(s);
    await sports(s);
    await validators(s, ["publish"]);
    await publishedStory(s);
    await s.post("archive/123/broadcast", `[{"desk": "#desks._id#"}]`);
    s.ok();
    s.ok(broadcastOf123(ON_SPORTS), { updated: true });
    await s.get("archive/#broadcast._id#?version=all");
    s.list(1);
    await s.post("archive/123/broadcast", `[{"desk": "#desks._id#"}]`);
    s.ok();
    s.ok(broadcastOf123(ON_SPORTS), { updated: true });
  });

  f.scenario("Create Archive Broadcast Content on a personal workspace", ["auth"], async (s) => {
    await genreVocabulary(s);
    await sports(s);
    await validators(s, ["publish"], "preformatted");
    await publishedStory(s, { type: "preformatted" });
    await s.post("archive/123/broadcast", `[{}]`);
    s.ok();
    s.ok(broadcastOf123(`{"user": "#CONTEXT_USER_ID#"}`, { type: "preformatted" }), {
      updated: true,
    });
    await s.get("archive/#broadcast._id#?version=all");
    s.list(1);
  });

  f.scenario(
    "Cannot create Archive Broadcast Content if Broadcast Script genre is not in vocabulary.",
    ["auth"],
    async (s) => {
      await sports(s);
      await validators(s, ["publish"]);
      await publishedStory(s);
      await s.post("archive/123/broadcast", `[{}]`);
      s.code(400, `{"_message": "Cannot find the Broadcast Script genre."}`);
    },
  );

  f.scenario(
    "Cannot create Archive Broadcast Content if master story is not present",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await s.post("archive/123/broadcast", `[{}]`);
      s.code(404, `{"_message": "Cannot find the requested item id."}`);
    },
  );

  f.scenario(
    "Cannot change genre for Archive Broadcast Content if master story is present",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await validators(s, ["publish"]);
      await publishedStory(s);
      await s.post("archive/123/broadcast", `[{"desk": "#desks._id#"}]`);
      s.ok();
      s.ok(broadcastOf123(ON_SPORTS), { updated: true });
      await s.patch(
        "archive/#broadcast._id#",
        `{"genre": [{"name": "Article", "qcode": "Article"}]}`,
      );
      s.code(
        400,
        `{"_issues": {"validator exception": "400: Cannot change the genre for broadcast content."}}`,
      );
    },
  );

  f.scenario(
    "Cannot create Archive Broadcast Content if content type is not text or preformatted",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await s.post("archive", `[${story("123", { type: "picture", state: "draft" })}]`);
      s.ok();
      await s.post("archive/123/broadcast", `[{}]`);
      s.code(400, `{"_message": "Invalid content type."}`);
    },
  );

  f.scenario(
    "Cannot create Archive Broadcast Content if content state is spiked",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await s.post("archive", `[${story("123", { state: "draft" })}]`);
      s.ok();
      await s.spike("123");
      s.ok();
      await s.post("archive/123/broadcast", `[{}]`);
      s.code(400, `{"_message": "Invalid content state."}`);
    },
  );

  f.scenario(
    "Cannot create Archive Broadcast Content if content state is killed",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await validators(s, ["publish", "kill"]);
      await givenRaw(
        s,
        "content_templates",
        `[{"template_name": "kill", "template_type": "kill", "is_public": true,
          "data": {"body_html": "<p>Story killed due to court case. Please remove the story from your archive.<\\/p>",
            "type": "text", "abstract": "This article has been removed",
            "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice",
            "urgency": 1, "priority": 1, "anpa_take_key": "KILL\\/TAKEDOWN",
            "kill_header": "<p>Please kill story slugged {{ item.slugline }} ex {{ item.dateline['text'] }}.<\\/p>"}}]`,
      );
      await publishedStory(s, { subscriberType: "digital" });
      await s.publish("#archive._id#", "kill", "killed");
      s.ok();
      await s.post("archive/123/broadcast", `[{}]`);
      s.code(400, `{"_message": "Invalid content state."}`);
    },
  );

  f.scenario(
    "Create Archive Broadcast Content if content state is published",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await validators(s, ["publish"]);
      await publishedStory(s, { subscriberType: "digital" });
      await s.post("archive/123/broadcast", `[{"desk": "#desks._id#"}]`);
      s.ok();
    },
  );

  f.scenario("Spike the broadcast content", ["auth"], async (s) => {
    await genreVocabulary(s);
    await sports(s);
    await validators(s, ["publish"]);
    await publishedStory(s);
    await s.post("archive/123/broadcast", `[{"desk": "#desks._id#"}]`);
    s.ok();
    s.ok(broadcastOf123(ON_SPORTS), { updated: true });
    await s.spike("#broadcast._id#");
    s.ok();
    await s.get("/archive/#broadcast._id#");
    s.existingResource(
      `{"state": "spiked", "_id": "#broadcast._id#", "_current_version": 2, "broadcast": null}`,
    );
  });

  f.scenario(
    "Change the broadcast content status based on the actions performed in the published master story",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await validators(s, ["publish", "correct"]);
      await publishedStory(s);
      await broadcastOf123Posted(s);
      await s.publish("#archive._id#", "correct", "corrected");
      s.ok();
      await s.get("/archive/#broadcast._id#");
      s.existingResource(broadcastStatus("Master Story Corrected"));
      rewriteIdNone(s);
      await rewrittenBroadcast(s);
    },
  );

  f.scenario(
    "Spike the re-write and it should remove the reference from broadcast",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await validators(s, ["publish"]);
      await publishedStory(s, { subscriberType: "digital" });
      await broadcastOf123Posted(s);
      await rewrittenBroadcast(s);
      await s.spike("#REWRITE_ID#");
      s.ok();
      await s.get("/archive/#broadcast._id#");
      s.existingResource(broadcastStatus(""));
      rewriteIdNone(s);
    },
  );

  f.scenario(
    "If Master Story is kill then kill published broadcast content and spike unpublished broadcast content.",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await validators(s, ["publish", "kill"]);
      await twoBroadcasts(
        s,
        `{"data": {"body_html": "<p>This is test story.<\\/p>", "type": "text",
           "abstract": "This article has been removed",
           "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice",
           "urgency": 1, "priority": 1, "anpa_take_key": "KILL\\/TAKEDOWN"},
          "template_name": "kill", "template_type": "kill", "is_public": true}`,
        `{"body_html": "TEST", "headline": "TEST", "slugline": "broadcast",
          "dateline": {"source": "AAP", "text": "New York, Aug 11 AAP -"}}`,
      );
      await s.publish("#BROADCAST_ONE#", "publish", "published");
      s.ok(
        `{"_id": "#BROADCAST_ONE#", "_current_version": 3, "state": "published",
          "slugline": "broadcast", "dateline": {"source": "AAP", "text": "New York, Aug 11 AAP -"}}`,
        { updated: true },
      );
      await broadcastTagged(s, "BROADCAST_TWO");
      s.ok();
      await s.publish("123", "kill", "killed", `{"body_html": "<p>This is kill body.<\\/p>"}`);
      s.ok();
      await s.get("/archive/123");
      s.ok(`{"state": "killed", "_id": "123"}`);
      textIn(s, "Please kill story slugged comics headlined headline exLos Angeles", "body_html");
      textIn(s, "This is kill body", "body_html");
      await s.get("/archive/#BROADCAST_ONE#");
      s.existingResource(
        `{"state": "killed", "abstract": "This article has been removed",
          "anpa_take_key": "KILL\\/TAKEDOWN", "urgency": 1, "priority": 1, "_current_version": 4,
          "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice"}`,
      );
      textIn(s, "Please kill story slugged broadcast headlined TEST exNew York", "body_html");
      textIn(s, "This is kill body", "body_html");
      await s.get("/archive/#BROADCAST_TWO#");
      s.ok(`{"state": "spiked"}`);
    },
  );

  f.scenario(
    "Master Story is killed and broadcast content in packaged in a unpublished package.",
    ["auth"],
    async (s) => {
      await broadcastInPackage(s);
      await s.publish("123", "kill", "killed", `{"body_html": "This is kill body"}`);
      s.ok();
      await s.get("/archive/123");
      s.ok(`{"state": "killed", "_id": "123"}`);
      await s.get("/archive/#BROADCAST_ONE#");
      s.existingResource(
        `{"state": "killed", "abstract": "This article has been removed",
          "anpa_take_key": "KILL\\/TAKEDOWN", "urgency": 1, "priority": 1, "_current_version": 4,
          "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice"}`,
      );
      textIn(s, "Please kill story slugged comics headlined TEST exNew York", "body_html");
      textIn(s, "This is kill body", "body_html");
      await s.get("/archive/#BROADCAST_TWO#");
      s.ok(`{"state": "spiked", "_current_version": 2}`);
      await s.get("/archive/#PACKAGE#");
      s.ok(`{"state": "in_progress", "groups": ${EMPTIED_GROUPS}}`);
    },
  );
  f.scenario(
    "Master Story is killed and broadcast content in packaged in a published package.",
    ["auth"],
    async (s) => {
      await broadcastInPackage(s);
      await packagePublishedThenStoryKilled(s);
      s.ok(`{"state": "killed", "groups": ${EMPTIED_GROUPS}}`);
    },
  );
  f.scenario(
    "Master Story is killed and broadcast content in packaged in a published package with extra content.",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await packageValidators(s);
      await s.post("content_templates", killTemplate("<p>Please kill the story.<\\/p>"));
      s.newResource();
      await s.post("archive", `[${story("123")}, ${story("456")}]`);
      s.ok();
      await channel3(s, "digital");
      await s.publish("123", "publish", "published");
      s.ok();
      await s.publish("456", "publish", "published");
      s.ok();
      await broadcastTagged(s, "BROADCAST_ONE");
      await s.patch("archive/#BROADCAST_ONE#", `{"body_html": "TEST", "headline": "TEST"}`);
      s.ok();
      await s.publish("#BROADCAST_ONE#", "publish", "published");
      s.ok();
      await broadcastTagged(s, "BROADCAST_TWO");
      const ref = (id: string) =>
        `{"slugline": "comics", "guid": "${id}", "headline": "headline", "type": "text",
          "residRef": "${id}"}`;
      await s.postWithTag(
        "archive",
        "PACKAGE",
        `[{"groups": [{"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
            {"id": "main", "role": "grpRole:main",
             "refs": [${ref("#BROADCAST_ONE#")}, ${ref("456")}]}],
          "task": {"user": "#CONTEXT_USER_ID#", "status": "todo",
            "stage": "#desks.incoming_stage#", "desk": "#desks._id#"},
          "guid": "compositeitem", "state": "submitted", "type": "composite",
          "headline": "package headline", "abstract": "package abstract"}]`,
      );
      await packagePublishedThenStoryKilled(s);
      s.ok(
        `{"state": "corrected", "groups": [{"id": "root", "refs": [{"idRef": "main"}]},
          {"id": "main", "refs": [${ref("456")}]}]}`,
      );
    },
  );

  f.scenario(
    "If Master Story is taken down then recall published broadcast content and spike unpublished broadcast content.",
    ["auth"],
    async (s) => {
      await genreVocabulary(s);
      await sports(s);
      await validators(s, ["publish", "kill"]);
      await twoBroadcasts(
        s,
        `{"data": {"body_html": "<p>This is test story.<\\/p>", "type": "text",
           "abstract": "This article has been removed",
           "headline": "Takedown notice ~~~ Takedown notice",
           "urgency": 1, "priority": 1, "anpa_take_key": "TAKEDOWN"},
          "template_name": "takedown", "template_type": "kill", "is_public": true}`,
        `{"body_html": "TEST", "headline": "TEST", "slugline": "broadcast",
          "dateline": {"source": "AAP", "text": "New York, Aug 11 AAP -"}}`,
      );
      await s.publish("#BROADCAST_ONE#", "publish", "published");
      s.ok(
        `{"_id": "#BROADCAST_ONE#", "_current_version": 3, "state": "published",
          "slugline": "broadcast", "dateline": {"source": "AAP", "text": "New York, Aug 11 AAP -"}}`,
        { updated: true },
      );
      await broadcastTagged(s, "BROADCAST_TWO");
      s.ok();
      await s.publish(
        "123",
        "takedown",
        "recalled",
        `{"body_html": "<p>Recalled body.<\\/p>"}`,
      );
      s.ok();
      await s.get("/archive/123");
      s.ok(`{"state": "recalled", "_id": "123"}`);
      textIn(
        s,
        "Please takedown story slugged comics headlined headline exLos Angeles",
        "body_html",
      );
      textIn(s, "Recalled body", "body_html");
      await s.get("/archive/#BROADCAST_ONE#");
      s.existingResource(
        `{"state": "recalled", "abstract": "This article has been removed",
          "anpa_take_key": "TAKEDOWN", "urgency": 1, "priority": 1, "_current_version": 4,
          "headline": "Takedown notice ~~~ Takedown notice"}`,
      );
      textIn(s, "Please takedown story slugged broadcast headlined TEST exNew York", "body_html");
      textIn(s, "Recalled body", "body_html");
      await s.get("/archive/#BROADCAST_TWO#");
      s.ok(`{"state": "spiked"}`);
    },
  );
});
