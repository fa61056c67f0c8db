/** Superdesk's features/templates.feature over HTTP. */
import assert from "node:assert/strict";
import { createScheduledContent } from "../../src/content/scheduled_content.ts";
import { silentLogger } from "../../src/log.ts";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

/** `next run is on monday "<time>"`: the answer's next run, in its schedule's zone. */
function nextRunOnMonday(s: Scenario, time: string) {
  const body = s.response.body;
  const zone = body.schedule?.time_zone ?? "UTC";
  const next = new Date(String(body.next_run).replace(/\+0000$/, "Z"));
  const local = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(next);
  assert.equal(local, `Mon ${time}`, `next run ${body.next_run} in ${zone}`);
  assert.ok(next.getTime() > Date.now(), "the next run is in the future");
}

/** `we run create content task`: Superdesk's step runs it at now + 8 days; the item's id is kept. */
async function runCreateContentTask(s: Scenario) {
  const { services, apps } = s.app.platform;
  const items = await createScheduledContent({
    services,
    macros: apps.macros,
    now: new Date(Date.now() + 8 * 86_400_000),
    log: silentLogger,
  });
  for (const item of items) s.placeholders.ITEM_ID = String(item._id);
}

const SCHEDULED_ITEM = `{"_items": [{
  "headline": "test", "firstcreated": "__now__", "versioncreated": "__now__",
  "_updated": "__now__", "_created": "__now__", "_current_version": 1, "_etag": "__any_value__"
}]}`;

const TEMPLATE_DATA =
  `"data": {"headline": "test", "type": "text", "slugline": "test", "firstcreated": "2015-10-10T10:10:10+0000", "versioncreated": "2015-10-10T10:10:10+0000"}`;

/**
 * The scenarios' `Given "desks"` and `And "stages"`; the stage is posted, as our `given` would
 * first delete every stage, the desk's own included (which desks refuse).
 */
async function scheduleBackground(s: Scenario) {
  await s.given("desks", `[{"name": "sports"}]`);
  await s.post("/stages", `{"name": "schedule", "desk": "#desks._id#"}`);
  s.newResource();
}

/** Posts a scheduled template, checks its first run, moves it, runs the task (twice). */
async function scheduleScenario(
  s: Scenario,
  { schedule, first, patch, second, runs, macro, item = SCHEDULED_ITEM }: {
    schedule: string;
    first: string;
    patch: string;
    second: string;
    runs: number;
    macro?: string;
    item?: string;
  },
) {
  await scheduleBackground(s);
  await s.post(
    "content_templates",
    `{"template_name": "test", "template_type": "create", ${TEMPLATE_DATA},
      "schedule": ${schedule},
      "template_desks": ["#desks._id#"], "schedule_desk": "#desks._id#", "schedule_stage": "#stages._id#"
      ${macro ? `, "schedule_macro": "${macro}"` : ""}}`,
  );
  s.newResource();
  nextRunOnMonday(s, first);
  await s.patchLatest(patch);
  nextRunOnMonday(s, second);
  for (let i = 0; i < runs; i++) await runCreateContentTask(s);
  await s.get("/archive");
  s.list(1, item);
  await s.get("/archive/#ITEM_ID#?version=all");
  s.list(1);
}

const KILL_TEMPLATE = `{
  "template_name": "kill", "template_type": "kill", "is_public": true,
  "data": {
    "body_html": "<p>Please kill story slugged {{ item.slugline }} ex {{ item.dateline['text'] }} at {{item.versioncreated | format_datetime(date_format='%d %b %Y %H:%S %Z')}}.<\\/p>",
    "type": "text", "abstract": "This article has been removed",
    "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice",
    "urgency": 1, "priority": 1, "anpa_take_key": "KILL\\/TAKEDOWN"
  }
}`;

const DESK_TEMPLATE = `{
  "template_name": "desk", "template_type": "create", "data": {"body_footer": "test"},
  "template_desks": ["#desks._id#"], "schedule_desk": "#desks._id#",
  "schedule_stage": "#desks.incoming_stage#", "is_public": true
}`;

const NOT_UNIQUE = `{
  "_error": {"code": 400, "message": "Insertion failure: 1 document(s) contain(s) error(s)"},
  "_issues": {"template_name": "Template Name is not unique"}, "_status": "ERR"
}`;

const NOT_UNIQUE_PUBLIC = `{
  "_error": {"code": 400, "message": "Insertion failure: 1 document(s) contain(s) error(s)"},
  "_issues": {"is_public": "Template Name is not unique", "template_name": "Template Name is not unique"},
  "_status": "ERR"
}`;

const PERSONAL =
  `{"template_name": "personal", "template_type": "create", "template_desks": null, "data": {"body_footer": "test"}}`;

feature("templates", (f) => {
  f.scenario("Get predefined templates", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "sports"}]`);
    await s.post(
      "content_templates",
      `{"template_name": "kill", "template_type": "kill", "template_desks": ["#desks._id#"], "is_public": true,
        "data": {"anpa_take_key": "TAKEDOWN"}}`,
    );
    s.code(
      400,
      `{"_status": "ERR", "_message": "Invalid kill template. schedule, dateline, template_desks, schedule_desk, schedule_stage are not allowed"}`,
    );
    await s.post(
      "content_templates",
      `{"template_name": "kill", "template_type": "kill", "is_public": true, "data": {"anpa_take_key": "TAKEDOWN"}}`,
    );
    s.newResource(
      `{"_id": "__any_value__", "template_name": "kill", "template_type": "kill", "data": {"anpa_take_key": "TAKEDOWN"}}`,
    );
    await s.get("content_templates/kill");
    s.existingResource(
      `{"_id": "__any_value__", "template_name": "kill", "data": {"anpa_take_key": "TAKEDOWN"}}`,
    );
  });

  f.scenario("User can create personal template", ["auth"], async (s) => {
    await s.post(
      "content_templates",
      `{"template_name": "personal", "template_type": "create", "template_desks": null, "data": {
        "body_footer": "test", "sms_message": "foo", "flags": {"marked_for_sms": true}}}`,
    );
    s.newResource(
      `{"template_desks": null, "user": "#CONTEXT_USER_ID#", "is_public": false, "data": {"body_footer": "test"}}`,
    );
  });

  f.scenario("User can create highlight template", ["auth"], async (s) => {
    await s.post(
      "content_templates",
      `{"template_name": "default highlight", "template_type": "highlights",
        "data": {"body_html": "{% for item in items %} <h2>{{ item.headline }}</h2> {{ item.body_html }} <p></p> {% endfor %}"}}`,
    );
    s.newResource(`{"template_name": "default highlight", "template_type": "highlights"}`);
  });

  f.scenario("User can schedule a content creation", ["auth"], async (s) => {
    await scheduleScenario(s, {
      schedule: `{"day_of_week": ["MON"], "create_at": "08:15:00", "is_active": true}`,
      first: "08:15:00",
      patch:
        `{"schedule": {"day_of_week": ["MON"], "cron_list": ["15 09 * * MON"], "is_active": true}}`,
      second: "09:15:00",
      runs: 2,
    });
  });

  f.scenario("User can schedule a content creation for multiple times", ["auth"], async (s) => {
    await scheduleScenario(s, {
      schedule: `{"is_active": true, "cron_list": ["15 8 * * MON"]}`,
      first: "08:15:00",
      patch: `{"schedule": {"cron_list": ["15 8 * * MON","14 8 * * MON"], "is_active": true}}`,
      second: "08:14:00",
      runs: 2,
    });
  });

  f.scenario(
    "User can schedule a content creation with different timezone",
    ["auth"],
    async (s) => {
      await scheduleScenario(s, {
        schedule:
          `{"day_of_week": ["MON"], "create_at": "08:15:00", "is_active": true, "time_zone": "Australia/Sydney"}`,
        first: "08:15:00",
        patch:
          `{"schedule": {"day_of_week": ["MON"], "cron_list": ["15 09 * * MON"], "is_active": true}}`,
        second: "09:15:00",
        runs: 1,
      });
    },
  );

  f.scenario(
    "User can schedule a content creation with different timezone 2",
    ["auth"],
    async (s) => {
      await scheduleScenario(s, {
        schedule:
          `{"cron_list": ["15 8 * * MON"], "is_active": true, "time_zone": "Australia/Sydney"}`,
        first: "08:15:00",
        patch: `{"schedule": {"cron_list": ["15 9 * * MON"], "is_active": true}}`,
        second: "09:15:00",
        runs: 1,
      });
    },
  );

  f.scenario("Updated create_at returns cron_list", ["auth"], async (s) => {
    await givenRaw(
      s,
      "content_templates",
      `[{"template_name": "test", "template_type": "create", ${TEMPLATE_DATA},
         "schedule": {"day_of_week": ["MON","WED"], "create_at": "08:15:00", "is_active": true, "time_zone": "Australia/Sydney"},
         "template_desks": ["#desks._id#"], "schedule_desk": "#desks._id#", "schedule_stage": "#stages._id#"}]`,
    );
    await s.get("/content_templates");
    s.list(1, `{"_items": [{"schedule": {"cron_list": ["15 08 * * MON,WED"]}}]}`);
  });

  f.scenario("Apply template to an item", ["auth"], async (s) => {
    await scheduleBackground(s);
    await s.post("content_templates", KILL_TEMPLATE);
    s.newResource();
    await s.post(
      "content_templates_apply",
      `{"template_name": "kill", "item": {
        "headline": "Test", "_id": "123", "body_html": "test", "slugline": "testing",
        "abstract": "abstract", "urgency": 5, "priority": 6,
        "dateline": {"text": "Prague, 9 May (SAP)"},
        "task": {"desk": "#desks._id#", "last_authoring_desk": "#desks._id#"},
        "versioncreated": "2015-01-01T22:54:53+0000",
        "fields_meta": {"body_html": {"draftjsState": [{"blocks": [{"text": "test"}]}]}}}}`,
    );
    s.ok(
      `{"_id": "123",
        "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice",
        "body_html": "<p>Please kill story slugged testing ex Prague, 9 May (SAP) at 01 Jan 2015 23:53 CET.<\\/p>",
        "anpa_take_key": "KILL\\/TAKEDOWN", "slugline": "testing",
        "urgency": 1, "priority": 1, "abstract": "This article has been removed",
        "dateline": {"text": "Prague, 9 May (SAP)"},
        "versioncreated": "2015-01-01T22:54:53+0000",
        "fields_meta": {"body_html": {"draftjsState": [{"blocks": [
          {"text": "Please kill story slugged testing ex Prague, 9 May (SAP) at 01 Jan 2015 23:53 CET."}
        ]}]}}}`,
      { updated: true },
    );
  });

  f.scenario(
    "For kill Template Dateline, Schedule and Desk settings should be null.",
    ["auth"],
    async (s) => {
      await s.given("desks", `[{"name": "sports"}]`);
      await s.post(
        "content_templates",
        `{"template_name": "test", "template_type": "create",
          "template_desks": ["#desks._id#"], "schedule_desk": "#desks._id#",
          "schedule_stage": "#desks.incoming_stage#",
          "schedule": {"create_at": "08:00:00", "day_of_week": ["MON", "TUE"]},
          "data": {"anpa_take_key": "TAKEDOWN", "urgency": 1, "priority": 1, "headline": "headline", "dateline": {"text": "Test"}}}`,
      );
      s.newResource(`{"_id": "__any_value__",
        "template_name": "test", "template_type": "create",
        "template_desks": ["#desks._id#"],
        "schedule_desk": "#desks._id#", "schedule_stage": "#desks.incoming_stage#",
        "schedule": {"create_at": "08:00:00", "day_of_week": ["MON", "TUE"]},
        "data": {"anpa_take_key": "TAKEDOWN", "urgency": 1, "priority": 1, "headline": "headline", "dateline": {"text": "Test"}}}`);
      await s.patchLatest(`{"template_type": "kill", "template_name": "testing"}`);
      s.ok(
        `{"_id": "__any_value__",
          "template_name": "testing", "template_type": "kill",
          "template_desks": null, "schedule_desk": null, "schedule_stage": null, "schedule": null,
          "data": {"anpa_take_key": "TAKEDOWN", "urgency": 1, "priority": 1, "headline": "headline", "dateline": null}}`,
        { updated: true },
      );
    },
  );

  f.scenario("Validate unique name on personal template", ["auth"], async (s) => {
    await s.post("content_templates", PERSONAL);
    s.newResource(
      `{"template_desks": null, "user": "#CONTEXT_USER_ID#", "is_public": false, "data": {"body_footer": "test"}}`,
    );
    await s.post("content_templates", PERSONAL);
    s.code(400, NOT_UNIQUE);
    await s.post("content_templates", PERSONAL.replace('"personal"', '"PERSONAL"'));
    s.code(400, NOT_UNIQUE);
  });

  f.scenario("Validate unique name on desk template", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "sports"}]`);
    await s.post("content_templates", DESK_TEMPLATE);
    s.newResource(DESK_TEMPLATE);
    await s.post("content_templates", DESK_TEMPLATE);
    s.code(400, NOT_UNIQUE_PUBLIC);
    await s.post("content_templates", DESK_TEMPLATE.replace('"desk"', '"Desk"'));
    s.code(400, NOT_UNIQUE_PUBLIC);
  });

  f.scenario(
    "Add personal and desk templates with the same name and then try to change the non public to public",
    ["auth"],
    async (s) => {
      await s.given("desks", `[{"name": "sports"}]`);
      const desk = DESK_TEMPLATE.replace('"desk"', '"template"');
      await s.post("content_templates", desk);
      s.newResource(desk);
      await s.post(
        "content_templates",
        PERSONAL.replace('"personal"', '"template"'),
      );
      s.newResource(
        `{"template_desks": null, "user": "#CONTEXT_USER_ID#", "is_public": false, "data": {"body_footer": "test"}}`,
      );
      const unique = `{"_issues": {"is_public": "Template Name is not unique"}, "_status": "ERR"}`;
      await s.patch("content_templates/#content_templates._id#", `{"is_public": true}`);
      s.code(400, unique);
      await s.patch("content_templates/#content_templates._id#", `{"template_name": "TEMPLATE"}`);
      s.ok();
      await s.patch("content_templates/#content_templates._id#", `{"is_public": true}`);
      s.code(400, unique);
    },
  );

  f.scenario("Add create type templates assigned to multiple desks", ["auth"], async (s) => {
    await s.given(
      "desks",
      `[{"_id": "5754869b95cc64157018996c", "name": "sports"}, {"_id": "5754866c95cc641570189967", "name": "politics"}]`,
    );
    const template =
      `{"template_name": "template", "template_type": "create", "data": {"body_footer": "test"},
      "template_desks": ["5754869b95cc64157018996c", "5754866c95cc641570189967"], "is_public": true}`;
    await s.post("content_templates", template);
    s.newResource(template);
  });

  f.scenario("Can not assign highlight template to multiple desks", ["auth"], async (s) => {
    await s.given(
      "desks",
      `[{"_id": "5754869b95cc64157018996c", "name": "sports"}, {"_id": "5754866c95cc641570189967", "name": "politics"}]`,
    );
    await s.post(
      "content_templates",
      `{"template_name": "template", "template_type": "highlights", "data": {"body_footer": "test"},
        "template_desks": ["5754869b95cc64157018996c", "5754866c95cc641570189967"], "is_public": true}`,
    );
    s.code(
      400,
      `{"_message": "Templates that are not create type can only be assigned to one desk!", "_status": "ERR"}`,
    );
  });

  f.scenario(
    "Byline and Place is null after Kill template is applied to an item",
    ["auth"],
    async (s) => {
      await s.post("content_templates", KILL_TEMPLATE);
      s.newResource();
      await s.post(
        "content_templates_apply",
        `{"template_name": "kill", "item": {
          "headline": "Test", "_id": "123", "body_html": "test", "slugline": "testing",
          "abstract": "abstract", "byline": "Test-byline",
          "place": [{"qcode" : "ACT", "world_region" : "Oceania", "country" : "Australia",
                     "name" : "ACT", "state" : "Australian Capital Territory"}],
          "urgency": 5, "priority": 6, "dateline": {"text": "Prague, 9 May (SAP)"},
          "versioncreated": "2015-01-01T22:54:53+0000"}}`,
      );
      s.ok(`{"byline": null, "place": null}`, { updated: true });
    },
  );

  f.scenario("Create template for new content profile", ["auth"], async (s) => {
    await s.post("content_types", `{"label": "Foo"}`);
    await s.get("content_templates");
    s.list(
      1,
      `{"_items": [{"template_name": "foo", "template_type": "create", "is_public": true, "data": {"profile": "#content_types._id#"}}]}`,
    );
    await s.post(
      "/desks",
      `{"name": "Sports Desk", "default_content_profile": "#content_types._id#"}`,
    );
    await s.delete("content_types/#content_types._id#");
    s.code(204);
    await s.get("content_templates");
    s.list(1);
    assert.ok(!("profile" in s.response.body._items[0].data), "there is no profile in data");
    await s.get("/desks/#desks._id#");
    s.existingResource(`{"default_content_profile": "__none__"}`);
  });

  f.scenario("Changing content profile removes unnecessary fields", ["auth"], async (s) => {
    await s.given(
      "content_types",
      `[{"_id": "foo", "label": "Foo", "schema": {
          "headline": {"maxlength" : 64, "type" : "string", "required" : false, "nullable" : true},
          "slugline" : {"type" : "string", "nullable" : true, "maxlength" : 24, "required" : false}}},
        {"_id": "bar", "label": "Bar", "schema": {
          "headline": {"maxlength" : 64, "type" : "string", "required" : false, "nullable" : true}}}]`,
    );
    await s.given(
      "content_templates",
      `[{"template_name": "foo", "data": {"slugline": "Testing the slugline", "headline": "Testing the headline", "profile": "foo"}}]`,
    );
    await s.patch(
      "content_templates/foo",
      `{"data": {"slugline": "Testing the slugline", "headline": "Testing the headline", "profile": "bar"}}`,
    );
    s.ok();
    await s.get("content_templates");
    s.list(
      1,
      `{"_items": [{"template_name": "foo", "data": {"headline": "Testing the headline", "slugline": "", "profile": "bar"}}]}`,
    );
  });

  f.scenario("Create content using template with template language", ["auth"], async (s) => {
    await s.given(
      "content_templates",
      `[{"template_name": "test", "template_type": "create", "is_public": true, "data": {
          "headline": "{{ 'foo' }}", "byline": "{{ 'bar' }}",
          "extra": {"test": "{{ user.sign_off }}", "test2": "{{ item.something.missing }}",
                    "test3": "{% if something %}", "test4": "{{ now|iso_datetime }}"}}}]`,
    );
    await s.post("archive", `{"type": "text", "template": "#content_templates._id#"}`);
    s.newResource(
      `{"headline": "foo", "byline": "bar", "extra": {"test": "abc", "test4": "__now__"}}`,
    );
    assert.deepEqual(Object.keys(s.response.body.extra).sort(), ["test", "test4"]);
  });

  f.scenario(
    "User can schedule a content creation and add a macro as well",
    ["auth"],
    async (s) => {
      await scheduleScenario(s, {
        schedule: `{"day_of_week": ["MON"], "create_at": "08:15:00", "is_active": true}`,
        first: "08:15:00",
        patch:
          `{"schedule": {"day_of_week": ["MON"], "cron_list": ["15 09 * * MON"], "is_active": true}}`,
        second: "09:15:00",
        runs: 2,
        macro: "update_fields",
        item: SCHEDULED_ITEM.replace(
          `"headline": "test",`,
          `"headline": "test", "abstract": "Abstract has been updated",`,
        ),
      });
    },
  );
}, {
  // Superdesk's test settings: templates format dates in Europe/Prague.
  env: {
    INSTALLED_APPS: "tests/apps/fixtures/behave_macro_app.ts",
    DEFAULT_TIMEZONE: "Europe/Prague",
  },
});
