/**
 * The `content_types` resource (Superdesk's content profiles, `apps/content_types`): the fields
 * an item of a profile has (`schema`: rules such as required and maxlength) and how authoring
 * shows them (`editor`). Ids are readable (`text`) or ObjectIds; labels are unique ignoring
 * case. Writes need `content_type`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { CONTENT_TYPE_PRIVILEGE } from "./privileges.ts";
import { keyField, UNIQUE_KEY_FIELD, uniqueKey } from "./unique_key.ts";

/** Profile ids in URLs (and in `_id` on create). */
export const PROFILE_ID_PATTERN = "[\\w,.:-]+";

const Dict = () => Type.Optional(Type.Record(Type.String(), Type.Unknown()));

/** The profile schema; unknown fields are refused. */
export const contentTypeSchema = Type.Object({
  type: Type.Optional(Nullable(Type.String())),
  label: Type.Optional(Type.String()),
  icon: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  schema: Dict(),
  editor: Dict(),
  widgets_config: Type.Optional(Type.Array(Type.Object({
    widget_id: Type.Optional(Type.String()),
    is_displayed: Type.Optional(Type.Boolean()),
  }))),
  priority: Type.Optional(Type.Integer()),
  enabled: Type.Optional(Type.Boolean()),
  is_used: Type.Optional(Type.Boolean()),
  embeddable: Type.Optional(Type.Boolean()),
  created_by: Type.Optional(Nullable(ObjectIdField())),
  updated_by: Type.Optional(Nullable(ObjectIdField())),
  init_version: Type.Optional(Type.Integer()),
  output_name: Type.Optional(Nullable(Type.String())),
}, { additionalProperties: false });

/** The `content_types` definition. */
export const contentTypesResource = defineResource({
  name: "content_types",
  schema: contentTypeSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: CONTENT_TYPE_PRIVILEGE,
    PATCH: CONTENT_TYPE_PRIVILEGE,
    DELETE: CONTENT_TYPE_PRIVILEGE,
  },
  itemUrl: PROFILE_ID_PATTERN,
  // Superdesk's default: the client's content profile store refetches on these events.
  notifications: true,
  datasource: { defaultSort: [["priority", -1]] },
  hiddenFields: [UNIQUE_KEY_FIELD],
  derivedFields: (doc) => keyField(uniqueKey(doc.label)),
  indexes: [{ name: "label_key", keys: { [UNIQUE_KEY_FIELD]: 1 }, unique: true, sparse: true }],
  relations: {
    created_by: { resource: "users", embeddable: true },
    updated_by: { resource: "users", embeddable: true },
  },
});
