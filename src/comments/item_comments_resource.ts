/**
 * The `item_comments` resource (Superdesk's `apps/archive/item_comments.py`): comments on a
 * content item, newest first, with the users (`@username`) and desks (`#desk_name`) they
 * mention. Writing one needs `archive`; the author is always the caller.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";

/** The privilege that comments (Superdesk's: `archive`). */
export const COMMENT_PRIVILEGE = "archive";

/** The `item_comments` definition. */
export const itemCommentsResource = defineResource({
  name: "item_comments",
  schema: Type.Object({
    text: Type.String({ minLength: 1, maxLength: 500 }),
    item: Type.String({ minLength: 1 }),
    user: Type.Optional(ObjectIdField()),
    mentioned_users: Type.Optional(Type.Record(Type.String(), Type.String())),
    mentioned_desks: Type.Optional(Type.Record(Type.String(), Type.String())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: COMMENT_PRIVILEGE, PATCH: COMMENT_PRIVILEGE, DELETE: COMMENT_PRIVILEGE },
  readOnlyFields: ["mentioned_users", "mentioned_desks"],
  datasource: { defaultSort: [["_created", -1]] },
  indexes: [{ name: "item", keys: { item: 1, _created: -1 } }],
  relations: {
    user: { resource: "users", embeddable: true },
    item: { resource: "archive", embeddable: true },
  },
});
