/**
 * The `rundowns` resource (Superdesk's `apps/rundowns/rundowns.py`): one airing of a show, its
 * ordered item references, the sum of their durations, and a copy of their searchable text
 * (`items_data`) so that a search finds a rundown by what its items say. Made from the show or
 * from a template (`rundowns_service.ts`), locked (`resource_lock.ts`), searched through the
 * index as Superdesk's.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { DATE_PATTERN } from "./rundown_templates_resource.ts";
import { LOCK_SCHEMA } from "./rundown_items_resource.ts";
import { LOCK_FIELDS } from "./resource_lock.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

/** The `rundowns` definition. */
export const rundownsResource = defineResource({
  name: "rundowns",
  itemLinkTitle: "rundowns",
  schema: Type.Object({
    show: ObjectIdField(),
    title: Type.Optional(Nullable(Type.String())),
    template: Type.Optional(Nullable(ObjectIdField())),
    scheduled_on: Type.Optional(Nullable(DateTimeField())),
    duration: Type.Optional(Type.Number()),
    planned_duration: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    airtime_time: Type.Optional(Nullable(Type.String())),
    airtime_date: Type.Optional(Nullable(Type.String({ pattern: DATE_PATTERN }))),
    items: Type.Optional(Type.Array(Type.Object({
      _id: ObjectIdField(),
      start_time: Type.Optional(Nullable(Type.String())),
    }, { additionalProperties: false }))),
    items_data: Type.Optional(Type.Array(Type.Object({
      _id: ObjectIdField(),
      key: Type.String(),
      value: Type.String(),
    }))),
    matching_items: Type.Optional(Type.Array(Type.Unknown())),
    ...LOCK_SCHEMA,
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: RUNDOWNS_PRIVILEGE, PATCH: RUNDOWNS_PRIVILEGE, DELETE: RUNDOWNS_PRIVILEGE },
  readOnlyFields: ["scheduled_on", "duration", "items_data", "matching_items", ...LOCK_FIELDS],
  versioning: true,
  searchBacked: true,
  // Superdesk maps the title as `headline` (`html_field_analyzer`: folded).
  searchFields: { title: "html", "items_data.value": "html" },
  indexes: [
    { name: "show", keys: { show: 1 } },
    { name: "items", keys: { "items._id": 1 } },
    { name: "template_scheduled", keys: { template: 1, scheduled_on: 1 } },
  ],
});
