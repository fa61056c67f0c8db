/**
 * `POST /api/generate_highlights` over HTTP: refusals as JSON 4xx, the stored item and its
 * history, concurrent generation; and a package made for an unknown highlight.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, type Json, refused, signIn } from "../newsroom/_newsroom.ts";
import { CHIEF_PRIVILEGES, type ContentRoom, contentTest, INVALID } from "./_content.ts";

/** Two published stories on the room's desk and a package holding them, made by the chief. */
async function highlightsPackage(room: ContentRoom, fields: Json = {}): Promise<Json> {
  const task = { desk: room.desk._id, stage: room.desk.working_stage };
  const stories = ["one", "two"].map((name) => ({
    guid: `story-${name}`,
    type: "text",
    headline: `Story <${name}>`,
    body_html: `<p>${name} first</p><p>${name} second</p>`,
    state: "published",
    task,
  }));
  await room.app.platform.registry.service("archive").create(stories, SYSTEM_ACTOR, {
    trusted: true,
  });
  return await body(
    await room.chief.post("/api/archive", {
      type: "composite",
      headline: "Today",
      task,
      groups: [
        { id: "root", refs: [{ idRef: "main" }] },
        { id: "main", refs: stories.map((story) => ({ residRef: story.guid })) },
      ],
      ...fields,
    }),
    201,
  );
}

/** A highlight named `name` whose highlights template has `data`. */
async function highlightWithTemplate(room: ContentRoom, name: string, data: Json): Promise<Json> {
  const template = await body(
    await room.chief.post("/api/content_templates", {
      template_name: `${name} highlight`,
      template_type: "highlights",
      data,
    }),
    201,
  );
  return await body(
    await room.chief.post("/api/highlights", { name, template: template._id }),
    201,
  );
}

/** The chief's answer to creating an empty package for highlight `highlightId` on the desk. */
function packageFor(room: ContentRoom, highlightId: string): Promise<Response> {
  return room.chief.post("/api/archive", {
    type: "composite",
    highlight: highlightId,
    task: { desk: room.desk._id },
  });
}

/** The chief's package on the desk holding `ids` and then a new draft of the chief's. */
async function packageWithDraft(room: ContentRoom, ids: string[]): Promise<Json> {
  const draft = await body(
    await room.chief.post("/api/archive", {
      headline: "Draft",
      task: { desk: room.desk._id, stage: room.desk.working_stage },
    }),
    201,
  );
  return await body(
    await room.chief.post("/api/archive", {
      type: "composite",
      headline: "Mixed",
      task: { desk: room.desk._id },
      groups: [
        { id: "root", refs: [{ idRef: "main" }] },
        { id: "main", refs: [...ids, draft._id].map((residRef) => ({ residRef })) },
      ],
    }),
    201,
  );
}

async function joinDesk(room: ContentRoom): Promise<void> {
  await room.app.platform.registry.service("desks").update(room.desk._id, {
    members: [...room.desk.members, { user: room.chief.userId }],
  });
}

async function historyOf(room: ContentRoom, itemId: string): Promise<string[]> {
  const where = encodeURIComponent(JSON.stringify({ item_id: itemId }));
  const list = await body(await room.chief.get(`/api/archive_history?where=${where}`));
  return list._items.map((record: Json) => record.operation);
}

contentTest("generate_highlights refuses bad requests with JSON 4xx", async (room) => {
  await joinDesk(room);
  const { chief } = room;
  const pkg = await highlightsPackage(room);
  await refused(await room.writer.post("/api/generate_highlights", { package: pkg._id }), 403);
  await refused(await chief.post("/api/generate_highlights", {}), INVALID);
  await refused(await chief.post("/api/generate_highlights", { package: 7 }), INVALID);
  await refused(
    await chief.post("/api/generate_highlights", { package: pkg._id, preview: "yes" }),
    INVALID,
  );
  await refused(
    await chief.post("/api/generate_highlights", { package: pkg._id, other: 1 }),
    INVALID,
  );
  const notJson = await chief.raw("POST", "/api/generate_highlights", "{package", {
    "Content-Type": "application/json",
  });
  await refused(notJson, INVALID);
  await refused(
    await chief.post("/api/generate_highlights", { package: "no-such-package" }),
    404,
  );
  // A draft in the package: only an export or a preview may take it.
  const mixed = await packageWithDraft(room, ["story-one"]);
  const notReady = await refused(
    await chief.post("/api/generate_highlights", { package: mixed._id }),
    403,
    "Locked or not published items in highlight list.",
  );
  // The client (api/highlights.ts) offers the export only on `internal_error: 403`.
  assert.equal(notReady.internal_error, 403);
  await body(
    await chief.post("/api/generate_highlights", { package: mixed._id, export: true }),
    201,
  );
  // A highlight whose template does not render.
  const highlight = await highlightWithTemplate(room, "Broken", {
    body_html: "{% for item in items %}<h2>{{ item.headline }}</h2>",
  });
  const broken = await body(await packageFor(room, highlight._id), 201);
  await refused(
    await chief.post("/api/generate_highlights", { package: broken._id, preview: true }),
    INVALID,
    /template does not render/,
  );
  const unknown = await refused(await packageFor(room, "0123456789abcdef01234567"), INVALID);
  assert.ok(unknown._issues.highlight);
});

contentTest("a generated item is stored as the caller's, with its history", async (room) => {
  await joinDesk(room);
  const { chief } = room;
  const highlight = await body(await chief.post("/api/highlights", { name: "Morning" }), 201);
  const pkg = await highlightsPackage(room, { guid: "morning", highlight: highlight._id });
  const preview = await body(
    await chief.post("/api/generate_highlights", { package: pkg._id, preview: true }),
    201,
  );
  assert.equal(preview.type, "text");
  assert.equal(
    preview.body_html,
    "\n<h2>Story &lt;one&gt;</h2>\n<p>one first</p>\n<p></p>\n" +
      "\n<h2>Story &lt;two&gt;</h2>\n<p>two first</p>\n<p></p>\n",
    "the default template escapes headlines and takes each first paragraph",
  );
  assert.deepEqual(await historyOf(room, "story-one"), ["create"], "a preview records nothing");
  const created = await body(
    await chief.post("/api/generate_highlights", { package: pkg._id }),
    201,
  );
  const stored = await body(await chief.get(`/api/archive/${created._id}`));
  assert.equal(stored.type, "text");
  assert.equal(stored.state, "submitted");
  assert.equal(stored.family_id, "morning");
  assert.equal(stored.highlight, highlight._id);
  assert.equal(stored.headline, "Today");
  assert.equal(stored.body_html, preview.body_html);
  assert.equal(stored.original_creator, chief.userId);
  assert.equal(stored._current_version, 1);
  assert.equal(stored.groups, undefined);
  assert.deepEqual(await historyOf(room, "story-one"), ["create", "export_highlight"]);
  assert.deepEqual(await historyOf(room, created._id), ["create", "create_highlight"]);
});

contentTest("concurrent generations each store their own item", async (room) => {
  await joinDesk(room);
  const pkg = await highlightsPackage(room);
  const answers = await Promise.all(
    Array.from(
      { length: 4 },
      () =>
        room.chief.post("/api/generate_highlights", { package: pkg._id }).then((r) => body(r, 201)),
    ),
  );
  const ids = new Set(answers.map((answer) => answer._id));
  assert.equal(ids.size, 4);
  for (const id of ids) {
    const stored = await body(await room.chief.get(`/api/archive/${id}`));
    assert.equal(stored.family_id, pkg.guid);
  }
});

contentTest("a package made for a highlight holds what its author may see", async (room) => {
  await joinDesk(room);
  const { chief, writer } = room;
  const highlight = await highlightWithTemplate(room, "Evening", {
    headline: "Evening",
    slugline: "evening",
  });
  const onDesk = await body(
    await chief.post("/api/archive", { headline: "On the desk", task: { desk: room.desk._id } }),
    201,
  );
  const personal = await body(await writer.post("/api/archive", { headline: "Mine" }), 201);
  await room.app.platform.registry.service("marked_for_highlights").create(
    [onDesk, personal].map((item) => ({ highlights: [highlight._id], marked_item: item._id })),
    SYSTEM_ACTOR,
  );
  const pkg = await body(await packageFor(room, highlight._id), 201);
  assert.equal(pkg.type, "composite");
  assert.equal(pkg.headline, "Evening");
  assert.equal(pkg.slugline, "evening");
  assert.deepEqual(pkg.groups[1].refs.map((ref: Json) => ref.residRef), [onDesk._id]);
  assert.equal(pkg.groups[1].refs[0].itemClass, "icls:text");
  const linked = await body(await chief.get(`/api/archive/${onDesk._id}`));
  assert.deepEqual(linked.linked_in_packages.map((link: Json) => link.package), [pkg._id]);
});

contentTest(
  "a generated item takes none of the package's items its caller may not see",
  async (room) => {
    await joinDesk(room);
    const { chief, writer } = room;
    const mine = await body(
      await writer.post("/api/archive", { headline: "Writer's notes", body_html: "<p>secret</p>" }),
      201,
    );
    const archive = room.app.platform.registry.service("archive");
    const [story] = await archive.create(
      [{
        headline: "Budget",
        body_html: "<p>The budget passed.</p>",
        state: "published",
        task: { desk: room.desk._id, stage: room.desk.working_stage },
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const pkg = await body(
      await writer.post("/api/archive", {
        type: "composite",
        headline: "Mixed",
        task: { desk: room.desk._id },
        groups: [
          { id: "root", refs: [{ idRef: "main" }] },
          { id: "main", refs: [{ residRef: mine._id }, { residRef: story!._id }] },
        ],
      }),
      201,
    );
    // Saved since: the chief, who sees every desk, sees it (others' drafts stay hidden).
    await archive.update(pkg._id, { state: "in_progress" });
    for (const request of [{ preview: true }, { export: true }]) {
      const generated = await body(
        await chief.post("/api/generate_highlights", { package: pkg._id, ...request }),
        201,
      );
      assert.equal(
        generated.body_html,
        "\n<h2>Budget</h2>\n<p>The budget passed.</p>\n<p></p>\n",
        "the writer's personal item stays out",
      );
    }
    const where = encodeURIComponent(JSON.stringify({ item_id: mine._id }));
    const history = await body(await writer.get(`/api/archive_history?where=${where}`));
    assert.deepEqual(history._items.map((record: Json) => record.operation), ["create"]);
  },
);

contentTest(
  "an administrator's highlight package takes no one else's private items",
  async (room) => {
    const admin = await signIn(room.app, "boss", CHIEF_PRIVILEGES, { admin: true });
    const highlight = await body(await admin.post("/api/highlights", { name: "Night" }), 201);
    const onDesk = await body(
      await room.writer.post("/api/archive", {
        headline: "On the desk",
        task: { desk: room.desk._id, stage: room.desk.working_stage },
      }),
      201,
    );
    // Saved since (a draft is its author's only).
    await room.app.platform.registry.service("archive").update(onDesk._id, {
      state: "in_progress",
    });
    const personal = await body(await room.writer.post("/api/archive", { headline: "Mine" }), 201);
    await room.app.platform.registry.service("marked_for_highlights").create(
      [onDesk, personal].map((item) => ({ highlights: [highlight._id], marked_item: item._id })),
      SYSTEM_ACTOR,
    );
    const pkg = await body(
      await admin.post("/api/archive", {
        type: "composite",
        highlight: highlight._id,
        task: { desk: room.desk._id },
      }),
      201,
    );
    assert.deepEqual(pkg.groups[1].refs.map((ref: Json) => ref.residRef), [onDesk._id]);
  },
);

contentTest("a highlight package takes its desk's default profile", async (room) => {
  await joinDesk(room);
  const highlight = await body(await room.chief.post("/api/highlights", { name: "Noon" }), 201);
  assert.ok(room.desk.default_content_profile, "the seeded desk has a default profile");
  const pkg = await body(await packageFor(room, highlight._id), 201);
  assert.equal(pkg.profile, room.desk.default_content_profile);
});

contentTest("a highlight template that fails as it renders is a 400", async (room) => {
  await joinDesk(room);
  const templates = [
    "{% for item in items %}{{ item.versioncreated|add_timedelta(days='x') }}{% endfor %}",
    `{{ ${"(".repeat(20_000)}1${")".repeat(20_000)} }}`,
  ];
  const pkg = await highlightsPackage(room);
  for (const [n, body_html] of templates.entries()) {
    const highlight = await highlightWithTemplate(room, `Failing ${n}`, { body_html });
    await room.app.platform.registry.service("archive").update(pkg._id, {
      highlight: highlight._id,
    });
    await refused(
      await room.chief.post("/api/generate_highlights", { package: pkg._id, preview: true }),
      INVALID,
      /template does not render/,
    );
  }
});

contentTest("a bulk generation with one refused package stores nothing", async (room) => {
  await joinDesk(room);
  const { chief } = room;
  const pkg = await highlightsPackage(room);
  const unready = await packageWithDraft(room, []);
  const archive = room.app.platform.registry.service("archive");
  await refused(
    await chief.post("/api/generate_highlights", [{ package: pkg._id }, { package: unready._id }]),
    403,
    "Locked or not published items in highlight list.",
  );
  assert.equal(await archive.findOne({ family_id: pkg.guid, type: "text" }), null);
  assert.deepEqual(await historyOf(room, "story-one"), ["create"]);
  const both = await body(
    await chief.post("/api/generate_highlights", [
      { package: pkg._id },
      { package: unready._id, preview: true },
    ]),
    201,
  );
  assert.equal(both._items.length, 2);
  assert.equal(both._items[1]._id, "");
  assert.ok(both._items[0]._id);
});

contentTest("a highlight package takes no groups from its template", async (room) => {
  await joinDesk(room);
  const personal = await body(await room.writer.post("/api/archive", { headline: "Mine" }), 201);
  const highlight = await highlightWithTemplate(room, "Grouped", {
    headline: "Grouped",
    groups: [
      { id: "root", refs: [{ idRef: "main" }] },
      { id: "main", refs: [{ residRef: personal._id, headline: "Mine" }] },
    ],
  });
  const pkg = await body(await packageFor(room, highlight._id), 201);
  assert.equal(pkg.headline, "Grouped");
  assert.deepEqual(pkg.groups[1].refs, [], "the template's refs were never checked");
  const mine = await body(await room.writer.get(`/api/archive/${personal._id}`));
  assert.equal(mine.linked_in_packages, undefined);
});
