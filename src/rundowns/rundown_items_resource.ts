/**
 * The `rundown_items` resource (Superdesk's `apps/rundowns/rundown_items.py`): one segment of a
 * rundown (its type, title, script, durations, cameras, subitems), searched through the index as
 * Superdesk's, locked as rundowns are (`resource_lock.ts`).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { ITEM_FIELDS } from "./rundown_item_schema.ts";
import { LOCK_FIELDS } from "./resource_lock.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

/** The lock fields of a lockable resource (Superdesk's `locking_schema`). */
export const LOCK_SCHEMA = {
  _lock: Type.Optional(Nullable(Type.Boolean())),
  _lock_action: Type.Optional(Nullable(Type.Union(
    ["lock", "unlock", "force-lock"].map((action) => Type.Literal(action)),
  ))),
  _lock_user: Type.Optional(Nullable(ObjectIdField())),
  _lock_time: Type.Optional(Nullable(DateTimeField())),
  _lock_expiry: Type.Optional(Nullable(DateTimeField())),
  _lock_session: Type.Optional(Nullable(Type.String())),
};

/** The `rundown_items` definition. */
export const rundownItemsResource = defineResource({
  name: "rundown_items",
  itemLinkTitle: "rundown_items",
  schema: Type.Object({
    ...ITEM_FIELDS,
    rundown: ObjectIdField(),
    ...LOCK_SCHEMA,
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: RUNDOWNS_PRIVILEGE, PATCH: RUNDOWNS_PRIVILEGE, DELETE: RUNDOWNS_PRIVILEGE },
  readOnlyFields: ["technical_title", ...LOCK_FIELDS],
  versioning: true,
  searchBacked: true,
  searchFields: {
    // Superdesk maps both as `headline` (`html_field_analyzer`: folded).
    title: "html",
    technical_title: "html",
    content: "html",
    additional_notes: "text",
    "subitems.content": "html",
    "subitems.technical_info": "text",
    fields_meta: "none",
  },
  indexes: [{ name: "rundown", keys: { rundown: 1 } }],
});
