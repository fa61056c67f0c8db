/** Vocabularies over HTTP: seeds, CRUD, item rules, active items, events, deletion, subject codes. */
import assert from "node:assert/strict";
import { awaitEvent, body, refused } from "../newsroom/_newsroom.ts";
import { contentTest, INVALID } from "./_content.ts";

contentTest("the seeded vocabularies are listed with active items only", async (room) => {
  const list = await body(await room.writer.get("/api/vocabularies?max_results=199"));
  const ids = list._items.map((cv: { _id: string }) => cv._id);
  for (const id of ["categories", "genre", "urgency", "priority", "locators", "crop_sizes"]) {
    assert.ok(ids.includes(id), `seeded ${id}`);
  }
  const categories = await body(await room.writer.get("/api/vocabularies/categories"));
  assert.equal(categories.display_name, "Categories");
  assert.ok(categories.items.length > 0);
  assert.ok(categories.items.every((item: object) => !("is_active" in item)));
});

contentTest("POST creates a vocabulary, announces it, and needs the privilege", async (room) => {
  const { chief, writer } = room;
  const cv = { _id: "moods", type: "manageable", display_name: "Moods", items: [] };
  await refused(await writer.post("/api/vocabularies", cv), 403);
  const created = await body(await chief.post("/api/vocabularies", cv), 201);
  assert.equal(created._id, "moods");
  const event = await awaitEvent(room, "vocabularies:created", (x) => x.vocabulary_id === "moods");
  assert.deepEqual(event.extra, {
    vocabulary: "Moods",
    user: chief.userId,
    vocabulary_id: "moods",
  });
  const stored = await body(await writer.get("/api/vocabularies/moods"));
  assert.equal(stored.display_name, "Moods");
  await refused(await chief.post("/api/vocabularies", cv), 409);
});

contentTest("bad ids, missing fields and core field names are refused", async (room) => {
  const { chief } = room;
  const base = { type: "manageable", display_name: "Foo", items: [] };
  const badId = await refused(
    await chief.post("/api/vocabularies", { ...base, _id: "foo$" }),
    INVALID,
  );
  assert.ok(badId._issues._id);
  await refused(await chief.post("/api/vocabularies", base), INVALID);
  await refused(await chief.post("/api/vocabularies", { _id: "foo", items: [] }), INVALID);
  const core = await refused(
    await chief.post("/api/vocabularies", { ...base, _id: "headline", field_type: "text" }),
    400,
  );
  assert.deepEqual(core._issues, { _id: { conflict: 1 } });
  const list = await body(
    await chief.get('/api/vocabularies?where={"_id":{"$in":["foo","headline"]}}'),
  );
  assert.equal(list._items.length, 0, "nothing stored");
});

contentTest("items obey the vocabulary schema, links and unique field", async (room) => {
  const { chief } = room;
  const schema = { name: { required: true }, qcode: { required: true } };
  const missing = await refused(
    await chief.post("/api/vocabularies", {
      _id: "foo",
      type: "manageable",
      display_name: "Foo",
      items: [{ name: "name" }],
      schema,
    }),
    400,
    "Required qcode in item 0",
  );
  assert.deepEqual(missing._issues.params, { field: "qcode", item: 0 });
  await body(
    await chief.post("/api/vocabularies", [
      { _id: "foo", type: "manageable", display_name: "Foo", items: [], schema },
      {
        _id: "bar",
        type: "manageable",
        display_name: "Bar",
        items: [],
        schema: { ...schema, foo: { link_vocab: "foo", link_field: "qcode" } },
      },
    ]),
    201,
  );
  const bar = await body(await chief.get("/api/vocabularies/bar"));
  await refused(
    await chief.patch(
      "/api/vocabularies/bar",
      { items: [{ qcode: "b1", name: "B1", foo: "f1" }] },
      {
        etag: bar._etag,
      },
    ),
    400,
    'foo "qcode=f1" not found',
  );
  const foo = await body(await chief.get("/api/vocabularies/foo"));
  await body(
    await chief.patch("/api/vocabularies/foo", { items: [{ qcode: "f1", name: "F1" }] }, {
      etag: foo._etag,
    }),
  );
  await body(
    await chief.patch(
      "/api/vocabularies/bar",
      { items: [{ qcode: "b1", name: "B1", foo: "f1" }] },
      {
        etag: bar._etag,
      },
    ),
  );
  const categories = await body(await chief.get("/api/vocabularies/categories"));
  await refused(
    await chief.patch("/api/vocabularies/categories", {
      items: [{ name: "A", qcode: "x", is_active: true }, {
        name: "B",
        qcode: "X",
        is_active: true,
      }],
    }, { etag: categories._etag }),
    400,
    "Value X for field qcode is not unique",
  );
  await refused(
    await chief.patch("/api/vocabularies/categories", {
      items: [{ name: "A", value: "x", is_active: true }],
    }, { etag: categories._etag }),
    400,
  );
});

contentTest("inactive items are hidden, except from the manageable listing", async (room) => {
  const { chief } = room;
  const categories = await body(await chief.get("/api/vocabularies/categories"));
  await body(
    await chief.patch("/api/vocabularies/categories", {
      items: [
        { name: "National", qcode: "n", is_active: true },
        { name: "Old", qcode: "o", is_active: false },
      ],
    }, { etag: categories._etag }),
  );
  const event = await awaitEvent(room, "vocabularies:updated", (x) => x.user === chief.userId);
  assert.deepEqual(event.extra, {
    vocabulary: "Categories",
    user: chief.userId,
    vocabulary_id: "categories",
  });
  const item = await body(await chief.get("/api/vocabularies/categories"));
  assert.deepEqual(item.items, [{ name: "National", qcode: "n" }]);
  const manageable = await body(
    await chief.get('/api/vocabularies?where={"type":"manageable"}&max_results=100'),
  );
  const managed = manageable._items.find((cv: { _id: string }) => cv._id === "categories");
  assert.equal(managed.items.length, 2);
  assert.equal(managed.items[1].is_active, false);
  assert.ok(manageable._items.every((cv: { type: string }) => cv.type === "manageable"));
});

contentTest("crop sizes are read as integers", async (room) => {
  const { chief } = room;
  const crops = await body(await chief.get("/api/vocabularies/crop_sizes"));
  await body(
    await chief.patch("/api/vocabularies/crop_sizes", {
      items: [{ name: "foo", width: "300", height: "200", is_active: true }],
    }, { etag: crops._etag }),
  );
  const read = await body(await chief.get("/api/vocabularies/crop_sizes"));
  assert.deepEqual(read.items, [{ name: "foo", width: 300, height: 200 }]);
});

contentTest("only custom fields can be deleted, not while a profile uses them", async (room) => {
  const { chief } = room;
  const categories = await body(await chief.get("/api/vocabularies/categories"));
  await refused(
    await chief.delete("/api/vocabularies/categories", { etag: categories._etag }),
    400,
    "Default vocabularies cannot be deleted",
  );
  await body(
    await chief.post("/api/vocabularies", {
      _id: "text1",
      type: "manageable",
      display_name: "Text one",
      field_type: "text",
      items: [],
    }),
    201,
  );
  await body(
    await chief.post("/api/content_types", {
      _id: "profile",
      label: "Profile",
      editor: { text1: { enabled: true } },
      schema: { text1: { required: true, type: "text" } },
    }),
    201,
  );
  const text1 = await body(await chief.get("/api/vocabularies/text1"));
  const used = await refused(
    await chief.delete("/api/vocabularies/text1", { etag: text1._etag }),
    400,
    "Vocabulary Text one is used in 1 content type(s)",
  );
  assert.equal(used._issues.content_types[0]._id, "profile");
  const profile = await body(await chief.get("/api/content_types/profile"));
  assert.equal(
    (await chief.delete("/api/content_types/profile", { etag: profile._etag })).status,
    204,
  );
  const response = await chief.delete("/api/vocabularies/text1", { etag: text1._etag });
  assert.equal(response.status, 204, await response.text());
  await refused(await chief.get("/api/vocabularies/text1"), 404);
  const again = await refused(
    await chief.post("/api/vocabularies", {
      _id: "text1",
      type: "manageable",
      display_name: "Again",
      items: [],
    }),
    400,
  );
  assert.deepEqual(again._issues, { _id: { deleted: 1 } });
});

contentTest(
  "subject codes are the IPTC list with the subjectcodes vocabulary laid over it",
  async (room) => {
    const { chief, writer } = room;
    const codes = await body(await writer.get("/api/subjectcodes"));
    assert.equal(codes._meta.total, 1404);
    assert.equal(codes._items.length, 1404);
    assert.deepEqual(codes._items[0], {
      qcode: "01000000",
      name: "arts, culture and entertainment",
      parent: null,
    });
    const formulaOne = codes._items.find((item: { qcode: string }) => item.qcode === "15039001");
    assert.deepEqual(formulaOne, { qcode: "15039001", name: "Formula One", parent: "15039000" });
    const cv = await body(
      await chief.get('/api/vocabularies?where={"type":"manageable"}&max_results=100'),
    )
      .then((list) => list._items.find((v: { _id: string }) => v._id === "subjectcodes"));
    await body(
      await chief.patch("/api/vocabularies/subjectcodes", {
        items: [
          ...cv.items,
          { qcode: "15065000", name: "Tennis", is_active: true },
          { qcode: "15065900", name: "padel", is_active: true },
          { qcode: "15065901", name: "not offered", is_active: false },
        ],
      }, { etag: cv._etag }),
    );
    const more = await body(await writer.get("/api/subjectcodes/"));
    assert.equal(more._meta.total, 1405);
    const find = (qcode: string) =>
      more._items.find((item: { qcode: string }) => item.qcode === qcode);
    assert.deepEqual(find("15065000"), { qcode: "15065000", name: "Tennis", parent: "15000000" });
    assert.deepEqual(find("15065900"), { qcode: "15065900", name: "padel", parent: "15065000" });
    assert.equal(find("15065901"), undefined);
    const anonymous = await room.app.app.request("/api/subjectcodes");
    assert.equal(anonymous.status, 401);
  },
);
