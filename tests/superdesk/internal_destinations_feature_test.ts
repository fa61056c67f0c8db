/** Superdesk's features/internal_destinations.feature over HTTP; `usd_to_cad` at its test rate of 2. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { rewrite } from "./_rewrite_steps.ts";
import { applyPlaceholders } from "./placeholders.ts";
import {
  INTERNAL_DESTINATIONS_TASK,
  type InternalDestinationArgs,
} from "../../src/publish/internal_destination_task.ts";
import type { TaskDefinition } from "../../src/tasks/task_definition.ts";

/**
 * Runs the internal destinations task each publishing action requests when the action signals,
 * as Superdesk runs `handle_item_published` in the request (and its tests run Celery eagerly).
 */
function sendEagerly(s: Scenario) {
  const { platform } = s.app;
  const task = platform.tasks.get(INTERNAL_DESTINATIONS_TASK) as TaskDefinition<
    InternalDestinationArgs,
    unknown
  >;
  platform.services.signals.on("item:published", async ({ item, afterScheduled }) => {
    await task.handler({
      item_id: String(item._id),
      version: Number(item._current_version),
      after_scheduled: afterScheduled,
    }, {
      services: platform.services,
      signal: new AbortController().signal,
      log: platform.log,
      attempt: 1,
      taskId: "scenario-internal-destinations",
    });
  }, { app: "scenario" });
}

/** `Then we store "<name>" with value "<text>" to context`. */
function storeValue(s: Scenario, name: string, text: string) {
  s.placeholders[name] = applyPlaceholders(s, text);
}

/** The feature's background. */
async function background(s: Scenario) {
  sendEagerly(s);
  await s.given(
    "validators",
    `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
      {"schema": {}, "type": "text", "act": "correct", "_id": "correct_text"},
      {"schema": {}, "type": "text", "act": "kill", "_id": "kill_text"}]`,
  );
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithTag(
    "/subscribers",
    "digital",
    `{"name":"Channel 1","media_type":"media", "subscriber_type": "digital",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"],
      "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}]}`,
  );
  await s.post("/desks", `{"name": "Sports"}`);
  storeValue(s, "origin_desk", "#desks._id#");
  storeValue(s, "origin_stage", "#desks.working_stage#");
  await s.post("desks", `{"name": "Features"}`);
  storeValue(s, "destination_desk", "#desks._id#");
  storeValue(s, "destination_stage", "#desks.incoming_stage#");
}

const SCHEDULE = `"publish_schedule": "2099-05-19T10:15:00",
  "schedule_settings": {"time_zone": "Europe/London", "utc_publish_schedule": "2099-05-19T10:15:00+0000"}`;

/** The feature's story, posted with success on `desk`/`stage` (placeholders). */
async function story(
  s: Scenario,
  { desk = "origin", body = "Body", scheduled = false, guid = "123", take = "1" } = {},
) {
  await s.postWithSuccess(
    "archive",
    `[{"guid": "${guid}", "type": "text", "headline": "Take-${take} headline",
       "abstract": "Take-${take} abstract",
       "task": {"user": "#CONTEXT_USER_ID#", "desk": "#${desk}_desk#", "stage": "#${desk}_stage#"},
       "body_html": "${body}", "state": "submitted", "slugline": "Take-${take} slugline",
       "urgency": "4", "pubstatus": "usable",
       "subject":[{"qcode": "17004000", "name": "Statistics"}],
       "anpa_category": [{"qcode": "A", "name": "Sport"}], "anpa_take_key": "Take"
       ${scheduled ? `, ${SCHEDULE}` : ""}}]`,
  );
}

/** `Given "internal_destinations"` with one destination of `fields`. */
async function destination(s: Scenario, fields: string) {
  await s.given("internal_destinations", `[{"name": "copy", "is_active": true, ${fields}}]`);
}

const AUTO = `"macro": "Internal_Destination_Auto_Publish"`;

/** `When we get "<url>"`, `Then we get list with <count> items` (matching `text`). */
async function listed(s: Scenario, url: string, count: number, text?: string) {
  await s.get(url);
  s.list(count, text);
}

const FROM_123 = "/published?where=%7B%22processed_from%22%3A%22123%22%7D";

/** A published copy's expected fields: the item's (origin) or its copy's (destination). */
function copyAt(
  where: "origin" | "destination",
  state: string,
  version: number,
  more = "",
) {
  const task = where === "origin"
    ? `{"desk": "#origin_desk#", "stage": "#origin_stage#"}`
    : `{"desk": "#destination_desk#", "stage": "#destination_stage#"}`;
  const ids = where === "origin"
    ? `"_id": "#archive._id#"`
    : `"original_id": "#archive._id#", "processed_from": "#archive._id#"`;
  return `{${ids}, "state": "${state}", "task": ${task}, "_current_version": ${version}${more}}`;
}

const BODY = `, "body_html": "Body"`;
const CORRECTED = `, "body_html": "Body Corrected"`;

feature("internal_destinations", (f) => {
  f.scenario("Create items for destinations on publish", ["auth"], async (s) => {
    await background(s);
    await story(s, { body: "Body $10", scheduled: true });
    await destination(s, `"desk": "#destination_desk#", "macro": "usd_to_cad"`);
    // Superdesk expects `utc_publish_schedule` 10:15 below: it computes the UTC time of the
    // action's schedule on a copy and keeps the item's; ours stores 10:15 London time (BST) as
    // 09:15 UTC, as README (Publishing) says.
    await s.publish(
      "#archive._id#",
      "publish",
      "published",
      `{"publish_schedule": "2099-05-19T10:15:00", "schedule_settings": {"time_zone": "Europe/London"}}`,
    );
    s.ok();
    await listed(s, "/archive", 1);
    await listed(
      s,
      "/published",
      1,
      `{"_items": [{
        "state": "scheduled",
        "task": {"desk": "#origin_desk#", "stage": "#origin_stage#"},
        "body_html": "Body $10",
        "publish_schedule": "2099-05-19T10:15:00+0000",
        "schedule_settings": {"time_zone": "Europe/London", "utc_publish_schedule": "2099-05-19T09:15:00+0000"}
      }]}`,
    );
  });

  f.scenario(
    "Create & Publish item for destinations on publish and overwrite the item on correction and kill",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s);
      await s.given(
        "internal_destinations",
        `[{"name": "publish", "is_active": true, "desk": "#desks._id#", ${AUTO}}]`,
      );
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await listed(s, "/archive", 0);
      await listed(
        s,
        "/published",
        2,
        `{"_items": [${copyAt("origin", "published", 2, BODY)}, ${
          copyAt("destination", "published", 4, BODY)
        }]}`,
      );
      await s.publish("#archive._id#", "correct", "corrected", `{"body_html": "Body Corrected"}`);
      s.ok();
      await listed(
        s,
        "/published",
        4,
        `{"_items": [${copyAt("origin", "corrected", 3, CORRECTED)}, ${
          copyAt("destination", "corrected", 5, CORRECTED)
        }, ${copyAt("origin", "published", 2, BODY)}, ${
          copyAt("destination", "published", 4, BODY)
        }]}`,
      );
      await s.publish("#archive._id#", "kill", "killed");
      s.ok();
      const usable = `, "pubstatus": "usable"`;
      await listed(
        s,
        "/published",
        6,
        `{"_items": [${copyAt("origin", "killed", 4, `, "pubstatus": "canceled"`)}, ${
          copyAt("destination", "killed", 6, `, "pubstatus": "canceled"`)
        }, ${copyAt("origin", "corrected", 3, CORRECTED + usable)}, ${
          copyAt("destination", "corrected", 5, CORRECTED + usable)
        }, ${copyAt("origin", "published", 2, BODY + usable)}, ${
          copyAt("destination", "published", 4, BODY + usable)
        }]}`,
      );
    },
  );

  f.scenario(
    "Publishing an item from the same desk as internal destination desk should not create another item.",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s, { desk: "destination" });
      await destination(s, `"desk": "#destination_desk#", ${AUTO}`);
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await listed(s, "/archive", 0);
      await listed(
        s,
        "/published",
        1,
        `{"_items": [{"_id": "#archive._id#", "state": "published",
          "task": {"desk": "#destination_desk#", "stage": "#destination_stage#"},
          "body_html": "Body", "_current_version": 2, "pubstatus": "usable"}]}`,
      );
    },
  );

  f.scenario(
    "Processed from is not set when item is duplicated or updated.",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s, { desk: "destination" });
      await destination(s, `"desk": "#origin_desk#", ${AUTO}`);
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await listed(s, FROM_123, 1);
      s.resources.published_item = s.response.body._items[0];
      await rewrite(s, "#published_item._id#");
      s.ok();
      await s.get("/archive/#REWRITE_ID#");
      s.existingResource(
        `{"rewrite_of": "#published_item._id#", "processed_from": "__no_value__"}`,
      );
      await s.post(
        "/archive/#published_item._id#/duplicate",
        `{"desk": "#origin_desk#", "stage": "#origin_stage#", "type": "archive"}`,
      );
      s.ok();
      await s.get("/archive/#duplicate._id#");
      s.existingResource(
        `{"original_id": "#published_item._id#", "processed_from": "__no_value__"}`,
      );
    },
  );

  f.scenario(
    "Create & Publish item for destinations on publish in global read off stage",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s);
      await s.postWithSuccess(
        "/stages",
        `{"name": "Invisible Stage", "desk": "#destination_desk#", "working_stage": false,
          "default_incoming": false, "is_visible": false, "local_readonly": true}`,
      );
      await s.given(
        "internal_destinations",
        `[{"name": "publish", "is_active": true, "desk": "#destination_desk#", ${AUTO},
          "stage": "#stages._id#"}]`,
      );
      const members = async (text: string) => {
        await s.patch("/desks/#destination_desk#", `{"members": ${text}}`);
        s.ok();
      };
      const invisible = (state: string, version: number, more = "") =>
        `{"state": "${state}", "task": {"desk": "#destination_desk#", "stage": "#stages._id#"},
          "original_id": "#archive._id#", "processed_from": "#archive._id#",
          "_current_version": ${version}${more}}`;
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await listed(s, "/archive", 0);
      await listed(s, "/published", 1, `{"_items": [${copyAt("origin", "published", 2, BODY)}]}`);
      await members(`[{"user": "#CONTEXT_USER_ID#"}]`);
      await listed(
        s,
        "/published",
        2,
        `{"_items": [${copyAt("origin", "published", 2, BODY)}, ${
          invisible("published", 4, BODY)
        }]}`,
      );
      await members("[]");
      await s.publish("#archive._id#", "correct", "corrected", `{"body_html": "Body Corrected"}`);
      s.ok();
      await listed(
        s,
        "/published",
        2,
        `{"_items": [${copyAt("origin", "corrected", 3, CORRECTED)}, ${
          copyAt("origin", "published", 2, BODY)
        }]}`,
      );
      await members(`[{"user": "#CONTEXT_USER_ID#"}]`);
      await listed(
        s,
        "/published",
        4,
        `{"_items": [${copyAt("origin", "corrected", 3, CORRECTED)}, ${
          copyAt("origin", "published", 2, BODY)
        }, ${invisible("published", 4, BODY)}, ${invisible("corrected", 5, CORRECTED)}]}`,
      );
      await members("[]");
      await s.publish("#archive._id#", "kill", "killed");
      s.ok();
      const usable = `, "pubstatus": "usable"`;
      const canceled = `, "pubstatus": "canceled"`;
      const origin = `${copyAt("origin", "killed", 4, canceled)}, ${
        copyAt("origin", "corrected", 3, CORRECTED + usable)
      }, ${copyAt("origin", "published", 2, BODY + usable)}`;
      await listed(s, "/published", 3, `{"_items": [${origin}]}`);
      await members(`[{"user": "#CONTEXT_USER_ID#"}]`);
      await listed(
        s,
        "/published",
        6,
        `{"_items": [${origin}, ${invisible("published", 4, BODY + usable)}, ${
          invisible("corrected", 5, CORRECTED + usable)
        }, ${invisible("killed", 6, canceled)}]}`,
      );
    },
  );

  f.scenario(
    "Create items for destinations on publish and keep the state same as original item's state.",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s, { body: "Body $10", scheduled: true });
      await destination(s, `"desk": "#destination_desk#", ${AUTO}`);
      await s.publish("#archive._id#", "publish", "scheduled", `{${SCHEDULE}}`);
      s.ok();
      await listed(s, FROM_123, 1);
      await listed(s, "/published", 2);
    },
  );

  f.scenario(
    "Send item to the destination desk on scheduled if send_after_schedule is disabled.",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s, { body: "Body $10", scheduled: true });
      await destination(s, `"desk": "#destination_desk#", "send_after_schedule": false, ${AUTO}`);
      await s.publish("#archive._id#", "publish", "scheduled", `{${SCHEDULE}}`);
      s.ok();
      await listed(s, "/archive", 0);
      await listed(s, "/published", 2);
    },
  );

  f.scenario(
    "Delay item creation for destinations on publish if the send_after_schedule is enabled for internal destinations",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s, { body: "Body $10", scheduled: true });
      await destination(s, `"desk": "#destination_desk#", ${AUTO}, "send_after_schedule": true`);
      await s.publish("#archive._id#", "publish", "scheduled", `{${SCHEDULE}}`);
      s.ok();
      await listed(s, FROM_123, 0);
      await listed(s, "/archive", 0);
      await listed(s, "/published", 1);
    },
  );

  f.scenario(
    "Item created sucessfully for destinations on publish does not depend on send_after_schedule internal destinations",
    ["auth"],
    async (s) => {
      await background(s);
      await story(s);
      await destination(s, `"desk": "#destination_desk#", ${AUTO}, "send_after_schedule": true`);
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await listed(s, "/archive", 0);
      await listed(s, "/published", 2);
      await story(s, { guid: "1234", take: "2" });
      await destination(s, `"desk": "#destination_desk#", ${AUTO}, "send_after_schedule": false`);
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await listed(s, "/archive", 0);
      await listed(s, "/published", 4);
    },
  );
}, { env: { USD_TO_CAD_RATE: "2" } });
