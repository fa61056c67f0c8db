/**
 * Embargoes beyond what Superdesk's embargo scenarios pin: the publishing actions read the
 * embargo in its time zone and count the expiry from it, a correction drops an embargo that has
 * passed, and saving refuses an embargo on a rewrite or in an unknown time zone.
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, refused } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

/** The desk's content expiry in these cases, in minutes. */
const DESK_EXPIRY = 600;

publishingTest(
  "an embargo is read in its time zone, and a correction drops it once it has passed",
  async (room) => {
    const desk = room.desk;
    await body(
      await room.editor.patch(`/api/desks/${desk._id}`, { content_expiry: DESK_EXPIRY }, {
        etag: desk._etag,
      }),
    );
    // 10:00 in Sydney (UTC+10 in July) is midnight UTC.
    const story = await room.story({
      embargo: "2030-07-01T10:00:00+0000",
      schedule_settings: { time_zone: "Australia/Sydney" },
    });
    const published = await body(await room.act("publish", story));
    assert.equal(published.schedule_settings.utc_embargo, "2030-07-01T00:00:00+0000");
    assert.equal(published.schedule_settings.time_zone, "Australia/Sydney");
    assert.equal(
      Date.parse(published.expiry),
      Date.parse("2030-07-01T00:00:00Z") + DESK_EXPIRY * 60_000,
    );

    const past = new Date(Date.now() - 60_000).toISOString();
    const archive = room.app.platform.registry.service<ArchiveService>("archive");
    const { stored } = await archive.updateChecked(
      String(published._id),
      SYSTEM_ACTOR,
      () => Promise.resolve({ embargo: past, schedule_settings: { utc_embargo: past } }),
    );
    const before = Date.now();
    const corrected = await body(
      await room.act("correct", { ...published, _etag: stored._etag }, { headline: "later" }),
    );
    assert.equal(corrected.embargo, null);
    assert.equal(corrected.schedule_settings.utc_embargo, undefined);
    const expiry = Date.parse(corrected.expiry);
    assert.ok(expiry >= before - 1000 + DESK_EXPIRY * 60_000, corrected.expiry);
    assert.ok(expiry <= Date.now() + DESK_EXPIRY * 60_000, corrected.expiry);
  },
);

publishingTest("an embargo is refused on a rewrite and in an unknown time zone", async (room) => {
  const embargo = new Date(Date.now() + 3_600_000).toISOString();
  await refused(
    await room.editor.post("/api/archive", { type: "text", rewrite_of: "other", embargo }),
    400,
    "Rewrites doesn't support Embargo",
  );
  await refused(
    await room.editor.post("/api/archive", {
      type: "text",
      embargo,
      schedule_settings: { time_zone: "Nowhere/Atlantis" },
    }),
    400,
    "Unknown time zone: Nowhere/Atlantis",
  );
});

publishingTest(
  "a publishing action refuses an embargo it sets in the past or beside a schedule",
  async (room) => {
    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    const story = await room.story();
    await refused(
      await room.act("publish", story, { embargo: new Date(Date.now() - 60_000).toISOString() }),
      400,
      "Embargo cannot be earlier than now",
    );
    await refused(
      await room.act("publish", story, { embargo: ahead, publish_schedule: ahead }),
      400,
      "An item can't have both Publish Schedule and Embargo",
    );
    const item = await body(await room.editor.get(`/api/archive/${story._id}`));
    assert.equal(item.state, story.state);
    assert.equal(item.embargo ?? null, null);
  },
);
