/**
 * An item's publish schedule that cannot be read (`src/publish/item_schedule.ts`): a schedule that
 * is no date or a time zone that names none is a 400 on save and on publish, nothing published.
 */
import assert from "node:assert/strict";
import type { PublishedService } from "../../src/publish/published_service.ts";
import { body, refused } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

const LATER = "2031-01-01T10:00:00+0000";

publishingTest("a schedule that is no date or names no time zone is a 400", async (room) => {
  const story = await room.story();
  await refused(
    await room.act("publish", story, { publish_schedule: "next tuesday" }),
    400,
    "publish_schedule date is not recognized",
  );
  const zone = await refused(
    await room.act("publish", story, {
      publish_schedule: LATER,
      schedule_settings: { time_zone: "Mars/Olympus" },
    }),
    400,
  );
  assert.deepEqual(zone._issues, { schedule_settings: { time_zone: "unknown time zone" } });
  const saved = await room.editor.patch(`/api/archive/${story._id}`, {
    publish_schedule: LATER,
    schedule_settings: { time_zone: "Mars/Olympus" },
  }, { etag: story._etag });
  await refused(saved, 400);
  const item = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(item.state, story.state);
  const copies = await room.app.platform.registry.service<PublishedService>("published")
    .copiesOf(String(story._id));
  assert.equal(copies.length, 0);
});
