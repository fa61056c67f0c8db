/**
 * The generic `comments` resource (Superdesk's `apps/comments`): comments on anything an `item`
 * string names (a planning item, an assignment ...), newest first, with the users (`@username`)
 * and desks (`#desk_name`) they mention. Writing one needs `archive`; the author is always the
 * caller. `item_comments` is the same on content items.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";
import { COMMENT_PRIVILEGE } from "./item_comments_resource.ts";

/** The `comments` definition. */
export const commentsResource = defineResource({
  name: "comments",
  schema: Type.Object({
    text: Type.String({ minLength: 1, maxLength: 500 }),
    /** What the comment is on: any id, not checked. */
    item: Type.Optional(Type.String()),
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
  relations: { user: { resource: "users", embeddable: true } },
});
