/**
 * The `shows` resource (Superdesk's `apps/rundowns/shows.py`): a broadcast programme, with a
 * shortcode used in its items' technical titles and a planned duration its rundowns default to.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

/** The `shows` definition. */
export const showsResource = defineResource({
  name: "shows",
  itemLinkTitle: "shows",
  schema: Type.Object({
    title: Type.String({ minLength: 1 }),
    shortcode: Type.Optional(Nullable(Type.String())),
    description: Type.Optional(Nullable(Type.String())),
    planned_duration: Type.Optional(Type.Number({ minimum: 0 })),
    created_by: Type.Optional(ObjectIdField()),
    last_updated_by: Type.Optional(ObjectIdField()),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: RUNDOWNS_PRIVILEGE, PATCH: RUNDOWNS_PRIVILEGE, DELETE: RUNDOWNS_PRIVILEGE },
  readOnlyFields: ["created_by", "last_updated_by"],
});
