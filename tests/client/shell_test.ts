/** The web client's shell resources beyond Superdesk's scenarios: access rules and sources. */
import assert from "node:assert/strict";
import { initializeCities } from "../../src/shell/cities.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { languageLabel } from "../../src/config/locale_settings.ts";
import { clientFor } from "../_client.ts";
import { body, deskStory, newsroomTest, refused, signIn } from "../newsroom/_newsroom.ts";

newsroomTest(
  "comments are visible with their item and changed by their author only",
  async (room) => {
    const { editor, writer, outsider } = room;
    const item = await deskStory(room);
    const comment = await body(
      await writer.post("/api/item_comments", { text: "Check the figures", item: item._id }),
      201,
    );
    await refused(
      await outsider.post("/api/item_comments", { text: "x", item: item._id }),
      400,
      /Insertion failure/,
    );
    const where = encodeURIComponent(JSON.stringify({ item: item._id }));
    assert.equal(
      (await body(await editor.get(`/api/item_comments?where=${where}`)))._meta.total,
      1,
    );
    assert.equal(
      (await body(await outsider.get(`/api/item_comments?where=${where}`)))._meta.total,
      0,
    );
    await refused(await outsider.get(`/api/item_comments/${comment._id}`), 404);
    await refused(await outsider.get(`/api/archive/${item._id}/comments`), 404);
    const listed = await body(await editor.get(`/api/archive/${item._id}/comments`));
    assert.equal(listed._items[0].text, "Check the figures");
    // Refused by the PATCH hook: Eve's 400 carrying Superdesk's 403 (the wire dialect).
    const denied = await refused(
      await editor.patch(`/api/item_comments/${comment._id}`, { text: "mine now" }, {
        etag: comment._etag,
      }),
      400,
    );
    assert.match(denied._issues["validator exception"], /^403: /);
    await refused(
      await editor.delete(`/api/item_comments/${comment._id}`, { etag: comment._etag }),
      403,
    );
    const edited = await body(
      await writer.patch(`/api/item_comments/${comment._id}`, { text: "@editor see" }, {
        etag: comment._etag,
      }),
    );
    assert.deepEqual(edited.mentioned_users, { editor: editor.userId });
  },
);

newsroomTest(
  "comments of items never saved (_current_version 0) follow who may open the item",
  async (room) => {
    const { app, editor, writer, outsider, desk } = room;
    // As the client's e2e dump stores its items: a desk item and a personal draft of the writer.
    await app.platform.registry.service("archive").create(
      [
        {
          _id: "unsaved-desk",
          type: "text",
          state: "in_progress",
          version: 1,
          _current_version: 0,
          task: { desk: desk._id, stage: desk.working_stage },
        },
        {
          _id: "unsaved-personal",
          type: "text",
          state: "draft",
          version: 1,
          _current_version: 0,
          original_creator: writer.userId,
          task: { user: writer.userId },
        },
      ],
      undefined,
      { trusted: true },
    );
    const total = async (reader: typeof editor, item: string) => {
      const where = encodeURIComponent(JSON.stringify({ item }));
      return (await body(await reader.get(`/api/item_comments?where=${where}`)))._meta.total;
    };
    for (const item of ["unsaved-desk", "unsaved-personal"]) {
      await body(await writer.post("/api/item_comments", { text: "note", item }), 201);
      assert.equal(await total(writer, item), 1, `${item}: the writer sees it`);
      assert.equal(await total(outsider, item), 0, `${item}: hidden from an outsider`);
    }
    assert.equal(await total(editor, "unsaved-desk"), 1, "a desk member sees the desk item's");
    assert.equal(await total(editor, "unsaved-personal"), 0, "not another's personal draft's");
  },
);

newsroomTest("workspaces: one's own, and a desk's only by its members", async (room) => {
  const { editor, writer, outsider, desk } = room;
  const own = await body(
    await writer.post("/api/workspaces", { user: writer.userId, name: "Mine", widgets: [] }),
    201,
  );
  assert.equal((await body(await editor.get("/api/workspaces")))._meta.total, 0);
  await refused(await editor.get(`/api/workspaces/${own._id}`), 404);
  await refused(
    await outsider.post("/api/workspaces", { desk: desk._id, widgets: [] }),
    403,
    "Only members of the desk may change its workspace",
  );
  const shared = await body(
    await writer.post("/api/workspaces", { desk: desk._id, widgets: [] }),
    201,
  );
  const where = encodeURIComponent(JSON.stringify({ desk: desk._id }));
  assert.equal(
    (await body(await outsider.get(`/api/workspaces?where=${where}`)))._items[0]._id,
    shared._id,
  );
  await refused(await writer.post("/api/workspaces", { desk: desk._id, widgets: [] }), 400);
  await body(
    await editor.patch(`/api/workspaces/${shared._id}`, { widgets: [{ _id: "w1" }] }, {
      etag: shared._etag,
    }),
  );
});

newsroomTest("every home link's URL template leads to its route", async (room) => {
  const { editor, desk } = room;
  const item = await deskStory(room);
  const home = await body(await clientFor(room.app).get("/api"));
  const links = new Map(
    home._links.child.map((link: { title: string; href: string }) => [link.title, link.href]),
  );
  const fill = (title: string, id: string) =>
    `/api/${String(links.get(title)).replace(/<.*>/, id)}`;
  await body(await editor.get(fill("user_desks", editor.userId)));
  await body(await editor.get(fill("user_content", editor.userId)));
  const locked = await body(await editor.post(fill("archive_lock", item._id), {}), 201);
  assert.equal(locked.lock_user, editor.userId);
  await body(await editor.post(fill("archive_unlock", item._id), {}), 201);
  await body(await editor.get(fill("content_item_comments", item._id)));
  assert.equal(links.get("move"), 'archive/<regex("[\\w,.:-]+"):guid>/move');
  assert.ok(desk._id);
});

newsroomTest("client_config is public and carries what apps add", async (room) => {
  const config = await body(await clientFor(room.app).get("/api/client_config"));
  assert.equal(config.config.default_language, "en");
  assert.equal(config.config.content_expiry_minutes, room.app.platform.config.contentExpiryMinutes);
  assert.equal(config.config.google_auth, false);
});

newsroomTest("languages come from the configuration", async (room) => {
  const languages = await body(await room.writer.get("/api/languages"));
  assert.deepEqual(
    languages._items.map(({ language, label }: { language: string; label: string }) => [
      language,
      label,
    ]),
    room.app.platform.config.languages.map((setting) => [setting.language, languageLabel(setting)]),
  );
  await body(await room.writer.get("/api/languages/en"));
  await refused(await room.writer.get('/api/languages?where={"language":{"$regex":"e"}}'), 400);
});

newsroomTest(
  "cities: seeded once, read by all, written with the cities privilege",
  async (room) => {
    const { app, writer, editor } = room;
    assert.ok(await initializeCities(app.platform.registry) > 30);
    assert.equal(await initializeCities(app.platform.registry), 0);
    const sydney = encodeURIComponent(JSON.stringify({ country_code: "AU" }));
    const australian = await body(await writer.get(`/api/cities?where=${sydney}`));
    assert.ok(
      australian._items.some((city: { city: string; tz: string }) =>
        city.city === "Sydney" && city.tz === "Australia/Sydney"
      ),
    );
    const city = {
      city: "Brno",
      city_code: "Brno",
      country: "Czechia",
      country_code: "CZ",
      tz: "Europe/Prague",
      dateline: "city",
    };
    await refused(await editor.post("/api/cities", city), 403);
    const admin = await signIn(app, "geo", { cities: 1 });
    await body(await admin.post("/api/cities", city), 201);
    await refused(await admin.post("/api/cities", city), 400);
  },
);

newsroomTest("config: anyone reads, administrators alone write", async (room) => {
  const { writer } = room;
  await refused(await writer.post("/api/config", { _id: "phone_home", val: { done: 1 } }), 403);
  const fresh = await body(await clientFor(room.app).get("/api/config/phone_home"));
  assert.equal(fresh.val, null);
  const configurator = await signIn(room.app, "configurator", {});
  await room.app.platform.registry.service("users").update(configurator.userId, {
    user_type: "administrator",
  }, { actor: SYSTEM_ACTOR });
  const admin = await configurator.signInAgain();
  const nested = await refused(
    await admin.post("/api/config", { _id: "phone_home", val: [[1, 2], { done: 1 }] }),
    400,
    /arrays of arrays/,
  );
  assert.deepEqual(Object.keys(nested._issues), ["val"]);
  await body(await admin.post("/api/config", { _id: "phone_home", val: { done: 1 } }), 201);
  const set = await body(await clientFor(room.app).get("/api/config/phone_home"));
  assert.deepEqual(set.val, { done: 1 });
});

newsroomTest("backend_meta names the engines and the apps", async (room) => {
  const meta = await body(await room.writer.get("/api/backend_meta"));
  const names = meta.modules.map((module: { name: string }) => module.name);
  for (const expected of ["deno", "app: shell", "app: preferences", "app: newsroom"]) {
    assert.ok(names.includes(expected), `${expected} in ${names}`);
  }
  assert.ok(names.some((name: string) => name.startsWith("documents: ")));
});

newsroomTest("personal dictionaries are visible to their user only", async (room) => {
  const { app, writer, editor } = room;
  const admin = await signIn(app, "lexicographer", { dictionaries: 1 });
  const personal = await body(
    await admin.post("/api/dictionaries", {
      name: `${writer.userId}:en`,
      language_id: "en",
      user: writer.userId,
      content: { "U.S.": 1 },
    }),
    201,
  );
  assert.deepEqual(personal.content, { "U.S.": 1 }, "a write answers as GET renders");
  const own = await body(await writer.get(`/api/dictionaries/${personal._id}`));
  assert.deepEqual(own.content, { "U.S.": 1 });
  const patched = await body(
    await admin.patch(`/api/dictionaries/${personal._id}`, { content: { "U.K.": 1 } }, {
      etag: own._etag,
    }),
  );
  assert.deepEqual(patched.content, { "U.S.": 1, "U.K.": 1 });
  await refused(await editor.get(`/api/dictionaries/${personal._id}`), 404);
});
