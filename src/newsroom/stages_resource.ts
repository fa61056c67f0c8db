/**
 * The `stages` resource (Superdesk's `apps/stages.py`): the columns of a desk. Names are unique
 * per desk; `desk_order` is kept by the server and changed through `stages_order`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { DESKS_PRIVILEGE } from "./privileges.ts";

const Text = () => Type.Optional(Nullable(Type.String()));

/** Superdesk's task statuses a stage may set on items arriving on it. */
const TASK_STATUSES = ["todo", "in_progress", "done"];

/** The stage schema. */
export const stageSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Text(),
  working_stage: Type.Optional(Type.Boolean()),
  default_incoming: Type.Optional(Type.Boolean()),
  task_status: Type.Optional(Type.Union(TASK_STATUSES.map((value) => Type.Literal(value)))),
  desk_order: Type.Optional(Type.Integer()),
  desk: ObjectIdField(),
  content_expiry: Type.Optional(Nullable(Type.Integer())),
  is_visible: Type.Optional(Type.Boolean()),
  local_readonly: Type.Optional(Type.Boolean()),
  incoming_macro: Text(),
  outgoing_macro: Text(),
  onstage_macro: Text(),
}, { additionalProperties: false });

/** The `stages` definition. */
export const stagesResource = defineResource({
  name: "stages",
  schema: stageSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: DESKS_PRIVILEGE, PATCH: DESKS_PRIVILEGE, DELETE: DESKS_PRIVILEGE },
  datasource: { defaultSort: [["desk", 1], ["desk_order", 1]] },
  readOnlyFields: ["desk_order"],
  indexes: [{ name: "desk_name", keys: { desk: 1, name: 1 }, unique: true }],
  relations: { desk: { resource: "desks", embeddable: true } },
});
