/**
 * Item metadata over HTTP: the fields Superdesk's client sends are accepted, editor states are
 * rendered into `body_html` and `headline`, sign-offs follow who edited, the vocabularies refuse
 * bad values (nothing stored), and the profile's rules are held on publishing, not on save.
 */
import assert from "node:assert/strict";
import { body, deskStory, refused, signIn } from "../newsroom/_newsroom.ts";
import { contentTest, INVALID } from "./_content.ts";

/** The fields the client's `createItemFromTemplate` and authoring send (ContentService.ts). */
const CLIENT_ITEM = {
  type: "text",
  version: 0,
  profile: "text",
  headline: "",
  slugline: "budget",
  abstract: "",
  byline: "",
  ednote: "note",
  anpa_take_key: null,
  urgency: 3,
  priority: 6,
  subject: [{ qcode: "11000000", name: "politics" }],
  anpa_category: [{ qcode: "d", name: "Domestic News" }],
  genre: [{ qcode: "Article", name: "Article (news)" }],
  place: [{ qcode: "Prague", name: "Prague" }],
  keywords: ["budget"],
  language: "en",
  dateline: {},
  authors: [],
  company_codes: [],
  target_regions: [],
  target_types: [],
  target_subscribers: [],
  associations: {},
  extra: {},
  annotations: [],
  sms_message: null,
  flags: { marked_for_not_publication: false },
  pubstatus: "usable",
  format: "HTML",
  body_footer: "",
  fields_meta: {},
};

contentTest("archive accepts the item fields Superdesk's client sends", async (room) => {
  const { writer, desk } = room;
  const created = await body(
    await writer.post("/api/archive", {
      ...CLIENT_ITEM,
      task: { desk: desk._id, stage: desk.working_stage, user: writer.userId },
    }),
    201,
  );
  const item = await body(await writer.get(`/api/archive/${created._id}`));
  assert.equal(item.slugline, "budget");
  assert.deepEqual(item.genre, [{ qcode: "Article", name: "Article (news)" }]);
  assert.equal(item.urgency, 3);
  assert.equal(item.format, "HTML");
});

contentTest("editor states are rendered into the fields a write leaves out", async (room) => {
  const { writer, desk } = room;
  const state = (blocks: object[]) => ({ draftjsState: [{ blocks, entityMap: {} }] });
  const created = await body(
    await writer.post("/api/archive", {
      type: "text",
      task: { desk: desk._id },
      fields_meta: {
        headline: state([{ text: "Budget passes", type: "unstyled" }]),
        body_html: state([
          { text: "", type: "unstyled" },
          {
            text: "The budget passed.",
            type: "unstyled",
            inlineStyleRanges: [{ offset: 4, length: 6, style: "BOLD" }],
          },
          { text: "Votes", type: "header-two" },
          { text: "one", type: "unordered-list-item" },
          { text: "two", type: "unordered-list-item" },
        ]),
      },
    }),
    201,
  );
  const item = await body(await writer.get(`/api/archive/${created._id}`));
  assert.equal(item.headline, "Budget passes");
  assert.equal(
    item.body_html,
    "<p>The <b>budget</b> passed.</p>\n<h2>Votes</h2>\n<ul><li>one</li><li>two</li></ul>",
  );
  assert.equal(item.word_count, 6);
  const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const saved = await body(
    await writer.patch(`/api/archive/${item._id}`, {
      headline: "Sent by the client",
      fields_meta: { headline: state([{ text: "Not used" }]), body_html: state([{ text: "New" }]) },
    }, { etag: locked._etag }),
  );
  assert.ok(saved._etag);
  const after = await body(await writer.get(`/api/archive/${item._id}`));
  assert.equal(after.headline, "Sent by the client");
  assert.equal(after.body_html, "<p>New</p>");
});

contentTest("sign-off lists who edited the item, the latest last", async (room) => {
  const { app, desk, writer, editor } = room;
  const users = app.platform.registry.service("users");
  await users.update(writer.userId, { sign_off: "abc" });
  await users.update(editor.userId, { sign_off: "foo" });
  const created = await body(
    await writer.post("/api/archive", { type: "text", headline: "h", task: { desk: desk._id } }),
    201,
  );
  const path = `/api/archive/${created._id}`;
  assert.equal((await body(await writer.get(path))).sign_off, "abc");
  const edit = async (who: typeof writer, headline: string) => {
    const locked = await body(await who.post(`${path}/lock`, {}), 201);
    await body(await who.patch(path, { headline }, { etag: locked._etag }));
    await body(await who.post(`${path}/unlock`, {}), 201);
    return (await body(await who.get(path))).sign_off;
  };
  assert.equal(await edit(editor, "h2"), "abc/foo");
  assert.equal(await edit(editor, "h3"), "abc/foo");
  assert.equal(await edit(writer, "h4"), "foo/abc");
});

contentTest(
  "a save that leaves a required field empty is stored, and refused on publishing",
  async (room) => {
    const { chief, writer, desk } = room;
    // The default profile requires a headline; Superdesk checks it where it validates.
    const created = await body(
      await writer.post("/api/archive", { type: "text", task: { desk: desk._id } }),
      201,
    );
    const path = `/api/archive/${created._id}`;
    const locked = await body(await writer.post(`${path}/lock`, {}), 201);
    const saved = await body(
      await writer.patch(path, { slugline: "only a slugline" }, { etag: locked._etag }),
    );
    const stored = await body(await writer.get(path));
    assert.equal(stored.slugline, "only a slugline");
    assert.equal(stored._etag, saved._etag);
    const unlocked = await body(await writer.post(`${path}/unlock`, {}), 201);
    const failed = await refused(
      await chief.patch(`/api/archive/publish/${created._id}`, {}, { etag: unlocked._etag }),
      INVALID,
    );
    assert.equal(failed._issues["validator exception"], "[['HEADLINE is a required field']]");
    assert.equal((await body(await chief.get(path))).state, stored.state, "nothing published");
  },
);

contentTest("text over the profile's length is saved, and refused on publishing", async (room) => {
  const { chief, writer } = room;
  // The default profile's headline has `maxlength: 64`; the client saves longer text (it
  // shows a counter), Superdesk refuses it where it validates.
  const created = await deskStory(room);
  const path = `/api/archive/${created._id}`;
  const long = "x".repeat(65);
  const saved = await body(await writer.patch(path, { headline: long }, { etag: created._etag }));
  assert.equal(saved.headline, long);
  const failed = await refused(
    await chief.patch(`/api/archive/publish/${created._id}`, {}, { etag: saved._etag }),
    INVALID,
  );
  assert.match(failed._issues["validator exception"], /HEADLINE is too long/);
  assert.equal((await body(await chief.get(path))).state, saved.state, "nothing was published");
});

contentTest("values outside their vocabulary are refused", async (room) => {
  const { writer, desk } = room;
  const bad = await refused(
    await writer.post("/api/archive", {
      type: "text",
      task: { desk: desk._id },
      anpa_category: [{ qcode: "zz", name: "Nope" }],
      urgency: 4,
      genre: [{ qcode: "Limerick" }],
    }),
    INVALID,
  );
  assert.deepEqual(bad._issues, {
    anpa_category: "unallowed value zz",
    genre: "unallowed value Limerick",
  });
  await refused(
    await writer.post("/api/archive", {
      type: "text",
      task: { desk: desk._id },
      priority: 3,
      urgency: 9,
    }),
    INVALID,
  );
  await refused(
    await writer.post("/api/archive", { type: "text", task: { desk: desk._id }, profile: "nope" }),
    INVALID,
  );
  const items = await body(await writer.get("/api/archive"));
  assert.equal(items._items.length, 0, "nothing stored");
  await body(
    await writer.post("/api/archive", {
      type: "text",
      task: { desk: desk._id },
      anpa_category: [{ qcode: "d" }],
      urgency: 4,
    }),
    201,
  );
});

contentTest(
  "subject codes outside the IPTC list save (Superdesk checks them against no list), with or without a local subjectcodes entry",
  async (room) => {
    const { writer, chief, desk } = room;
    const post = (subject: unknown[]) =>
      writer.post("/api/archive", { type: "text", task: { desk: desk._id }, subject });
    const local = [{ qcode: "99000000", name: "?" }, { qcode: "abc", scheme: "subjectcodes" }];
    const saved = await body(await post(local), 201);
    assert.deepEqual(saved.subject.map((entry: { qcode: string }) => entry.qcode), [
      "99000000",
      "abc",
    ]);
    const codes = await body(await chief.get("/api/vocabularies/subjectcodes"));
    await body(
      await chief.patch("/api/vocabularies/subjectcodes", {
        items: [{ qcode: "local1", name: "Local", is_active: true }],
      }, { etag: codes._etag }),
    );
    await body(await post([...local, { qcode: "11000000", name: "politics" }]), 201);
  },
);

contentTest(
  "a profile's custom vocabulary marked mandatory may be missing on save, not on publishing",
  async (room) => {
    const { chief, desk } = room;
    await body(
      await chief.post("/api/vocabularies", {
        _id: "region",
        type: "manageable",
        display_name: "Region",
        service: { all: 1 },
        items: [{ qcode: "n", name: "North", is_active: true }],
      }),
      201,
    );
    await body(
      await chief.post("/api/content_types", {
        _id: "regional",
        label: "Regional",
        enabled: true,
        schema: {
          headline: { type: "string", required: true },
          subject: {
            type: "list",
            required: false,
            mandatory_in_list: { scheme: { region: { required: true } } },
          },
        },
        editor: { headline: { enabled: true }, subject: { enabled: true } },
      }),
      201,
    );
    const writer = await signIn(room.app, "regional", { archive: 1 });
    await room.app.platform.registry.service("desks").update(desk._id, {
      members: [...desk.members, { user: writer.userId }],
    });
    const created = await body(
      await writer.post("/api/archive", {
        type: "text",
        profile: "regional",
        task: { desk: desk._id },
      }),
      201,
    );
    const path = `/api/archive/${created._id}`;
    const locked = await body(await writer.post(`${path}/lock`, {}), 201);
    // Superdesk's `mandatory_in_list` is a rule of a `subject` the item has.
    const politics = { qcode: "11000000", name: "politics" };
    const saved = await body(
      await writer.patch(path, { headline: "h", subject: [politics] }, { etag: locked._etag }),
    );
    assert.deepEqual(saved.subject, [politics]);
    // A value outside the vocabulary is still refused on save.
    const wrong = await refused(
      await writer.patch(path, { subject: [{ qcode: "s", scheme: "region" }] }, {
        etag: saved._etag,
      }),
      INVALID,
    );
    assert.deepEqual(wrong._issues, { subject: "unallowed value s" });
    const unlocked = await body(await writer.post(`${path}/unlock`, {}), 201);
    const failed = await refused(
      await chief.patch(`/api/archive/publish/${created._id}`, {}, { etag: unlocked._etag }),
      INVALID,
    );
    assert.equal(failed._issues["validator exception"], "[['REGION is a required field']]");
    const relocked = await body(await writer.post(`${path}/lock`, {}), 201);
    await body(
      await writer.patch(path, { subject: [politics, { qcode: "n", scheme: "region" }] }, {
        etag: relocked._etag,
      }),
    );
  },
);
