/** A task's item saved through `/api/archive` with the task it read: its task dates are kept. */
import assert from "node:assert/strict";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { body, newsroomTest, signInMember } from "./_newsroom.ts";

newsroomTest(
  "PATCH /api/archive/:id sending back the task /api/tasks stamped answers 200",
  async (room) => {
    const tasker = await signInMember(room, "tasker", { archive: 1, tasks: 1 });
    const made = await body(
      await tasker.post("/api/tasks", {
        slugline: "budget",
        type: "text",
        task: { desk: room.desk._id, status: "done", due_date: "2026-12-24T10:00:00+0000" },
      }),
      201,
    );
    const item = await body(await tasker.get(`/api/archive/${made._id}`));
    assert.ok(item.task.finished_at && item.task.started_at === undefined);
    // The client's authoring sends the item's task back as it read it.
    const saved = await tasker.patch(`/api/archive/${item._id}`, {
      headline: "budget",
      task: item.task,
    }, { etag: item._etag });
    const after = await body(saved, 200);
    assert.equal(after.headline, "budget");
    const stored = await body(await tasker.get(`/api/archive/${item._id}`));
    assert.equal(
      new Date(stored.task.due_date).getTime(),
      Date.parse("2026-12-24T10:00:00Z"),
    );
    assert.equal(stored.task.finished_at, item.task.finished_at);
  },
);

Deno.test("archive's search mapping of task is Superdesk's (its dates are not mapped)", () => {
  const task = resourceMapping(archiveResource).properties.task as {
    properties: Record<string, unknown>;
  };
  assert.deepEqual(Object.keys(task.properties).sort(), [
    "desk",
    "desk_history",
    "last_authoring_desk",
    "last_desk",
    "last_production_desk",
    "stage",
    "status",
    "user",
  ]);
});
