/** Superdesk's features/archive_history.feature over HTTP (`GET /api/archive_history`). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { fetchFrom, ingestFrom } from "./_ingest_steps.ts";
import { rewrite } from "./_rewrite_steps.ts";

/** Superdesk's publish, correct and kill validators with an empty schema. */
const VALIDATORS = `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
  {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}},
  {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`;

/** The email destination of the feature's subscribers. */
const EMAIL = `{"name":"Test","format": "nitf", "delivery_type":"email",
  "config":{"recipients":"test@test.com"}}`;

/** `When we get "/archive_history?where=item_id==%22<id>%22"`. */
async function historyOf(s: Scenario, id: string) {
  await s.get(`/archive_history?where=item_id==%22${id}%22`);
}

/** The legal archive on (`LEGAL_ARCHIVE`, as Superdesk's test settings). */
const LEGAL = { env: { LEGAL_ARCHIVE: "true" } };

/**
 * `we enqueue published`, then item 123's `archive_history` and `legal_archive_history` both list
 * `acts` (version, operation).
 */
async function bothHistories(s: Scenario, acts: Array<[number, string]>) {
  await s.enqueuePublished();
  const list = `{"_items": [${
    acts.map(([version, operation]) => `{"version": ${version}, "operation": "${operation}"}`)
      .join(",")
  }]}`;
  await historyOf(s, "123");
  s.list(acts.length, list);
  await s.get("/legal_archive_history?where=item_id==%22123%22");
  s.list(acts.length, list);
}

/** The Sports desk with the user, item 123 posted (fetched, with the given schedule). */
async function postedStory(s: Scenario, extra = "") {
  await s.given("validators", VALIDATORS);
  await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
  await s.postWithSuccess(
    "/archive",
    `[{"guid": "123", "headline": "test", "state": "fetched",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "subject":[{"qcode": "17004000", "name": "Statistics"}], "slugline": "test", ${extra}
      "body_html": "Test Document body"}]`,
  );
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "wire",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"], "destinations":[${EMAIL}]}`,
  );
}

feature("archive_history", (f) => {
  f.scenario("History of duplicated stories", ["auth", "notification"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"type":"text", "event_id": "abc123", "headline": "test1", "guid": "123",
        "original_creator": "#CONTEXT_USER_ID#", "state": "submitted", "source": "REUTERS",
        "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    await s.patchGiven("archive", `{"headline": "test2"}`);
    await s.patchLatest(`{"headline": "test3"}`);
    s.ok(
      `{"headline": "test3", "state": "in_progress",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}`,
      { updated: true },
    );
    s.version(3);
    await historyOf(s, "123");
    s.list(
      3,
      `{"_items": [{"version": 1, "operation": "create"}, {"version": 2, "operation": "update"},
        {"version": 3, "operation": "update"}]}`,
    );
    await s.post("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
    await historyOf(s, "123");
    s.list(
      4,
      `{"_items": [{"version": 1, "operation": "create"}, {"version": 2, "operation": "update"},
        {"version": 3, "operation": "update"}, {"version": 3, "operation": "duplicate"}]}`,
    );
    await s.get("/archive/#duplicate._id#");
    s.existingResource(
      `{"state": "submitted", "_current_version": 4, "source": "AAP",
        "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"},
        "original_id": "123"}`,
    );
    await historyOf(s, "#duplicate._id#");
    s.list(
      4,
      `{"_items": [
        {"version": 1, "operation": "create", "original_item_id": "123"},
        {"version": 2, "operation": "update", "original_item_id": "123"},
        {"version": 3, "operation": "update", "original_item_id": "123"},
        {"version": 4, "operation": "duplicated_from"}]}`,
    );
  });

  f.scenario("History of rewrite activities", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "type": "text", "headline": "test", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "body_html": "Test Document body", "genre": [{"name": "Article", "qcode": "Article"}],
        "flags": {"marked_for_legal": true, "marked_for_sms": true}, "priority": 2, "urgency": 2,
        "body_footer": "Suicide Call Back Service 1300 659 467", "sms_message": "test",
        "place": [{"qcode" : "ACT", "world_region" : "Oceania", "country" : "Australia",
        "name" : "ACT", "state" : "Australian Capital Territory"}],
        "company_codes" : [{"qcode" : "1PG", "security_exchange" : "ASX", "name" : "1-PAGE LIMITED"}]}]`,
    );
    await rewrite(s, "123", `{"desk_id": "#desks._id#"}`);
    await s.get("/archive/#REWRITE_ID#");
    s.ok();
    await s.get("/archive");
    s.existingResource(
      `{"_items" : [{"_id": "#REWRITE_ID#", "anpa_take_key": "update", "rewrite_of": "123"}]}`,
    );
    await s.get("/archive/123");
    s.existingResource(
      `{"_id": "123", "rewritten_by": "#REWRITE_ID#", "place": [{"qcode" : "ACT"}]}`,
    );
    const steps = (list: Array<[number, string]>) =>
      `{"_items": [${
        list.map(([version, operation]) => `{"version": ${version}, "operation": "${operation}"}`)
          .join(",")
      }]}`;
    await historyOf(s, "#REWRITE_ID#");
    s.list(2, steps([[1, "create"], [1, "link"]]));
    await historyOf(s, "123");
    s.list(2, steps([[1, "create"], [1, "rewrite"]]));
    await s.spike("#REWRITE_ID#");
    s.ok();
    await historyOf(s, "#REWRITE_ID#");
    s.list(3, steps([[1, "create"], [1, "link"], [2, "spike"]]));
    await historyOf(s, "123");
    s.list(3, steps([[1, "create"], [1, "rewrite"], [1, "unlink"]]));
    await s.unspike("#REWRITE_ID#");
    await historyOf(s, "#REWRITE_ID#");
    s.list(4, steps([[1, "create"], [1, "link"], [2, "spike"], [3, "unspike"]]));
    await rewrite(
      s,
      "123",
      `{"update": {"_id": "#REWRITE_ID#", "type": "text", "headline": "test",
        "_current_version": 3, "state": "submitted", "priority": 2}}`,
    );
    await historyOf(s, "#REWRITE_ID#");
    s.list(5, steps([[1, "create"], [1, "link"], [2, "spike"], [3, "unspike"], [3, "link"]]));
    await historyOf(s, "123");
    s.list(4, steps([[1, "create"], [1, "rewrite"], [1, "unlink"], [1, "rewrite"]]));
  });

  f.scenario("History of publish activities", ["auth"], async (s) => {
    await postedStory(s);
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    const acts: Array<[number, string]> = [[1, "create"], [2, "publish"]];
    await bothHistories(s, acts);
    await s.get("/legal_archive/123");
    s.existingResource(`{"_current_version": 2, "state": "published"}`);
    await s.publish("#archive._id#", "correct", "corrected");
    s.existingResource(
      `{"_current_version": 3, "state": "corrected", "operation": "correct",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    acts.push([3, "correct"]);
    await bothHistories(s, acts);
    await s.publish("#archive._id#", "kill", "killed");
    s.existingResource(
      `{"_current_version": 4, "state": "killed", "operation": "kill", "pubstatus": "canceled",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    acts.push([4, "kill"]);
    await bothHistories(s, acts);
  }, LEGAL);

  f.scenario("History of fetched story", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports"}]`);
    await ingestFrom(s, "reuters", `[{"guid": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E"}]`);
    await s.post(
      "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
      `{"desk": "#desks._id#"}`,
    );
    s.key("_id");
    await historyOf(s, "#_id#");
    s.list(1, `{"_items": [{"version": 1, "operation": "fetch"}]}`);
    await s.post("/archive/#_id#/lock", `{}`);
    await s.patch("/archive/#_id#", `{"headline": "test 2"}`);
    s.existingResource(
      `{"headline": "test 2", "state": "in_progress", "task": {"desk": "#desks._id#"}}`,
    );
    await historyOf(s, "#_id#");
    s.list(
      2,
      `{"_items": [{"version": 1, "operation": "fetch"},
        {"version": 2, "operation": "update", "update": {"headline": "test 2"}}]}`,
    );
  });

  f.scenario("History of marking for highlights and desks", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.post("highlights", `{"name": "highlight1", "desks": ["#desks._id#"]}`);
    s.newResource(`{"name": "highlight1", "desks": ["#desks._id#"]}`);
    await s.post("archive", `[{"headline": "test"}]`);
    await historyOf(s, "#archive._id#");
    s.list(1, `{"_items": [{"version": 1, "operation": "create"}]}`);
    const mark = (kind: string, what: string) =>
      `{"version": 1, "operation": "${kind}", "update": {${what}}}`;
    const highlight = `"highlight_id": "#highlights._id#"`;
    const desk = `"desk_id": "#desks._id#"`;
    await s.post(
      "marked_for_highlights",
      `[{"highlights": ["#highlights._id#"], "marked_item": "#archive._id#"}]`,
    );
    s.newResource(`{"highlights": ["#highlights._id#"], "marked_item": "#archive._id#"}`);
    await s.get("archive");
    s.list(
      1,
      `{"_items": [{"headline": "test", "highlights": ["#highlights._id#"],
        "_etag": "#archive._etag#"}]}`,
    );
    await historyOf(s, "#archive._id#");
    s.list(
      2,
      `{"_items": [{"version": 1, "operation": "create"}, ${mark("mark", highlight)}]}`,
    );
    await s.post(
      "marked_for_highlights",
      `[{"highlights": ["#highlights._id#"], "marked_item": "#archive._id#"}]`,
    );
    await s.get("archive");
    s.list(1, `{"_items": [{"highlights": [], "_etag": "#archive._etag#"}]}`);
    await historyOf(s, "#archive._id#");
    s.list(
      3,
      `{"_items": [{"version": 1, "operation": "create"}, ${mark("mark", highlight)},
        ${mark("unmark", highlight)}]}`,
    );
    await s.postWithSuccess(
      "/marked_for_desks",
      `[{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}]`,
    );
    s.newResource(`{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}`);
    await historyOf(s, "#archive._id#");
    s.list(
      4,
      `{"_items": [{"version": 1, "operation": "create"}, ${mark("mark", highlight)},
        ${mark("unmark", highlight)}, ${mark("mark", desk)}]}`,
    );
    await s.post(
      "marked_for_desks",
      `[{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}]`,
    );
    await s.get("archive");
    s.list(1, `{"_items": [{"marked_desks": []}]}`);
    await historyOf(s, "#archive._id#");
    s.list(
      5,
      `{"_items": [{"version": 1, "operation": "create"}, ${mark("mark", highlight)},
        ${mark("unmark", highlight)}, ${mark("mark", desk)}, ${mark("unmark", desk)}]}`,
    );
  });

  f.scenario("History of resend", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
        {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}}]`,
    );
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "headline": "test", "_current_version": 3, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}], "slugline": "test",
        "body_html": "Test Document body"}]`,
    );
    await s.given(
      "products",
      `[{"_id":"570340ef1d41c89b50716dad", "name":"prod-1","codes":"abc"},
        {"_id":"570340ef1d41c89b50716dae", "name":"prod-2","codes":"def,xyz"},
        {"_id":"570340ef1d41c89b50716daf", "name":"prod-3"}]`,
    );
    await s.given(
      "subscribers",
      `[{"_id": "sub-1", "name":"Channel 3", "is_active": true, "media_type":"media",
        "subscriber_type": "wire", "sequence_num_settings":{"min" : 1, "max" : 10},
        "email": "test@test.com", "products": ["570340ef1d41c89b50716dad"],
        "destinations":[${EMAIL}]}]`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await historyOf(s, "123");
    s.list(
      2,
      `{"_items": [{"version": 3, "operation": "create"}, {"version": 4, "operation": "publish"}]}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(
      1,
      `{"_items": [{"state": "pending", "content_type": "text", "subscriber_id": "sub-1",
        "item_id": "123", "item_version": 4}]}`,
    );
    await s.post(
      "/subscribers",
      `{"name":"Channel 10", "media_type":"media", "is_active": true, "subscriber_type": "wire",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["570340ef1d41c89b50716dad"], "destinations":[${EMAIL}]}`,
    );
    await s.post(
      "/archive/#archive._id#/resend",
      `{"subscribers": ["#subscribers._id#"], "version": 4}`,
    );
    s.ok();
    await historyOf(s, "123");
    s.list(
      3,
      `{"_items": [{"version": 3, "operation": "create"}, {"version": 4, "operation": "publish"},
        {"version": 4, "operation": "resend", "update": {"subscribers": ["#subscribers._id#"]}}]}`,
    );
  });

  f.scenario("History of schedule item", ["auth"], async (s) => {
    await postedStory(s, `"publish_schedule":"#DATE+2#",`);
    await s.publish("#archive._id#", "publish", "published", `{"publish_schedule": "#DATE+2#"}`);
    s.ok();
    await s.get("/legal_archive/123");
    s.code(404);
    const scheduled = `{"version": 1, "operation": "create"},
      {"version": 2, "operation": "publish", "update": {"state": "scheduled"}}`;
    await historyOf(s, "123");
    s.list(2, `{"_items": [${scheduled}]}`);
    await s.publishScheduleLapses(`["123"]`);
    await s.enqueuePublished();
    const published = `{"_items": [${scheduled},
      {"version": 3, "operation": "publish", "update": {"state": "published"}}]}`;
    await historyOf(s, "123");
    s.list(3, published);
    await s.get("/legal_archive/123");
    s.existingResource(`{"_current_version": 3, "state": "published"}`);
    await s.get("/legal_archive_history?where=item_id==%22123%22");
    s.list(3, published);
  }, LEGAL);

  f.scenario("History of deschedule item", ["auth"], async (s) => {
    await postedStory(s, `"publish_schedule":"#DATE+2#",`);
    await s.publish("#archive._id#", "publish", "published", `{"publish_schedule": "#DATE+1#"}`);
    s.ok();
    // `we get "/legal_archive/123"` answers 404 here too: nothing is published yet (and we have
    // no legal archive: the route is unknown).
    await s.get("/legal_archive/123");
    s.code(404);
    await historyOf(s, "123");
    s.list(
      2,
      `{"_items": [{"version": 1, "operation": "create"},
        {"version": 2, "operation": "publish", "update": {"state": "scheduled"}}]}`,
    );
    await s.patch("/archive/123", `{"publish_schedule": null}`);
    await s.get("/archive");
    s.existingResource(
      `{"_items": [{"_current_version": 3, "state": "in_progress", "type": "text", "_id": "123"}]}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
    await s.get("/published");
    s.list(0);
    await historyOf(s, "123");
    s.list(
      3,
      `{"_items": [{"version": 1, "operation": "create"},
        {"version": 2, "operation": "publish", "update": {"state": "scheduled"}},
        {"version": 3, "operation": "update", "update": {"operation": "deschedule"}}]}`,
    );
  });

  f.scenario("History of the routed item", ["auth"], async (s) => {
    await s.given("validators", VALIDATORS);
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    await s.given(
      "users",
      `[{"username": "foo", "display_name": "foo", "email": "mock@mail.com.au", "is_active": true,
        "needs_activation": true}]`,
    );
    await s.post("/desks", `{"name": "Finance Desk", "members": [{"user": "#CONTEXT_USER_ID#"}]}`);
    s.code(201);
    await s.post(
      "/routing_schemes",
      `[{"name": "routing rule scheme 1", "rules": [{"name": "Finance Rule 1",
        "handler": "desk_fetch_publish", "filter": null, "actions": {
          "fetch": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}],
          "publish": [], "exit": true}}]}]`,
    );
    s.code(201);
    await fetchFrom(s, "email", "json-email.txt", { scheme: "#routing_schemes._id#" });
    const routed = `{"_items": [{"headline": "Headline-2", "slugline": "Slugline-2",
      "original_creator": "#users._id#"}]}`;
    await s.get("/ingest");
    s.list(1, routed);
    await s.get("/archive");
    s.list(1, routed);
    await s.get("/archive_history");
    s.list(
      2,
      `{"_items": [{"version": 1, "operation": "create"}, {"version": 1, "operation": "fetch"}]}`,
    );
  });

  f.scenario("History of item locks and unlocks", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`);
    await s.given(
      "archive",
      `[{"type":"text", "event_id": "abc123", "headline": "test1", "guid": "123",
        "original_creator": "#CONTEXT_USER_ID#", "state": "submitted", "source": "REUTERS",
        "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    await s.post("/archive/#archive._id#/lock", `{"lock_action": "edit"}`);
    s.ok();
    await s.post("/archive/#archive._id#/unlock", `{}`);
    s.ok();
    await historyOf(s, "#archive._id#");
    s.list(
      3,
      `{"_items": [{"version": 1, "operation": "create"},
        {"version": 1, "operation": "item_lock",
         "update": {"lock_action": "edit", "lock_user": "#CONTEXT_USER_ID#"}},
        {"version": 1, "operation": "item_unlock"}]}`,
    );
  });
});
