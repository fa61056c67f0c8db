/** Content profiles over HTTP: seeds, CRUD, the editor view, templates and desks kept in line. */
import assert from "node:assert/strict";
import { body, deskStory, refused } from "../newsroom/_newsroom.ts";
import { contentTest, INVALID } from "./_content.ts";

contentTest("the seeded text profile has Superdesk's default form", async (room) => {
  const list = await body(await room.writer.get("/api/content_types?max_results=50"));
  assert.deepEqual(
    list._items.map((p: { _id: string }) => p._id),
    ["text", "picture", "audio", "video", "composite"],
  );
  const text = await body(await room.writer.get("/api/content_types/text"));
  assert.equal(text.enabled, true);
  assert.deepEqual(text.schema.headline, { type: "string", required: true, maxlength: 64 });
  assert.equal(text.editor.body_html.editor3, true);
  assert.equal(text.schema.keywords, undefined, "disabled fields are not in the schema");
});

contentTest(
  "POST fills the defaults and authors; labels are unique ignoring case",
  async (room) => {
    const { chief, writer } = room;
    await refused(await writer.post("/api/content_types", { _id: "foo", label: "Foo" }), 403);
    const created = await body(
      await chief.post("/api/content_types", { _id: "foo", label: "Foo", description: "Foo info" }),
      201,
    );
    assert.equal(created._id, "foo");
    const stored = await body(await chief.get("/api/content_types/foo"));
    assert.equal(stored.enabled, false);
    assert.equal(stored.is_used, false);
    assert.equal(stored.priority, 0);
    assert.equal(stored.created_by, chief.userId);
    assert.equal(stored.updated_by, chief.userId);
    assert.equal(stored._unique_key, undefined, "the hidden key is not shown");
    const duplicate = await refused(
      await chief.post("/api/content_types", { _id: "foo2", label: "FOO" }),
      INVALID,
    );
    assert.ok(duplicate._issues.label);
    const race = await Promise.all(
      [1, 2, 3].map((n) => chief.post("/api/content_types", { _id: `race${n}`, label: "Race" })),
    );
    assert.deepEqual(race.map((r) => r.status).sort(), [201, INVALID, INVALID]);
    await refused(await chief.post("/api/content_types", { _id: "bad id!", label: "X" }), INVALID);
  },
);

contentTest("only one profile per media type", async (room) => {
  const { chief } = room;
  const response = await refused(
    await chief.post("/api/content_types", { _id: "pic2", label: "Pic 2", type: "picture" }),
    INVALID,
  );
  assert.deepEqual(response._issues, { type: "Only 1 instance is allowed." });
});

contentTest("?edit=true shows every default field; saves fold it back", async (room) => {
  const { chief } = room;
  await body(await chief.post("/api/content_types", { _id: "foo", label: "Foo" }), 201);
  const edit = await body(await chief.get("/api/content_types/foo?edit=true"));
  assert.deepEqual(edit.editor.headline, {
    formatOptions: [],
    enabled: true,
    order: 15,
    sdWidth: "full",
  });
  assert.deepEqual(edit.schema.headline, { type: "string", required: true, maxlength: 64 });
  const plain = await body(await chief.get("/api/content_types/foo"));
  assert.equal(plain.editor, undefined, "the stored profile is unchanged");
  const saved = await body(
    await chief.patch("/api/content_types/foo", {
      schema: { headline: { required: false, minlength: 5 } },
    }, { etag: plain._etag }),
  );
  assert.ok(saved._etag);
  const read = await body(await chief.get("/api/content_types/foo"));
  assert.equal(read.schema.headline.minlength, 5);
  assert.equal(read.schema.headline.nullable, true);
  assert.equal(read.schema.keywords, null, "a disabled field is stored as null");
  assert.equal(read.editor.keywords, null);
  assert.equal(read.editor.slugline.enabled, true);
});

contentTest("custom fields and vocabularies appear in the editor view", async (room) => {
  const { chief } = room;
  await body(
    await chief.post("/api/vocabularies", [
      { _id: "foo", type: "manageable", display_name: "Foo", field_type: "text", items: [] },
      { _id: "bar", type: "manageable", display_name: "Bar", service: { all: 1 }, items: [] },
    ]),
    201,
  );
  await body(await chief.post("/api/content_types", { _id: "profile", label: "Profile" }), 201);
  const edit = await body(await chief.get("/api/content_types/profile?edit=true"));
  assert.deepEqual(edit.schema.foo, { type: "text", required: false });
  assert.deepEqual(edit.editor.foo, { enabled: false, field_name: "Foo" });
  assert.deepEqual(edit.editor.bar, { enabled: false, field_name: "Bar" });
  const profile = await body(await chief.get("/api/content_types/profile"));
  await body(
    await chief.patch("/api/content_types/profile", {
      editor: { foo: { enabled: true } },
      schema: { foo: { required: true, type: "text" } },
    }, { etag: profile._etag }),
  );
  const after = await body(await chief.get("/api/content_types/profile?edit=true"));
  assert.equal(after.editor.foo.enabled, true);
});

contentTest(
  "a new profile gets a template; a deleted one leaves templates and desks",
  async (room) => {
    const { chief } = room;
    const created = await body(await chief.post("/api/content_types", { label: "Foo" }), 201);
    const templates = await body(
      await chief.get(`/api/content_templates?where={"data.profile":"${created._id}"}`),
    );
    assert.equal(templates._items.length, 1);
    assert.equal(templates._items[0].template_name, "foo");
    assert.equal(templates._items[0].is_public, true);
    const desk = await body(
      await chief.post("/api/desks", { name: "Sports", default_content_profile: created._id }),
      201,
    );
    const profile = await body(await chief.get(`/api/content_types/${created._id}`));
    const response = await chief.delete(`/api/content_types/${created._id}`, {
      etag: profile._etag,
    });
    assert.equal(response.status, 204);
    const template = await body(
      await chief.get(`/api/content_templates/${templates._items[0]._id}`),
    );
    assert.equal(template.data.profile, undefined);
    const stored = await body(await chief.get(`/api/desks/${desk._id}`));
    assert.equal(stored.default_content_profile, null);
  },
);

contentTest("a profile in use answers 202 to delete and stays", async (room) => {
  const { chief } = room;
  await body(
    await chief.post("/api/content_types", [{ _id: "foo", label: "Foo" }, {
      _id: "bar",
      label: "Bar",
    }]),
    201,
  );
  await body(await chief.post("/api/archive", { type: "text", profile: "foo" }), 201);
  const foo = await body(await chief.get("/api/content_types/foo"));
  assert.equal(foo.is_used, true);
  const answer = await chief.delete("/api/content_types/foo", { etag: foo._etag });
  assert.equal(answer.status, 202);
  assert.deepEqual((await answer.json())._issues, { is_used: true });
  await body(await chief.get("/api/content_types/foo"));
  const bar = await body(await chief.get("/api/content_types/bar"));
  assert.equal(bar.is_used, false);
});

contentTest("disabling a profile that templates or desks use is refused", async (room) => {
  const { chief } = room;
  const text = await body(await chief.get("/api/content_types/text"));
  await refused(
    await chief.patch("/api/content_types/text", { enabled: false }, { etag: text._etag }),
    400,
    /templates are referencing: plain text/,
  );
});

contentTest("a profile's dropped fields leave its templates", async (room) => {
  const { chief } = room;
  await body(
    await chief.post("/api/content_types", {
      _id: "foo",
      label: "Foo",
      schema: {
        headline: { type: "string", maxlength: 64 },
        slugline: { type: "string", maxlength: 24 },
      },
      editor: { headline: { enabled: true }, slugline: { enabled: true } },
    }),
    201,
  );
  const template = await body(
    await chief.post("/api/content_templates", {
      template_name: "foo story",
      is_public: true,
      data: { profile: "foo", headline: "H", slugline: "S", language: "fr" },
    }),
    201,
  );
  const profile = await body(await chief.get("/api/content_types/foo"));
  await body(
    await chief.patch("/api/content_types/foo", {
      schema: { headline: null, slugline: { type: "string", maxlength: 24 }, language: null },
    }, { etag: profile._etag }),
  );
  const after = await body(await chief.get(`/api/content_templates/${template._id}`));
  assert.equal(after.data.headline, undefined);
  assert.equal(after.data.language, undefined);
  assert.equal(after.data.slugline, "S");
  assert.equal(after.data.profile, "foo");
});

contentTest("publishing checks the item against its profile, not the validators", async (room) => {
  const { chief, writer } = room;
  await body(await chief.post("/api/content_types", { _id: "brief", label: "Brief" }), 201);
  const profile = await body(await chief.get("/api/content_types/brief"));
  const draft = await deskStory(room, { profile: "brief", headline: "Brief" });
  const story = await body(
    await writer.patch(`/api/archive/${draft._id}`, { abstract: "Short" }, { etag: draft._etag }),
  );
  await room.app.platform.registry.service("validators").create([{
    _id: "publish_text",
    act: "publish",
    type: "text",
    schema: { body_footer: { type: "string", required: true } },
  }]);
  await body(
    await chief.patch("/api/content_types/brief", {
      schema: { slugline: { type: "string", required: true, maxlength: 24 } },
    }, { etag: profile._etag }),
  );
  const failed = await refused(
    await chief.patch(`/api/archive/publish/${story._id}`, {}, { etag: story._etag }),
    INVALID,
  );
  assert.match(failed._issues["validator exception"], /SLUGLINE is a required field/);
  assert.doesNotMatch(failed._issues["validator exception"], /BODY_FOOTER|Body Footer/i);
  const unchanged = await body(await writer.get(`/api/archive/${story._id}`));
  assert.equal(unchanged.state, story.state, "nothing was published");
  const fixed = await body(
    await writer.patch(`/api/archive/${story._id}`, { slugline: "brief" }, {
      etag: unchanged._etag,
    }),
  );
  const published = await body(
    await chief.patch(`/api/archive/publish/${story._id}`, {}, { etag: fixed._etag }),
  );
  assert.equal(published.state, "published");
});
