/**
 * The definition every comments resource shares (Superdesk's `CommentsResource` and its
 * subclasses): a text of at most 500 characters on an `item`, its author, the users
 * (`@username`) and desks (`#desk_name`) it mentions (set by the service, read-only), newest
 * first; what the item is and who may write differ per resource.
 */
import { type TSchema, Type } from "@sinclair/typebox";
import { defineResource, type ResourceDefinition } from "../resources/resource_definition.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";

/** A comments resource `name` on items of `item`'s schema, written with `privilege`. */
export function commentResource(
  { name, item, privilege, relations = {} }: {
    name: string;
    item: TSchema;
    privilege: string;
    /** Relations beside the author's (e.g. the commented item). */
    relations?: Record<string, { resource: string; embeddable: boolean }>;
  },
): ResourceDefinition {
  return defineResource({
    name,
    schema: Type.Object({
      text: Type.String({ minLength: 1, maxLength: 500 }),
      item,
      user: Type.Optional(ObjectIdField()),
      mentioned_users: Type.Optional(Type.Record(Type.String(), Type.String())),
      mentioned_desks: Type.Optional(Type.Record(Type.String(), Type.String())),
    }, { additionalProperties: false }),
    resourceMethods: ["GET", "POST", "DELETE"],
    itemMethods: ["GET", "PATCH", "DELETE"],
    privileges: { POST: privilege, PATCH: privilege, DELETE: privilege },
    readOnlyFields: ["mentioned_users", "mentioned_desks"],
    datasource: { defaultSort: [["_created", -1]] },
    indexes: [{ name: "item", keys: { item: 1, _created: -1 } }],
    relations: { user: { resource: "users", embeddable: true }, ...relations },
  });
}
