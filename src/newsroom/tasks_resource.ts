/**
 * The `tasks` resource (Superdesk's `apps/tasks.py`): content items seen as tasks. Its documents
 * are archive items that have a `task` (desk, stage, assignee, status, due date); creating a
 * task creates such an item, and a spiked item is no task (lists leave it out). Writes need the
 * `tasks` privilege.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { ITEM_ID_PATTERN, itemSchema } from "./archive_resource.ts";

/** The privilege of task management (Superdesk's `tasks`). */
export const TASKS_PRIVILEGE = "tasks";

/** A task's statuses (Superdesk's `task_statuses`); a new task is `todo`. */
export const TASK_STATUSES = ["todo", "in_progress", "done"] as const;

const Ref = () => Type.Optional(Nullable(ObjectIdField()));
const Instant = () => Type.Optional(Nullable(DateTimeField()));

/** The `tasks` definition, over the archive's collection. */
export const tasksResource = defineResource({
  name: "tasks",
  schema: Type.Object({
    expiry: Instant(),
    slugline: Type.Optional(Nullable(Type.String())),
    description_text: Type.Optional(Nullable(Type.String())),
    // The archive's own `type`: a task is an archive item, stored as one.
    type: itemSchema.properties.type,
    task: Type.Optional(Type.Object({
      status: Type.Optional(Type.Union(TASK_STATUSES.map((status) => Type.Literal(status)))),
      due_date: Instant(),
      started_at: Instant(),
      finished_at: Instant(),
      user: Ref(),
      desk: Ref(),
      stage: Ref(),
    }, { additionalProperties: false })),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: TASKS_PRIVILEGE, PATCH: TASKS_PRIVILEGE, DELETE: TASKS_PRIVILEGE },
  datasource: {
    source: "archive",
    defaultSort: [["_updated", -1]],
    filter: { task: { $exists: true } },
  },
  itemUrl: ITEM_ID_PATTERN,
  idStyle: "guid",
  versioning: true,
});
