/**
 * The `content_templates` resource (Superdesk's `apps/templates`): item data to start a story
 * from (`create`), to apply when killing (`kill`) or to build highlights (`highlights`),
 * public (offered on its desks, or everywhere) or personal, optionally on a schedule that
 * creates an item on a desk and stage. Also found by name (`content_templates/<name>`).
 */
import { Type } from "@sinclair/typebox";
import { itemSchema } from "../newsroom/archive_resource.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import type { Doc } from "../storage/document_store.ts";
import { keyField, UNIQUE_KEY_FIELD, uniqueKey } from "./unique_key.ts";

/** The template types. */
export const TEMPLATE_TYPES = ["create", "kill", "highlights"] as const;

/** A template's schedule. */
export const scheduleSchema = Type.Object({
  is_active: Type.Optional(Type.Boolean()),
  create_at: Type.Optional(Type.String()),
  cron_list: Type.Optional(Nullable(Type.Array(Type.String()))),
  day_of_week: Type.Optional(Type.Array(Type.String())),
  time_zone: Type.Optional(Nullable(Type.String())),
}, { additionalProperties: false });

/** The template schema; `data` follows the item schema. */
export const templateSchema = Type.Object({
  data: Type.Optional(itemSchema),
  template_name: Type.String({ minLength: 1 }),
  template_type: Type.Optional(Type.Union(TEMPLATE_TYPES.map((value) => Type.Literal(value)))),
  template_desks: Type.Optional(Nullable(Type.Array(ObjectIdField()))),
  schedule_desk: Type.Optional(Nullable(ObjectIdField())),
  schedule_stage: Type.Optional(Nullable(ObjectIdField())),
  schedule_macro: Type.Optional(Nullable(Type.String())),
  schedule: Type.Optional(Nullable(scheduleSchema)),
  last_run: Type.Optional(Nullable(DateTimeField())),
  next_run: Type.Optional(Nullable(DateTimeField())),
  user: Type.Optional(Nullable(ObjectIdField())),
  is_public: Type.Optional(Type.Boolean()),
  item: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
}, { additionalProperties: false });

/** A template's name key: unique among public templates, or among one user's own. */
export function templateNameKey(template: Doc): string | undefined {
  const scope = template.is_public ? "public" : `user:${template.user ?? ""}`;
  return uniqueKey(template.template_name, scope);
}

/** The `content_templates` definition; who may write what is decided by the service. */
export const contentTemplatesResource = defineResource({
  name: "content_templates",
  schema: templateSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  additionalLookup: { field: "template_name", url: "[\\w]+" },
  hiddenFields: [UNIQUE_KEY_FIELD],
  derivedFields: (doc) => keyField(templateNameKey(doc)),
  indexes: [
    { name: "name_key", keys: { [UNIQUE_KEY_FIELD]: 1 }, unique: true, sparse: true },
    { name: "next_run", keys: { next_run: 1 } },
    { name: "profile", keys: { "data.profile": 1 } },
  ],
  relations: {
    user: { resource: "users", embeddable: true },
    schedule_desk: { resource: "desks", embeddable: true },
    schedule_stage: { resource: "stages", embeddable: true },
  },
});
