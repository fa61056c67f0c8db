/** Preferences per session: ownership, If-Match, concurrency, privileges, clean-up. */
import assert from "node:assert/strict";
import { ConflictError } from "../../src/errors.ts";
import type { PreferencesService } from "../../src/preferences/preferences_service.ts";
import { body, newsroomTest, refused } from "../newsroom/_newsroom.ts";

newsroomTest("a user reads and changes only their own sessions' preferences", async (room) => {
  const { editor, writer } = room;
  const mine = await body(await writer.get(`/api/preferences/${writer.sessionId}`));
  await refused(await editor.get(`/api/preferences/${writer.sessionId}`), 403);
  await refused(
    await editor.patch(`/api/preferences/${writer.sessionId}`, {
      user_preferences: { "archive:view": { view: "compact" } },
    }, { etag: mine._etag }),
    403,
  );
  await refused(await writer.get("/api/preferences/0123456789abcdef01234567"), 404);
});

newsroomTest("PATCH needs the current etag: 428 without, 412 when stale", async (room) => {
  const { writer } = room;
  const url = `/api/preferences/${writer.sessionId}`;
  const prefs = await body(await writer.get(url));
  const change = { session_preferences: { "desk:items": ["a"] } };
  await refused(await writer.patch(url, change), 428);
  const first = await body(await writer.patch(url, change, { etag: prefs._etag }));
  await refused(await writer.patch(url, change, { etag: prefs._etag }), 412);
  await body(await writer.patch(url, change, { etag: first._etag }));
});

newsroomTest(
  "concurrent PATCHes with one etag: one is stored, the other is a 412",
  async (room) => {
    const { writer } = room;
    const url = `/api/preferences/${writer.sessionId}`;
    const prefs = await body(await writer.get(url));
    const answers = await Promise.all(
      ["compact", "mgrid"].map((view) =>
        writer.patch(url, { user_preferences: { "archive:view": { view } } }, { etag: prefs._etag })
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [200, 412]);
    const winner = await answers.find((answer) => answer.status === 200)!.json();
    const stored = await body(await writer.get(url));
    assert.equal(
      stored.user_preferences["archive:view"].view,
      winner.user_preferences["archive:view"].view,
    );
  },
);

newsroomTest(
  "user preferences are shared by a user's sessions, session ones are not",
  async (room) => {
    const { writer } = room;
    const second = await writer.signInAgain();
    const url = `/api/preferences/${writer.sessionId}`;
    const prefs = await body(await writer.get(url));
    await body(
      await writer.patch(url, {
        user_preferences: { "archive:view": { view: "compact" } },
        session_preferences: { "desk:items": ["x"] },
      }, { etag: prefs._etag }),
    );
    const other = await body(await second.get(`/api/preferences/${second.sessionId}`));
    assert.equal(other.user_preferences["archive:view"].view, "compact");
    assert.deepEqual(other.session_preferences["desk:items"], []);
  },
);

newsroomTest(
  "privileges: the role's and the user's, and preferences needing one are hidden",
  async (room) => {
    const { writer } = room;
    const prefs = await body(await writer.get(`/api/preferences/${writer.sessionId}`));
    assert.deepEqual(prefs.active_privileges, { archive: 1, spike: 1 });
    assert.equal("feature:preview" in prefs.user_preferences, false);
    assert.deepEqual(
      prefs.allowed_actions.map((action: { name: string }) => action.name),
      ["spike", "submit_to_desk", "copy"],
    );
    assert.equal(prefs.user_type, "user");
  },
);

newsroomTest("malformed and unknown preferences are 400s naming them", async (room) => {
  const { writer } = room;
  const url = `/api/preferences/${writer.sessionId}`;
  const prefs = await body(await writer.get(url));
  const bad = await refused(
    // Any value of a registered preference is kept (Superdesk's `allow_unknown` dict); the
    // preferences themselves must be an object.
    await writer.patch(url, { user_preferences: ["archive:view", "compact"] }, {
      etag: prefs._etag,
    }),
    400,
  );
  assert.ok(JSON.stringify(bad._issues).includes("user_preferences"));
  const unknown = await refused(
    await writer.patch(url, { session_preferences: { nope: 1 } }, { etag: prefs._etag }),
    400,
  );
  assert.equal(unknown._issues["validator exception"], "Invalid preference: nope");
  await refused(await writer.patch(url, { role: "x" }, { etag: prefs._etag }), 400);
  const nested = await refused(
    await writer.patch(url, {
      user_preferences: { "monitoring:view": { view: "list", columns: [["a"]] } },
    }, { etag: prefs._etag }),
    400,
    /arrays of arrays/,
  );
  assert.deepEqual(Object.keys(nested._issues), ["user_preferences.monitoring:view.columns"]);
  // A dotted key inside a value: MongoDB/FerretDB cannot store it (it was a 500 there, while
  // the embedded store kept it), so every setup refuses it.
  const cases: Array<[unknown, string]> = [
    [[{ "a.b": 1 }], "user_preferences.monitoring:view.0.a.b"],
    [{ view: "list", "c.d": 1 }, "user_preferences.monitoring:view.c.d"],
  ];
  for (const [value, field] of cases) {
    const dotted = await refused(
      await writer.patch(url, { user_preferences: { "monitoring:view": value } }, {
        etag: prefs._etag,
      }),
      400,
    );
    assert.deepEqual(Object.keys(dotted._issues), [field]);
  }
  assert.equal((await body(await writer.get(url)))._etag, prefs._etag, "nothing stored");
});

newsroomTest("a session's preferences are dropped when it ends", async (room) => {
  const { app, writer } = room;
  const url = `/api/preferences/${writer.sessionId}`;
  const prefs = await body(await writer.get(url));
  await body(
    await writer.patch(url, { session_preferences: { "desk:items": ["y"] } }, {
      etag: prefs._etag,
    }),
  );
  const stored = () =>
    app.platform.documents.collection("preferences").findOne({ _id: writer.userId });
  assert.ok(((await stored())?.session_preferences as Record<string, unknown>)[writer.sessionId]);
  assert.equal((await writer.delete(`/api/auth/${writer.sessionId}`)).status, 204);
  assert.equal(
    ((await stored())?.session_preferences as Record<string, unknown>)[writer.sessionId],
    undefined,
  );
});

newsroomTest(
  "a system PATCH that keeps missing is the base service's 409 past its retries",
  async (room) => {
    const { writer } = room;
    const prefs = room.app.platform.registry.service<PreferencesService>("preferences");
    // Another write lands before every guarded write: the system write retries, then gives up.
    const collection = (prefs as unknown as { collection: { updateOne: unknown } }).collection;
    let misses = 0;
    collection.updateOne = () => {
      misses++;
      return Promise.resolve(null);
    };
    await assert.rejects(
      prefs.update(writer.sessionId, { session_preferences: { "desk:items": ["a"] } }),
      ConflictError,
    );
    assert.equal(misses, 6);
  },
);
