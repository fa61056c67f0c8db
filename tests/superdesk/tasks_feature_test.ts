/** Superdesk's features/tasks.feature over HTTP (`/api/tasks`). */
import { feature } from "./feature.ts";

feature("tasks", (f) => {
  f.scenario("List empty tasks", ["auth"], async (s) => {
    await s.givenEmpty("tasks");
    await s.get("/tasks");
    s.list(0);
  });

  f.wrong(
    "Create new task",
    "every item we create has a task: its creator as `task.user` (a user's personal space is " +
      "the items assigned to them), so the plain archive item posted beside the task is listed " +
      "too (Superdesk's POST without a `task` leaves none)",
  );

  f.wrong(
    "Update task description",
    "tasks are read as archive items are (others' personal items hidden), and the fixture task " +
      "is on no desk and assigned to nobody (our `Given` items have no creator), so nobody's: " +
      "Superdesk's tasks list shows every item with a task, personal ones of others included",
  );

  f.scenario("Update multiple task description", ["auth"], async (s) => {
    await s.given("tasks", `[{"slugline": "testtask", "task": {"status": "in_progress"}}]`);
    await s.patchGiven("tasks", `{"description_text":"the test task modified"}`);
    await s.patchLatest(`{"description_text":"the test of the test task modified"}`);
    s.ok(undefined, { updated: true });
  });

  f.scenario("Update task-desk asignment", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.givenEmpty("tasks");
    await s.post("users", `{"username": "foo", "email": "foo@bar.com", "sign_off": "abc"}`);
    await s.post("desks", `{"name": "Sports Desk"}`);
    await s.post(
      "tasks",
      `[{"slugline": "first task", "type": "text", "task": {"user": "#users._id#"}}]`,
    );
    await s.patchLatest(
      `{"description_text": "second task modified", "task": {"desk":"#desks._id#"}}`,
    );
    s.ok(undefined, { updated: true });
  });

  f.scenario("Update task status on stage change", ["auth"], async (s) => {
    await s.givenEmpty("tasks");
    await s.givenEmpty("stages");
    await s.given("desks", `[{"name": "Desk1"}]`);
    await s.post(
      "stages",
      `[{"name": "Test Stage", "desk": "#desks._id#", "task_status": "done"}]`,
    );
    await s.post("users", `{"username": "foo", "email": "foo@bar.com", "sign_off": "abc"}`);
    await s.post(
      "tasks",
      `[{"slugline": "first task", "type": "text", "task": {"user": "#users._id#"}}]`,
    );
    s.existingResource(`{"task": {"status": "todo"}}`);
    await s.patchLatest(
      `{"task": {"user": "#users._id#", "desk": "#desks._id#", "stage": "#stages._id#"}}`,
    );
    s.existingResource(`{"task": {"status": "done"}}`);
  });

  f.scenario("Delete task", ["auth"], async (s) => {
    await s.givenEmpty("tasks");
    await s.post("users", `{"username": "foo", "email": "foo@bar.com", "sign_off": "abc"}`);
    await s.post(
      "tasks",
      `[{"slugline": "first task", "type": "text", "task": {"user": "#users._id#"}}]`,
    );
    await s.deleteLatest();
    s.code(204);
  });

  f.scenario("Filter out tasks for spiked items", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports Desk", "content_expiry": 60}]`);
    await s.given(
      "archive",
      `[{"_id": "task-1", "guid": "task-1", "slugline": "first task", "type": "text",
        "task": {"desk": "#desks._id#"}}]`,
    );
    await s.spike("task-1");
    await s.get("/tasks");
    s.list(0);
  });
});
