/**
 * The `rundown_comments` resource (Superdesk's `apps/rundowns/comments.py`): comments on rundown
 * items, with the users they mention; writing one needs `rundowns`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

/** The `rundown_comments` definition. */
export const rundownCommentsResource = defineResource({
  name: "rundown_comments",
  schema: Type.Object({
    text: Type.String({ minLength: 1, maxLength: 500 }),
    /** The rundown item commented on. */
    item: ObjectIdField(),
    user: Type.Optional(ObjectIdField()),
    mentioned_users: Type.Optional(Type.Record(Type.String(), Type.String())),
    mentioned_desks: Type.Optional(Type.Record(Type.String(), Type.String())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: RUNDOWNS_PRIVILEGE, PATCH: RUNDOWNS_PRIVILEGE, DELETE: RUNDOWNS_PRIVILEGE },
  readOnlyFields: ["mentioned_users", "mentioned_desks"],
  datasource: { defaultSort: [["_created", -1]] },
  indexes: [{ name: "item", keys: { item: 1, _created: -1 } }],
  relations: { user: { resource: "users", embeddable: true } },
});
