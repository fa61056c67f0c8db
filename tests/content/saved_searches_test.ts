/** Saved searches over HTTP: ownership, global searches behind their privileges, monitoring's list. */
import assert from "node:assert/strict";
import { awaitEvent, body, refused, signIn } from "../newsroom/_newsroom.ts";
import { contentTest, INVALID } from "./_content.ts";

const cricket = { name: "cricket", filter: { query: { q: "cricket", repo: "archive" } } };

contentTest("a user saves searches, reads them back and sees only their own", async (room) => {
  const { app } = room;
  const alice = await signIn(app, "alice", { saved_searches: 1 });
  const bob = await signIn(app, "bob", { saved_searches: 1 });
  const created = await body(await alice.post("/api/saved_searches", cricket), 201);
  await awaitEvent(room, "savedsearch:update");
  const stored = await body(await alice.get(`/api/saved_searches/${created._id}`));
  assert.deepEqual(stored.filter, cricket.filter);
  assert.equal(stored.user, alice.userId);
  assert.equal(stored.is_global, false);
  await body(await bob.post("/api/saved_searches", { ...cricket, name: "bob's" }), 201);
  const mine = await body(await alice.get("/api/saved_searches"));
  assert.deepEqual(mine._items.map((s: { name: string }) => s.name), ["cricket"]);
  await refused(await bob.get(`/api/saved_searches/${created._id}`), 404);
  await refused(
    await bob.patch(`/api/saved_searches/${created._id}`, { name: "x" }, { etag: stored._etag }),
    404,
  );
  const renamed = await body(
    await alice.patch(`/api/saved_searches/${created._id}`, {
      name: "Cricket",
      filter: { query: { q: "baseball" } },
    }, { etag: stored._etag }),
  );
  assert.ok(renamed._etag);
  const after = await body(await alice.get(`/api/saved_searches/${created._id}`));
  assert.deepEqual(after.filter, { query: { q: "baseball" } });
});

contentTest("bad searches are refused and nothing is stored", async (room) => {
  const alice = await signIn(room.app, "alice", { saved_searches: 1 });
  const noName = await refused(
    await alice.post("/api/saved_searches", { filter: cricket.filter }),
    INVALID,
  );
  assert.ok(noName._issues.name);
  await refused(await alice.post("/api/saved_searches", { name: "x" }), INVALID);
  await refused(
    await alice.post("/api/saved_searches", { name: "x", filter: { abc: "abc" } }),
    400,
    "Search cannot be saved without a filter!",
  );
  await refused(
    await alice.post("/api/saved_searches", { ...cricket, subscribers: {} }),
    403,
  );
  const reader = await signIn(room.app, "reader", {});
  await refused(await reader.post("/api/saved_searches", cricket), 403);
  assert.equal((await body(await alice.get("/api/saved_searches")))._items.length, 0);
});

contentTest(
  "global searches: making one needs its privilege, seeing them another",
  async (room) => {
    const { app, chief } = room;
    const alice = await signIn(app, "alice", { saved_searches: 1 });
    const watcher = await signIn(app, "watcher", {
      saved_searches: 1,
      use_global_saved_searches: 1,
    });
    await refused(await alice.post("/api/saved_searches", { ...cricket, is_global: true }), 403);
    const global = await body(
      await chief.post("/api/saved_searches", { ...cricket, name: "desk wide", is_global: true }),
      201,
    );
    const own = await body(
      await alice.post("/api/saved_searches", { ...cricket, name: "mine" }),
      201,
    );
    const names = async (who: typeof alice, url: string) =>
      (await body(await who.get(url)))._items.map((s: { name: string }) => s.name).sort();
    assert.deepEqual(await names(alice, "/api/saved_searches"), ["mine"]);
    assert.deepEqual(await names(alice, "/api/all_saved_searches"), ["mine"]);
    assert.deepEqual(await names(watcher, "/api/saved_searches"), ["desk wide"]);
    assert.deepEqual(await names(watcher, "/api/all_saved_searches"), ["desk wide"]);
    const globalDoc = await body(await watcher.get(`/api/saved_searches/${global._id}`));
    // Refused by the PATCH hook, so Eve's 400 carrying Superdesk's 403 (the wire dialect).
    const denied = await refused(
      await watcher.patch(`/api/saved_searches/${global._id}`, { name: "taken" }, {
        etag: globalDoc._etag,
      }),
      400,
      "Unauthorized to modify global search.",
    );
    assert.equal(
      denied._issues["validator exception"],
      "403: Unauthorized to modify global search.",
    );
    await refused(await alice.get(`/api/all_saved_searches/${own._id}`), 405);
    const response = await alice.raw("PATCH", "/api/saved_searches", "{}", {
      "Content-Type": "application/json",
    });
    assert.equal(response.status, 405);
  },
);
