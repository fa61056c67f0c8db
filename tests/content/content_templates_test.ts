/** Content templates over HTTP: rules, names, visibility, schedules, applying, items from them. */
import assert from "node:assert/strict";
import { awaitEvent, body, refused, signIn } from "../newsroom/_newsroom.ts";
import { contentTest, INVALID } from "./_content.ts";

contentTest(
  "personal templates belong to their author and are hidden from others",
  async (room) => {
    const { writer, outsider, chief } = room;
    const created = await body(
      await writer.post("/api/content_templates", {
        template_name: "Personal ",
        template_type: "create",
        template_desks: null,
        data: { body_footer: "test", sms_message: "foo", flags: { marked_for_sms: true } },
      }),
      201,
    );
    const stored = await body(await writer.get(`/api/content_templates/${created._id}`));
    assert.equal(stored.template_name, "personal");
    assert.equal(stored.user, writer.userId);
    assert.equal(stored.is_public, false);
    assert.equal(stored.data.body_footer, "test");
    await refused(await outsider.get(`/api/content_templates/${created._id}`), 404);
    const theirs = await body(await outsider.get("/api/content_templates"));
    assert.ok(theirs._items.every((t: { is_public: boolean }) => t.is_public));
    await body(await chief.get(`/api/content_templates/${created._id}`), 200);
    await awaitEvent(room, "template:update", (extra) => extra.user === writer.userId);
    const byName = await body(await writer.get("/api/content_templates/personal"));
    assert.equal(byName._id, created._id);
  },
);

contentTest("public templates need the privilege; names are unique per scope", async (room) => {
  const { writer, chief, desk } = room;
  const desk_template = {
    template_name: "desk",
    template_type: "create",
    data: { body_footer: "test" },
    template_desks: [desk._id],
    is_public: true,
  };
  await refused(await writer.post("/api/content_templates", desk_template), 403);
  await body(await chief.post("/api/content_templates", desk_template), 201);
  const duplicate = await refused(
    await chief.post("/api/content_templates", { ...desk_template, template_name: "DESK" }),
    INVALID,
  );
  assert.deepEqual(duplicate._issues, {
    is_public: "Template Name is not unique",
    template_name: "Template Name is not unique",
  });
  const personal = await body(
    await chief.post("/api/content_templates", { template_name: "desk", data: {} }),
    201,
  );
  const stored = await body(await chief.get(`/api/content_templates/${personal._id}`));
  const clash = await refused(
    await chief.patch(`/api/content_templates/${personal._id}`, { is_public: true }, {
      etag: stored._etag,
    }),
    INVALID,
  );
  assert.deepEqual(clash._issues, { is_public: "Template Name is not unique" });
  await body(await writer.post("/api/content_templates", { template_name: "desk", data: {} }), 201);
});

contentTest("kill and highlights templates follow Superdesk's rules", async (room) => {
  const { chief, desk } = room;
  await refused(
    await chief.post("/api/content_templates", {
      template_name: "kill2",
      template_type: "kill",
      template_desks: [desk._id],
      is_public: true,
      data: { anpa_take_key: "TAKEDOWN" },
    }),
    400,
    "Invalid kill template. schedule, dateline, template_desks, schedule_desk, schedule_stage are not allowed",
  );
  const other = await body(await chief.post("/api/desks", { name: "Other" }), 201);
  await refused(
    await chief.post("/api/content_templates", {
      template_name: "hl",
      template_type: "highlights",
      template_desks: [desk._id, other._id],
      is_public: true,
    }),
    400,
    "Templates that are not create type can only be assigned to one desk!",
  );
  const created = await body(
    await chief.post("/api/content_templates", {
      template_name: "test",
      template_type: "create",
      template_desks: [desk._id],
      schedule_desk: desk._id,
      schedule_stage: desk.incoming_stage,
      is_public: true,
      data: { headline: "headline", dateline: { text: "Test" }, urgency: 1 },
    }),
    201,
  );
  const stored = await body(await chief.get(`/api/content_templates/${created._id}`));
  await body(
    await chief.patch(`/api/content_templates/${created._id}`, {
      template_type: "kill",
      template_name: "testing",
    }, { etag: stored._etag }),
  );
  const killed = await body(await chief.get(`/api/content_templates/${created._id}`));
  assert.equal(killed.template_name, "testing");
  assert.equal(killed.template_desks, null);
  assert.equal(killed.schedule_desk, null);
  assert.equal(killed.data.dateline, null);
  assert.equal(killed.data.headline, "headline");
  const kill = await body(await chief.get("/api/content_templates/kill"));
  await refused(
    await chief.delete(`/api/content_templates/${kill._id}`, { etag: kill._etag }),
    400,
    "Kill templates can not be deleted.",
  );
});

contentTest("a schedule gets its next run in its time zone", async (room) => {
  const { chief, desk } = room;
  const created = await body(
    await chief.post("/api/content_templates", {
      template_name: "morning",
      is_public: true,
      data: { headline: "test", type: "text" },
      schedule: {
        day_of_week: ["MON"],
        create_at: "08:15:00",
        is_active: true,
        time_zone: "Australia/Sydney",
      },
      schedule_desk: desk._id,
      schedule_stage: desk.incoming_stage,
    }),
    201,
  );
  const stored = await body(await chief.get(`/api/content_templates/${created._id}`));
  assert.deepEqual(stored.schedule.cron_list, ["15 08 * * MON"]);
  const next = new Date(stored.next_run);
  const local = new Intl.DateTimeFormat("en-US", {
    timeZone: "Australia/Sydney",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(next);
  assert.equal(local, "Mon 08:15");
  assert.ok(next.getTime() > Date.now());
  assert.ok(next.getTime() <= Date.now() + 7 * 86_400_000);
  await refused(
    await chief.patch(`/api/content_templates/${created._id}`, {
      schedule: { cron_list: ["61 * * * *"], is_active: true },
    }, { etag: stored._etag }),
    INVALID,
  );
  await refused(
    await chief.patch(`/api/content_templates/${created._id}`, {
      schedule: { time_zone: "Mars/Olympus", is_active: true },
    }, { etag: stored._etag }),
    INVALID,
  );
});

contentTest("POST /archive with a template fills the item from it", async (room) => {
  const { chief, writer, desk } = room;
  await room.app.platform.registry.service("users").update(writer.userId, {
    sign_off: "abc",
    byline: "By Writer",
  });
  const template = await body(
    await chief.post("/api/content_templates", {
      template_name: "language",
      template_type: "create",
      is_public: true,
      data: {
        headline: "{{ 'foo' }} <b>bar</b>",
        slugline: "{{ item.task.desk }}",
        ednote: "{{ item.something.missing }}",
        abstract: "{% if something %}",
        extra: { test: "{{ user.sign_off }}", when: "{{ now|iso_datetime }}" },
        profile: "text",
        firstcreated: "2015-10-10T10:10:10+0000",
      },
    }),
    201,
  );
  const created = await body(
    await writer.post("/api/archive", {
      type: "text",
      version: 0,
      template: template._id,
      task: { desk: desk._id, stage: desk.working_stage, user: writer.userId },
    }),
    201,
  );
  const item = await body(await writer.get(`/api/archive/${created._id}`));
  assert.equal(item.headline, "foo bar");
  assert.equal(item.slugline, desk._id);
  assert.equal(item.ednote, undefined);
  assert.equal(item.abstract, undefined);
  assert.equal(item.extra.test, "abc");
  assert.ok(Math.abs(Date.parse(item.extra.when) - Date.now()) < 600_000);
  assert.equal(item.template, template._id);
  assert.equal(item.profile, "text");
  assert.equal(item.sign_off, "abc");
  assert.equal(item.byline, "By Writer");
  assert.notEqual(new Date(item.firstcreated).getUTCFullYear(), 2015);
});

contentTest("a template not offered on the desk, or unknown, is refused", async (room) => {
  const { chief, writer, desk } = room;
  const other = await body(await chief.post("/api/desks", { name: "Other" }), 201);
  const elsewhere = await body(
    await chief.post("/api/content_templates", {
      template_name: "elsewhere",
      is_public: true,
      template_desks: [other._id],
      data: { headline: "x" },
    }),
    201,
  );
  await refused(
    await writer.post("/api/archive", {
      type: "text",
      template: elsewhere._id,
      task: { desk: desk._id },
    }),
    403,
  );
  const personal = await body(
    await chief.post("/api/content_templates", { template_name: "mine", data: {} }),
    201,
  );
  await refused(
    await writer.post("/api/archive", {
      type: "text",
      template: personal._id,
      task: { desk: desk._id },
    }),
    INVALID,
  );
  await refused(
    await writer.post("/api/archive", { type: "text", template: "0123456789abcdef01234567" }),
    INVALID,
  );
  // Personal space (no desk): another user's personal template stays unknown, as on a desk.
  await refused(
    await writer.post("/api/archive", { type: "text", version: 0, template: personal._id }),
    INVALID,
  );
  const items = await body(await writer.get("/api/archive"));
  assert.equal(items._items.length, 0, "nothing stored");
  // A public template of a desk the writer is not on: listed to them, so personal space may use it.
  const listed = await body(await writer.get("/api/content_templates"));
  assert.ok(listed._items.some((template: { _id: string }) => template._id === elsewhere._id));
  const mine = await body(
    await writer.post("/api/archive", { type: "text", version: 0, template: elsewhere._id }),
    201,
  );
  assert.equal(mine.headline, "x");
  assert.equal(mine.task?.desk ?? null, null);
});

contentTest("content_templates_apply renders a kill template onto an item", async (room) => {
  const { chief, desk } = room;
  await body(
    await chief.post("/api/content_templates", {
      template_name: "kill story",
      template_type: "kill",
      is_public: true,
      data: {
        body_html:
          "<p>Please kill story slugged {{ item.slugline }} ex {{ item.dateline['text'] }} at {{item.versioncreated | format_datetime(date_format='%d %b %Y %H:%S')}}.</p>",
        headline: "Kill/Takedown notice ~~~ Kill/Takedown notice",
        urgency: 1,
        priority: 1,
        anpa_take_key: "KILL/TAKEDOWN",
      },
    }),
    201,
  );
  const applied = await body(
    await chief.post("/api/content_templates_apply", {
      template_name: "kill story",
      item: {
        _id: "123",
        headline: "Test",
        body_html: "test",
        slugline: "testing",
        byline: "Test-byline",
        place: [{ qcode: "ACT" }],
        urgency: 5,
        priority: 6,
        dateline: { text: "Prague, 9 May (SAP)" },
        task: { desk: desk._id },
        versioncreated: "2015-01-01T22:54:53+0000",
        fields_meta: { body_html: { draftjsState: [{ blocks: [{ text: "test" }] }] } },
      },
    }),
    201,
  );
  assert.equal(applied._id, "123");
  assert.equal(applied._links.self.href, "/archive/123");
  const unsaved = await body(
    await chief.post("/api/content_templates_apply", {
      template_name: "kill story",
      item: { headline: "Never stored", slugline: "draft" },
    }),
    201,
  );
  assert.equal(unsaved._links.self, undefined, "no link to an item that has no id");
  assert.equal(unsaved.headline, "Kill/Takedown notice ~~~ Kill/Takedown notice");
  assert.equal(
    applied.body_html,
    "<p>Please kill story slugged testing ex Prague, 9 May (SAP) at 01 Jan 2015 22:53.</p>",
  );
  assert.equal(applied.urgency, 1);
  assert.equal(applied.byline, null);
  assert.equal(applied.place, null);
  assert.equal(
    applied.fields_meta.body_html.draftjsState[0].blocks[0].text,
    "Please kill story slugged testing ex Prague, 9 May (SAP) at 01 Jan 2015 22:53.",
  );
  const stranger = await signIn(room.app, "stranger", {});
  await refused(
    await stranger.post("/api/content_templates_apply", { template_name: "kill", item: {} }),
    403,
  );
});

contentTest("changing a template's profile empties the fields the new one lacks", async (room) => {
  const { chief } = room;
  await body(
    await chief.post("/api/content_types", [{
      _id: "foo",
      label: "Foo",
      schema: { headline: { type: "string" }, slugline: { type: "string" } },
    }, { _id: "bar", label: "Bar", schema: { headline: { type: "string" } } }]),
    201,
  );
  const template = await body(
    await chief.post("/api/content_templates", {
      template_name: "switch",
      is_public: true,
      data: { slugline: "S", headline: "H", profile: "foo" },
    }),
    201,
  );
  const stored = await body(await chief.get(`/api/content_templates/${template._id}`));
  await body(
    await chief.patch(`/api/content_templates/${template._id}`, {
      data: { slugline: "S", headline: "H", profile: "bar" },
    }, { etag: stored._etag }),
  );
  const after = await body(await chief.get(`/api/content_templates/${template._id}`));
  assert.deepEqual(after.data, { headline: "H", slugline: "", profile: "bar" });
});
