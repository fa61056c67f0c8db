/**
 * Superdesk's features/rundowns.feature over HTTP, with the rundowns app installed as Superdesk's
 * test settings install it (`INSTALLED_APPS`, `RUNDOWNS_TIMEZONE=Europe/Prague`,
 * `RUNDOWNS_SCHEDULE_HOURS=24`). `we run task` runs the scheduled creation's task in-process, as
 * Superdesk's eager Celery does; `the lock expires` moves `_lock_time` 48 hours back in the
 * store, as Superdesk's step does (which leaves `_lock_expiry`, what the lock check reads, as it
 * is: the scenario passes either way, as it does in Superdesk).
 */
import type { TaskDefinition } from "../../src/tasks/task_definition.ts";
import { SCHEDULED_RUNDOWNS_TASK } from "../../src/rundowns/scheduled_rundowns.ts";
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

const ENV = {
  INSTALLED_APPS: "src/rundowns/rundowns_app.ts",
  RUNDOWNS_TIMEZONE: "Europe/Prague",
  RUNDOWNS_SCHEDULE_HOURS: "24",
};

/** `we run task "apps.rundowns.tasks.create_scheduled_rundowns"`. */
async function runScheduledRundowns(s: Scenario): Promise<void> {
  const { platform } = s.app;
  const task = platform.tasks.get(SCHEDULED_RUNDOWNS_TASK) as TaskDefinition<unknown, unknown>;
  await task.handler({}, {
    services: platform.services,
    signal: new AbortController().signal,
    log: platform.log,
    attempt: 1,
    taskId: "scenario-rundowns",
  });
}

/** `the lock expires "/rundowns/<id>"`. */
async function lockExpires(s: Scenario, resource: string): Promise<void> {
  const id = String(s.resources[resource]._id);
  await s.app.platform.documents.collection(resource).updateOne({ _id: id }, {
    $set: { _lock_time: new Date(Date.now() - 48 * 3_600_000) },
  });
}

feature("rundowns", (f) => {
  f.scenario("Show CRUD", ["auth"], async (s) => {
    await s.post(
      "/shows",
      `{"title": "Test", "description": "Test description", "planned_duration": 10.5}`,
    );
    s.code(201, `{"_links": {"self": {"title": "shows"}}}`);
    await s.get("/shows");
    s.list(1, `{"_items": [{"title": "Test"}]}`);
    await s.get("/shows/#shows._id#");
    s.existingResource(
      `{"title": "Test", "description": "Test description", "planned_duration": 10.5}`,
    );
    await s.patch("/shows/#shows._id#", `{"title": "Updated", "planned_duration": 11.1}`);
    s.ok();
    await s.post("/shows/#shows._id#/templates", `{"title": "test"}`);
    s.ok();
    await s.get("/shows/#shows._id#/templates");
    s.list(1);
    await s.post("/rundowns", `{"show": "#shows._id#", "airtime_date": "2022-06-10"}`);
    s.ok();
    await s.delete("/shows/#shows._id#");
    s.code(409, `{"message": "Can't remove show if there are rundowns."}`);
    await s.delete("/rundowns/#rundowns._id#");
    s.ok();
    await s.delete("/shows/#shows._id#");
    s.ok();
    await s.get("/shows");
    s.list(0);
    await s.get("/shows/#shows._id#/templates");
    s.list(0);
  });

  f.scenario("Templates CRUD", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test", "shortcode": "TST"}]`);
    await s.post(
      "/shows/#shows._id#/templates",
      `{"title": "test template", "airtime_time": "06:00", "airtime_date": "2030-06-22",
        "title_template": {"prefix": "Marker", "separator": "//", "date_format": "dd.mm.yy"},
        "repeat": true, "schedule": {"freq": "DAILY", "interval": 1, "by_day": [0]},
        "autocreate_before_seconds": 3600,
        "items": [{"planned_duration": 600, "item_type": "PRLG", "title": "Item title"},
          {"planned_duration": 400, "item_type": "AACC", "title": "Item title 2"},
          {"planned_duration": 200, "item_type": "another", "title": "Foo"}]}`,
    );
    s.newResource(
      `{"_links": {"self": {"href": "/shows/#shows._id#/templates/#templates._id#",
          "title": "rundown_templates"}},
        "airtime_date": "2030-06-22", "airtime_time": "06:00", "created_by": "#CONTEXT_USER_ID#",
        "scheduled_on": "2030-06-24T04:00:00+0000", "autocreate_on": "2030-06-24T03:00:00+0000",
        "items": [{"technical_title": "PRLG-TST-ITEM-TITLE"},
          {"technical_title": "AACC-TST-ITEM-TITLE-2"}, {"technical_title": "FOO"}]}`,
    );
    await s.patch(
      "/shows/#shows._id#/templates/#templates._id#",
      `{"schedule": {"by_day": [5, 6]}, "repeat": false}`,
    );
    s.ok(`{"last_updated_by": "#CONTEXT_USER_ID#"}`);
    await s.get("/shows/#shows._id#/templates");
    s.list(1, `{"_items": [{"schedule": {"by_day": [5, 6]}, "repeat": false}]}`);
    await s.delete("/shows/#shows._id#/templates/#templates._id#");
    s.ok();
    await s.get("/shows/#shows._id#/templates");
    s.list(0);
  });

  f.scenario("Create rundown from template", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test"}]`);
    await s.given(
      "rundown_templates",
      `[{"show": "#shows._id#", "title": "Marker", "airtime_time": "06:00",
        "planned_duration": 3600,
        "title_template": {"prefix": "Marker", "separator": "//", "date_format": "DD.MM.YYYY"},
        "items": [{"duration": 600, "item_type": "Test", "title": "Item title"},
          {"duration": 400, "item_type": "Test2", "title": "Item title 2", "subitems": [
            {"content": "<p>sub content</p>", "qcode": "TST", "technical_info": "info"}]},
          {"duration": 200, "title": "test"}]}]`,
    );
    await s.post(
      "/rundowns",
      `{"show": "#shows._id#", "template": "#rundown_templates._id#",
        "airtime_date": "2022-06-10"}`,
    );
    s.newResource(
      `{"show": "#shows._id#", "template": "#rundown_templates._id#",
        "title": "Marker // 10.06.2022", "planned_duration": 3600, "airtime_time": "06:00",
        "airtime_date": "2022-06-10",
        "items": [{"_id": "__objectid__"}, {"_id": "__objectid__"}, {"_id": "__objectid__"}]}`,
    );
    await s.get("/rundowns");
    s.list(
      1,
      `{"_items": [{"title": "Marker // 10.06.2022", "template": "#rundown_templates._id#",
        "items": [{"_id": "__objectid__"}, {"_id": "__objectid__"}, {"_id": "__objectid__"}]}]}`,
    );
    await s.get("/rundown_items");
    s.list(
      3,
      `{"_items": [{"item_type": "Test"}, {"item_type": "Test2", "subitems": [
        {"content": "<p>sub content</p>", "qcode": "TST", "technical_info": "info"}]},
        {"title": "test"}]}`,
    );
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "lock"}`);
    s.ok(`{"items": [{"_id": "__objectid__"}, {"_id": "__objectid__"}]}`);
    await s.post(
      "/rundowns",
      `{"show": "#shows._id#", "template": "#rundown_templates._id#",
        "airtime_date": "2022-06-10", "airtime_time": "08:00", "title": "Custom"}`,
    );
    s.newResource(
      `{"title": "Custom", "airtime_time": "08:00",
        "items": [{"_id": "__objectid__"}, {"_id": "__objectid__"}]}`,
    );
  });

  f.scenario("Create rundown based on template schedule", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test", "shortcode": "foo"}]`);
    await s.given(
      "rundown_templates",
      `[{"title": "Scheduled one", "show": "#shows._id#", "airtime_time": "18:00",
        "planned_duration": 3600, "repeat": true, "schedule": {"freq": "DAILY"},
        "title_template": {"prefix": "Scheduled", "separator": "//", "date_format": "%H:%M"},
        "autocreate_before_seconds": 1},
       {"title": "Scheduled two", "show": "#shows._id#", "airtime_time": "06:00",
        "planned_duration": 3600, "repeat": true, "schedule": {"freq": "DAILY"},
        "title_template": {"prefix": "Scheduled", "separator": "//", "date_format": "%H:%M"},
        "autocreate_before_seconds": 86400,
        "items": [{"duration": 600, "item_type": "Test", "title": "Item title"},
          {"duration": 400, "item_type": "AACC", "title": "Item title 2"}]}]`,
    );
    await runScheduledRundowns(s);
    await s.get("/rundowns");
    s.list(1, `{"_items": [{"title": "Scheduled // 06:00", "scheduled_on": "__future__"}]}`);
    await s.get("/rundown_items");
    s.list(
      2,
      `{"_items": [{"technical_title": "ITEM TITLE"},
        {"technical_title": "AACC-FOO-ITEM-TITLE-2"}]}`,
    );
    await runScheduledRundowns(s);
    await s.get("/rundowns");
    s.list(1);
  });

  f.scenario("Add items to rundown template", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test"}]`);
    await s.post(
      "/shows/#shows._id#/templates",
      `{"title": "Scheduled", "airtime_time": "06:00", "planned_duration": 3600}`,
    );
    await s.patch(
      "/shows/#shows._id#/templates/#templates._id#",
      `{"items": [{"item_type": "text", "title": "Test item"}]}`,
    );
    s.ok();
    await s.post("/rundowns", `{"show": "#shows._id#", "template": "#templates._id#"}`);
    s.newResource();
    await s.get("/rundowns");
    s.list(1, `{"_items": [{"title": "Scheduled", "items": [{"_id": "__objectid__"}]}]}`);
    await s.get("/rundown_items");
    s.list(1, `{"_items": [{"item_type": "text", "title": "Test item"}]}`);
  });

  f.scenario("Rundowns CRUD", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test", "shortcode": "SHO"}]`);
    await s.post(
      "/rundowns",
      `{"show": "#shows._id#", "airtime_time": "06:00", "airtime_date": "2030-01-01",
        "planned_duration": 3600}`,
    );
    s.ok(`{"_links": {"self": {"title": "rundowns"}}}`);
    await s.post(
      "/rundown_items",
      `{"title": "test title", "duration": 80, "planned_duration": 120, "item_type": "PRLG",
        "content": "<p>some text</p>", "subitems": [{"qcode": "wall"}, {"qcode": "video"}],
        "rundown": "#rundowns._id#", "camera": ["k1", "k2"]}`,
    );
    s.ok(
      `{"_links": {"self": {"title": "rundown_items"}},
        "technical_title": "PRLG-SHO-TEST-TITLE-K1-K2"}`,
    );
    await s.get("/rundowns");
    s.list(
      1,
      `{"_items": [{"title": "Test", "show": "#shows._id#", "airtime_time": "06:00",
        "airtime_date": "2030-01-01", "planned_duration": 3600}]}`,
    );
    await s.patch(
      "/rundowns/#rundowns._id#",
      `{"items": [{"_id": "#rundown_items._id#"}, {"_id": "#rundown_items._id#"}]}`,
    );
    s.ok();
    await s.get("/rundowns/#rundowns._id#");
    s.existingResource(`{"duration": 160, "planned_duration": 3600}`);
    await s.patch(
      "/rundown_items/#rundown_items._id#",
      `{"duration": 200, "planned_duration": 300, "item_type": "FOO"}`,
    );
    s.ok(`{"technical_title": "TEST TITLE"}`);
    await s.get("/rundowns/#rundowns._id#");
    s.existingResource(`{"duration": 400, "planned_duration": 3600}`);
    await s.delete("/rundowns/#rundowns._id#");
    s.ok();
    await s.delete("/rundown_items/#rundown_items._id#");
    s.ok();
  });

  f.scenario("Create rundown for today", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test"}]`);
    await s.post(
      "/rundowns",
      `{"show": "#shows._id#", "airtime_time": "06:00", "title": "Todays rundown"}`,
    );
    s.ok(`{"title": "Todays rundown", "airtime_time": "06:00", "airtime_date": "__today__"}`);
  });

  f.scenario("Locking", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test"}]`);
    await s.post("/rundowns", `{"show": "#shows._id#", "airtime_time": "06:00"}`);
    s.ok();
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "lock"}`);
    s.ok(`{"_lock": true, "_lock_user": "#CONTEXT_USER_ID#", "_lock_time": "__now__"}`);
    await s.patch("/rundowns/#rundowns._id#", `{"title": "foo"}`);
    s.ok();
    await s.loginAs("foo", "bar", `{"user_type": "administrator"}`);
    await s.patch("/rundowns/#rundowns._id#", `{"title": "bar"}`);
    s.code(412, `{"_error": {"message": "Resource is locked."}}`);
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "unlock"}`);
    s.code(412);
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "lock"}`);
    s.code(412);
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "force-lock"}`);
    s.ok(`{"_lock": true}`);
    await lockExpires(s, "rundowns");
    await s.patch("/rundowns/#rundowns._id#", `{"title": "bar"}`);
    s.ok();
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "lock"}`);
    s.ok();
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "unlock"}`);
    s.ok(`{"_lock_user": null, "_lock_time": null, "_lock_session": null, "_lock": false}`);
    await s.loginAs("foo2", "bar", `{"user_type": "administrator"}`);
    await s.patch("/rundowns/#rundowns._id#", `{"title": "bar"}`);
    s.ok();
    await lockExpires(s, "rundowns");
    await s.patch("/rundowns/#rundowns._id#", `{"title": "bar"}`);
    s.ok();
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "lock"}`);
    s.ok();
    await s.patch("/rundowns/#rundowns._id#", `{"_lock_action": "unlock"}`);
    s.ok(`{"_lock_user": null, "_lock_time": null, "_lock_session": null}`);
    await s.loginAs("foo2", "bar", `{"user_type": "administrator"}`);
    await s.patch("/rundowns/#rundowns._id#", `{"title": "bar"}`);
    s.ok();
  });

  f.scenario("Export", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "rundown_subitem_types", "items": [
          {"name": "PRLG", "qcode": "PRLG", "is_active": true},
          {"name": "WALL", "qcode": "WALL", "is_active": true},
          {"name": "GRAF", "qcode": "GRAF", "is_active": true}]},
        {"_id": "rundown_item_types", "items": [{"name": "PRLG Name", "qcode": "PRLG"}]}]`,
    );
    await s.get("/rundown_export");
    s.list(
      3,
      `{"_items": [{"name": "Prompter PDF", "_id": "prompter-pdf"},
        {"name": "Technical CSV", "_id": "table-csv"}, {"name": "Technical PDF", "_id": "table-pdf"}]}`,
    );
    await s.given("shows", `[{"title": "Test", "shortcode": "MRK"}]`);
    await s.given(
      "rundowns",
      `[{"show": "#shows._id#", "title": "Rundown Title // 10.10.2022", "airtime_time": "06:00",
        "airtime_date": "2030-01-01", "planned_duration": 3600}]`,
    );
    // The fixture's long editor state, shortened to one block of each kind it has.
    await s.given(
      "rundown_items",
      `[{"title": "sample", "duration": 80, "planned_duration": 120, "item_type": "PRLG",
        "content": "<p>foo</p><p>bar</p>", "camera": ["K1", "K2"],
        "additional_notes": "Some extra notes", "rundown": "#rundowns._id#",
        "fields_meta": {"content": {"draftjsState": [{"blocks": [
          {"key": "41kgq", "text": "try some really long text so we will see how that wraps", "type": "unstyled"},
          {"key": "jr6v", "text": "list1", "type": "unordered-list-item"},
          {"key": "5lrsd", "text": "baz", "type": "ordered-list-item"},
          {"key": "6lrsd", "type": "unstyled", "text": "Šta nas čeka od jeseni?"}]}]}},
        "subitems": [{"qcode": "WALL", "technical_info": "wall info", "content": "some content"},
          {"qcode": "PRLG", "technical_info": "prlg info, some other info",
           "content": "another content"}]}]`,
    );
    await s.patch(
      "rundowns/#rundowns._id#",
      `{"items": [{"_id": "#rundown_items._id#"}, {"_id": "#rundown_items._id#"}]}`,
    );
    s.ok();
    const files = [
      [
        "prompter-pdf",
        'attachment; filename="Prompter-Rundown_Title_10.10.2022.pdf"',
        "application/pdf",
      ],
      [
        "table-csv",
        'attachment; filename="Technical-Rundown_Title_10.10.2022.csv"',
        "text/csv; charset=utf-8",
      ],
      [
        "table-pdf",
        'attachment; filename="Technical-Rundown_Title_10.10.2022.pdf"',
        "application/pdf",
      ],
    ];
    const texts: string[] = [];
    for (const [format, disposition, type] of files) {
      await s.post("rundown_export", `{"format": "${format}", "rundown": "#rundowns._id#"}`);
      s.code(201, `{"href": "__any_value__"}`);
      // The link is absolute (Superdesk's `url_for(_external=True)`) and answers a file, not the
      // JSON the get step reads: it is fetched as the browser does.
      const file = await s.app.app.request(new URL(s.resources.rundown_export.href).pathname);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get("Content-Disposition"), disposition);
      assert.equal(file.headers.get("Content-Type"), type);
      texts.push(new TextDecoder("latin1").decode(await file.arrayBuffer()));
    }
    // What the files say (not checked by Superdesk's scenario).
    const [prompter, csv, table] = texts;
    assert.match(
      prompter!,
      /^%PDF-1\.4\n[^]*\(PRLG NAME-MRK-SAMPLE-K1-K2\) Tj[^]*\(list1\) Tj[^]*%%EOF\n$/,
    );
    assert.equal(
      csv,
      "Order,Type,Technical Title,PRLG,WALL,Duration\r\n" +
        '1,PRLG NAME-PRLG,PRLG NAME-MRK-SAMPLE-K1-K2,"prlg info, some other info",wall info,00:01:20\r\n' +
        '2,PRLG NAME-PRLG,PRLG NAME-MRK-SAMPLE-K1-K2,"prlg info, some other info",wall info,00:01:20\r\n',
    );
    assert.match(table!, /\(2 \| PRLG NAME-PRLG \| PRLG NAME-MRK-SAMPLE-K1-K2 \|/);
  });

  f.scenario("Search rundown by item contents", ["auth"], async (s) => {
    await s.given("shows", `[{"title": "Test", "shortcode": "MRK"}]`);
    await s.given(
      "rundowns",
      `[{"show": "#shows._id#", "title": "Rundown Title", "airtime_time": "06:00",
        "airtime_date": "2030-01-01", "planned_duration": 3600}]`,
    );
    await s.given(
      "rundown_items",
      `[{"title": "sample", "duration": 80, "planned_duration": 120, "item_type": "test",
        "subitems": [{"qcode": "wall"}, {"qcode": "video"}],
        "content": "<p>searchable content</p>", "rundown": "#rundowns._id#"}]`,
    );
    await s.patch("/rundowns/#rundowns._id#", `{"items": [{"_id": "#rundown_items._id#"}]}`);
    await s.get("/rundowns?q=searchable");
    s.list(
      1,
      `{"_items": [{"title": "Rundown Title", "matching_items": [{"title": "sample"}]}]}`,
    );
    await s.get("/rundowns?q=title");
    s.list(1, `{"_items": [{"title": "Rundown Title", "matching_items": []}]}`);
    await s.get(
      `/rundowns?source={"sort":[{"_updated":"desc"}],"size":50,"from":0,"query":{"filtered":{"query":{"query_string":{"query":"searchable"}}}}}`,
    );
    s.list(
      1,
      `{"_items": [{"title": "Rundown Title", "matching_items": [{"title": "sample"}]}]}`,
    );
    await s.get("/rundowns?q=missing");
    s.list(0);
    await s.post(
      "/rundown_items",
      `{"title": "missing", "duration": 80, "planned_duration": 120, "item_type": "test",
        "subitems": [{"qcode": "wall"}, {"qcode": "video"}], "content": "<p>content</p>",
        "rundown": "#rundowns._id#"}`,
    );
    s.ok();
    await s.patch(
      "/rundowns/#rundowns._id#",
      `{"items": [{"_id": "#rundown_items._id#"}], "title": "wat?"}`,
    );
    s.ok();
    await s.get("/rundowns?q=missing");
    s.list(1);
    await s.patch(
      "/rundown_items/#rundown_items._id#",
      `{"content": "<p>another</p>", "title": "another"}`,
    );
    await s.get("/rundowns?q=missing");
    s.list(0);
  });

  f.scenario("Rundown comments", ["auth", "notification"], async (s) => {
    await s.given("shows", `[{"title": "Test", "shortcode": "MRK"}]`);
    await s.given(
      "rundowns",
      `[{"show": "#shows._id#", "title": "Rundown Title", "planned_duration": 3600}]`,
    );
    await s.given("rundown_items", `[{"title": "Test", "rundown": "#rundowns._id#"}]`);
    await s.post(
      "/rundown_comments",
      `{"text": "test @test_user", "item": "#rundown_items._id#"}`,
    );
    s.ok();
    await s.get(`/rundown_comments?where={"item":"#rundown_items._id#"}`);
    s.list(1, `{"_items": [{"text": "test @test_user", "user": "#CONTEXT_USER_ID#"}]}`);
    await s.get("/activity");
    s.list(
      "1+",
      `{"_items": [{"name": "rundown-item-comment",
        "message": "You were mentioned in \\"Test\\" (\\"Rundown Title\\") comment by test_user.",
        "data": {"message": "test @test_user", "rundownId": "#rundowns._id#",
          "rundownItemId": "#rundown_items._id#", "extension": "broadcasting"}}]}`,
    );
  });
}, { env: ENV });
