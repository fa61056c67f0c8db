/**
 * The other publishing actions over HTTP on both stores: a scheduled publish goes out at its time
 * (a new version, `published`), embargo travels with the item, takedown and unpublish reach the
 * subscribers that had it, resend sends the newest version to chosen subscribers.
 */
import assert from "node:assert/strict";
import { body, createStory, type Json, refused } from "../newsroom/_newsroom.ts";
import { within } from "../notify/_collect.ts";
import { publishingTest } from "./_publishing.ts";

publishingTest(
  "a publish schedule is wall-clock time in the item's time zone, which the item keeps",
  async (room) => {
    const story = await room.story();
    // 22:46 in Sydney (UTC+11 in February) is 11:46 UTC.
    const scheduled = await body(
      await room.act("publish", story, {
        publish_schedule: "2030-02-13T22:46:19+0000",
        schedule_settings: { time_zone: "Australia/Sydney" },
      }),
    );
    assert.equal(scheduled.state, "scheduled");
    assert.deepEqual(scheduled.schedule_settings, {
      time_zone: "Australia/Sydney",
      utc_publish_schedule: "2030-02-13T11:46:19+0000",
    });
    const copies = await body(await room.editor.get("/api/published"));
    assert.equal(
      copies._items[0].schedule_settings.utc_publish_schedule,
      "2030-02-13T11:46:19+0000",
    );
  },
);

publishingTest(
  "a scheduled publish goes out at its time as a new published version",
  async (room) => {
    const product = await room.product();
    await room.subscriber({
      name: "S",
      products: [product._id],
      destinations: [room.pushTo("/s")],
    });
    const story = await room.story();
    const at = new Date(Date.now() + 1_500);
    const scheduled = await body(
      await room.act("publish", story, { publish_schedule: at.toISOString() }),
    );
    assert.equal(scheduled.state, "scheduled");
    const copies = await body(await room.editor.get("/api/published"));
    // Read before its time (unless a stalled machine took that long to answer), it waits.
    if (Date.now() < at.getTime()) assert.equal(copies._items[0].queue_state, "pending");
    await within(room.receiver.until((r) => r.length >= 1), "the scheduled delivery");
    const arrivedAt = Date.now();
    assert.ok(arrivedAt >= at.getTime(), "not before its time");
    await room.events.until(
      (events) =>
        events.some((e) => e.event === "publish_queue:update" && e.extra.state === "success"),
      "the entry sent",
    );
    const item = await body(await room.editor.get(`/api/archive/${story._id}`));
    assert.equal(item.state, "published");
    assert.equal(item._current_version, scheduled._current_version + 1);
    assert.equal(
      JSON.parse(room.receiver.received[0]!.body).version,
      String(item._current_version),
    );
    await refused(
      await room.act("publish", await room.story(), { publish_schedule: "2001-01-01T00:00:00Z" }),
      400,
      "Schedule cannot be earlier than now",
    );
  },
);

publishingTest(
  "embargo travels with the item; takedown and unpublish reach who had it",
  async (room) => {
    const product = await room.product();
    await room.subscriber({
      name: "E",
      products: [product._id],
      destinations: [room.pushTo("/e")],
    });
    const embargo = new Date(Date.now() + 3_600_000);
    const story = await room.story();
    const published = await body(
      await room.act("publish", story, { embargo: embargo.toISOString() }),
    );
    assert.equal(published.state, "published");
    await within(room.receiver.until((r) => r.length >= 1), "the embargoed delivery");
    const ninjs = JSON.parse(room.receiver.received[0]!.body);
    assert.equal(ninjs.embargoed, embargo.toISOString().slice(0, 19) + "+0000");
    const down = await body(await room.act("takedown", published));
    assert.equal(down.state, "recalled");
    assert.equal(down.pubstatus, "canceled");
    assert.equal(down.embargo, null);
    await within(room.receiver.until((r) => r.length >= 2), "the takedown delivery");
    assert.equal(JSON.parse(room.receiver.received[1]!.body).pubstatus, "canceled");
    const other = await room.story();
    const otherPublished = await body(await room.act("publish", other));
    await within(room.receiver.until((r) => r.length >= 3), "the second story");
    const unpublished = await body(await room.act("unpublish", otherPublished));
    assert.equal(unpublished.state, "unpublished");
    await within(room.receiver.until((r) => r.length >= 4), "the unpublish delivery");
    const last = JSON.parse(room.receiver.received[3]!.body);
    assert.equal(last.guid, other._id);
    assert.equal(last.pubstatus, "canceled");
  },
);

publishingTest("resend sends the newest version to the chosen active subscribers", async (room) => {
  const product = await room.product();
  await room.subscriber({
    name: "First",
    products: [product._id],
    destinations: [room.pushTo("/1")],
  });
  const story = await room.story();
  await refused(
    await room.editor.post(`/api/archive/${story._id}/resend`, { subscribers: ["x"], version: 1 }),
    400,
    "Only published, corrected or killed stories can be resent!",
  );
  const published = await body(await room.act("publish", story));
  await within(room.receiver.until((r) => r.length >= 1), "the publish");
  const second = await room.subscriber({ name: "Second", destinations: [room.pushTo("/2")] });
  const resend = (payload: Json) => room.editor.post(`/api/archive/${story._id}/resend`, payload);
  await refused(
    await resend({ subscribers: [second._id], version: published._current_version - 1 }),
    400,
    `Please use the newest version ${published._current_version} to resend!`,
  );
  await refused(
    await resend({ subscribers: [], version: published._current_version }),
    400,
    "No subscribers selected!",
  );
  const answer = await body(
    await resend({ subscribers: [second._id], version: published._current_version }),
    201,
  );
  assert.equal(answer.queued, 1);
  await within(room.receiver.until((r) => r.length >= 2), "the resend");
  assert.equal(room.receiver.received[1]!.path, "/2");
  assert.equal(
    JSON.parse(room.receiver.received[1]!.body).version,
    String(published._current_version),
  );
});

publishingTest(
  "a publish puts a personal item only on a desk the user could move it to",
  async (room) => {
    const sport = await body(await room.editor.post("/api/desks", { name: "Sport" }), 201);
    const sportId = String(sport._id);
    const personal = async () =>
      await createStory(room.editor, {
        headline: "h",
        slugline: "s",
        body_html: "<p>x</p>",
        state: "in_progress",
        task: { user: room.editor.userId },
      });
    const publishTo = async (deskId: string, updates = {}) => {
      const item = await personal();
      const query = deskId ? `?desk_id=${deskId}` : "";
      return await room.editor.patch(`/api/archive/publish/${item._id}${query}`, updates, {
        etag: item._etag,
      });
    };
    await refused(await publishTo(sportId), 403, `User is not member of desk: ${sportId}`);
    await refused(await publishTo("", { task: { desk: sportId } }), 403);
    await refused(await publishTo("0123456789abcdef01234567"), 404);
    const own = await body(await publishTo(String(room.desk._id)));
    assert.equal(own.state, "published");
    assert.equal(own.task.desk, room.desk._id);
  },
);

publishingTest("a correction whose editor state is not Draft.js's is a 400", async (room) => {
  const published = await body(await room.act("publish", await room.story()));
  const malformed = [
    { blocks: [{ text: 5 }] },
    { blocks: [null] },
    { blocks: [{ text: "ab", inlineStyleRanges: [{ offset: 0, length: 1, style: 7 }] }] },
    {
      blocks: [{ text: " ", type: "atomic", entityRanges: [{ key: 0, offset: 0, length: 1 }] }],
      entityMap: { 0: { type: "TABLE", data: { data: { numRows: 1e6, numCols: 1e6 } } } },
    },
  ];
  for (const state of malformed) {
    const error = await refused(
      await room.act("correct", published, {
        fields_meta: { body_html: { draftjsState: [state] } },
      }),
      400,
      'Cannot render field "body_html" from its editor state',
    );
    assert.deepEqual(error._issues, { fields_meta: { body_html: "malformed editor state" } });
  }
  const corrected = await body(
    await room.act("correct", published, {
      fields_meta: { body_html: { draftjsState: [{ blocks: [{ text: "<b>fixed</b>" }] }] } },
    }),
  );
  assert.equal(corrected.body_html, "<p>&lt;b&gt;fixed&lt;/b&gt;</p>");
});
