/** The web client's monitoring cards: `source=` lists of archive and the desk output search. */
import assert from "node:assert/strict";
import { body, deskStory, newsroomTest, refused } from "./_newsroom.ts";
import { deskOutputUrl, stageCardSource, stageCardUrl } from "./_monitoring_queries.ts";

const ids = (list: { _items: { _id: string }[] }) => list._items.map((item) => item._id);

newsroomTest(
  "two stage cards list their own stage's items, newest first, without spiked items",
  async (room) => {
    const { editor, writer, desk } = room;
    const working = await deskStory(room, { headline: "Working one" });
    const incoming = await deskStory(room, {
      headline: "Incoming",
      task: { desk: desk._id, stage: desk.incoming_stage },
    });
    const newer = await deskStory(room, { headline: "Working two" });
    const spiked = await deskStory(room, { headline: "Spiked" });
    await body(
      await writer.patch(`/api/archive/spike/${spiked._id}`, { state: "spiked" }, {
        etag: spiked._etag,
      }),
    );

    const workingCard = await body(
      await editor.get(stageCardUrl(desk.working_stage, editor.userId)),
    );
    assert.deepEqual(ids(workingCard), [newer._id, working._id]);
    assert.equal(workingCard._meta.total, 2);
    const incomingCard = await body(
      await editor.get(stageCardUrl(desk.incoming_stage, editor.userId)),
    );
    assert.deepEqual(ids(incomingCard), [incoming._id]);

    const [item] = workingCard._items;
    assert.equal(item.headline, "Working two");
    assert.equal(item._etag, newer._etag);
    assert.equal(item._type, "archive");
    assert.equal(item.task.stage, desk.working_stage);
    assert.match(item._updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    assert.equal(item.body_html, undefined, "projections leave out what the card did not ask");
    assert.deepEqual(workingCard._links.self, { title: "archive", href: "archive" });
  },
);

newsroomTest("a stage card shows nothing of a desk the user is not a member of", async (room) => {
  const { outsider, desk } = room;
  await deskStory(room);
  const card = await body(await outsider.get(stageCardUrl(desk.working_stage, outsider.userId)));
  assert.deepEqual(card._items, []);
  assert.equal(card._meta.total, 0);
});

newsroomTest("a source list honours where, page size and a query_string", async (room) => {
  const { editor, desk } = room;
  const first = await deskStory(room, { headline: "Budget vote", slugline: "budget" });
  await deskStory(room, { headline: "Weather", slugline: "weather" });
  const source = stageCardSource(desk.working_stage, editor.userId);
  const params = new URLSearchParams({
    source: JSON.stringify({ ...source, size: 1 }),
    where: JSON.stringify({ slugline: "budget" }),
  });
  const filtered = await body(await editor.get(`/api/archive?${params}`));
  assert.deepEqual(ids(filtered), [first._id]);
  const queried = new URLSearchParams({
    source: JSON.stringify({
      query: { filtered: { query: { query_string: { query: "slugline:budget", lenient: true } } } },
    }),
  });
  const found = await body(await editor.get(`/api/archive?${queried}`));
  assert.deepEqual(ids(found), [first._id]);
});

newsroomTest("a malformed source is a 400 naming it", async (room) => {
  await refused(await room.editor.get("/api/archive?source={nope"), 400, /source/);
  await refused(
    await room.editor.get(`/api/archive?source=${encodeURIComponent('{"query": {"nope": {}}}')}`),
    400,
  );
});

newsroomTest(
  "the desk output card searches archive,published: empty while nothing is published",
  async (room) => {
    const { editor, desk } = room;
    await deskStory(room);
    const output = await body(await editor.get(deskOutputUrl(desk._id)));
    assert.deepEqual(output._items, []);
    assert.equal(output._meta.total, 0);
    for (const repo of ["published", "archived"]) {
      const answer = await body(await editor.get(`/api/search?repo=${repo}`));
      assert.equal(answer._meta.total, 0, repo);
    }
    await refused(await editor.get("/api/search?repo=nonsense"), 400, /Unknown repo "nonsense"/);
  },
);
