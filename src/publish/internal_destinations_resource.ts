/**
 * The `internal_destinations` resource (Superdesk's `superdesk/internal_destinations.py`): a
 * desk (and optionally a stage) that gets a copy of every published item, optionally only the
 * items a content filter matches, optionally changed by a macro first; `send_after_schedule`
 * waits for a scheduled item's time. `internal_destination_task.ts` does the sending.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";

/** Manage internal destinations. */
export const INTERNAL_DESTINATIONS_PRIVILEGE = "internal_destinations";

/** How the module declares it (Superdesk's label and description). */
export const INTERNAL_DESTINATIONS_PRIVILEGES = [{
  name: INTERNAL_DESTINATIONS_PRIVILEGE,
  label: "Internal Destinations",
  description: "User can manage internal destinations.",
}];

const PRIVILEGES = {
  POST: INTERNAL_DESTINATIONS_PRIVILEGE,
  PATCH: INTERNAL_DESTINATIONS_PRIVILEGE,
  DELETE: INTERNAL_DESTINATIONS_PRIVILEGE,
};

/** The schema. */
export const internalDestinationSchema = Type.Object({
  name: Type.String(),
  is_active: Type.Boolean(),
  filter: Type.Optional(Nullable(ObjectIdField())),
  desk: ObjectIdField(),
  stage: Type.Optional(Nullable(ObjectIdField())),
  macro: Type.Optional(Nullable(Type.String())),
  send_after_schedule: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** The `internal_destinations` definition. */
export const internalDestinationsResource = defineResource({
  name: "internal_destinations",
  schema: internalDestinationSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: PRIVILEGES,
  relations: {
    desk: { resource: "desks" },
    stage: { resource: "stages" },
    filter: { resource: "content_filters" },
  },
});
