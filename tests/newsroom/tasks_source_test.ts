/** `GET /api/tasks?source=`: the web client's tasks view, searched as Superdesk's tasks are. */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, newsroomTest } from "./_newsroom.ts";

newsroomTest(
  "GET /api/tasks with the tasks view's source lists its desk's open tasks",
  async (room) => {
    const registry = room.app.platform.registry;
    const [other] = await registry.service("desks").create([{ name: "Other desk" }], SYSTEM_ACTOR);
    const archive = registry.service("archive");
    const open = await archive.create(
      Array.from({ length: 30 }, (_, i) => ({
        headline: `open ${i}`,
        state: "in_progress",
        task: { desk: room.desk._id, stage: room.desk.working_stage, status: "todo" },
      })),
      SYSTEM_ACTOR,
      { trusted: true },
    );
    await archive.create(
      [
        { headline: "out", state: "published", task: { desk: room.desk._id } },
        { headline: "spiked", state: "spiked", task: { desk: room.desk._id } },
        { headline: "elsewhere", state: "in_progress", task: { desk: other!._id } },
      ],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    // `TasksController.fetchTasks` (superdesk-client-core scripts/apps/dashboard/workspace-tasks).
    const source = {
      size: 200,
      sort: [{ _updated: "desc" }],
      filter: {
        bool: {
          must: { term: { "task.desk": room.desk._id } },
          must_not: {
            terms: { state: ["published", "spiked", "corrected", "killed", "recalled"] },
          },
        },
      },
    };
    const listed = await body(
      await room.editor.get(`/api/tasks?source=${encodeURIComponent(JSON.stringify(source))}`),
    );
    const headlines = listed._items.map((item: { headline: string }) => item.headline).sort();
    assert.deepEqual(headlines, open.map((item) => item.headline).sort());
    assert.equal(listed._meta.total, 30);
    assert.equal(listed._links.self.href, "tasks");
    // Spiked items are no tasks even when the body does not leave them out.
    const all = { size: 200, query: { term: { "task.desk": room.desk._id } } };
    const everything = await body(
      await room.editor.get(`/api/tasks?source=${encodeURIComponent(JSON.stringify(all))}`),
    );
    const names = everything._items.map((item: { headline: string }) => item.headline);
    assert.ok(names.includes("out") && !names.includes("spiked") && !names.includes("elsewhere"));
    // Visibility is the archive's: the outsider sees none of the desk's tasks.
    const theirs = await body(
      await room.outsider.get(`/api/tasks?source=${encodeURIComponent(JSON.stringify(source))}`),
    );
    assert.equal(theirs._items.length, 0);
  },
);
