/**
 * The `rundown_templates` resource (Superdesk's `apps/rundowns/templates.py`), served under its
 * show as `/shows/<show>/templates` (`templates_routes.ts`): what a new rundown of the show
 * starts with (title pattern, airtime, planned duration, items) and, when it repeats, the
 * schedule on which its rundowns are made (`scheduled_on`, `autocreate_on`).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { TemplateItem } from "./rundown_item_schema.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

/** `HH:MM` or `HH:MM:SS` (Python's `time.fromisoformat`). */
export const TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";
/** `YYYY-MM-DD`. */
export const DATE_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

const numbers = (minimum: number, maximum: number) =>
  Type.Optional(Type.Array(Type.Integer({ minimum, maximum })));

/** A template's recurrence (dateutil's `rrule` fields). */
const Schedule = Type.Object({
  freq: Type.Optional(
    Type.Union(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"].map((f) => Type.Literal(f))),
  ),
  interval: Type.Optional(Type.Integer({ minimum: 1 })),
  by_month: numbers(1, 12),
  by_month_day: numbers(-31, 31),
  by_day: numbers(0, 6),
  by_week_no: numbers(0, 51),
}, { additionalProperties: false });

/** The `rundown_templates` definition. */
export const rundownTemplatesResource = defineResource({
  name: "rundown_templates",
  // Superdesk's URL, as the home listing shows it (`templates_routes.ts` serves it).
  url: 'shows/<regex("[a-f0-9]{24}"):show>/templates',
  title: "rundown_templates",
  schema: Type.Object({
    title: Type.String({ minLength: 1 }),
    show: ObjectIdField(),
    description: Type.Optional(Nullable(Type.String())),
    airtime_time: Type.Optional(Nullable(Type.String({ pattern: TIME_PATTERN }))),
    airtime_date: Type.Optional(Nullable(Type.String({ pattern: DATE_PATTERN }))),
    planned_duration: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    repeat: Type.Optional(Type.Boolean()),
    schedule: Type.Optional(Nullable(Schedule)),
    title_template: Type.Optional(Nullable(Type.Object({
      prefix: Type.Optional(Type.String()),
      separator: Type.Optional(Type.String()),
      date_format: Type.Optional(Type.String()),
    }, { additionalProperties: false }))),
    scheduled_on: Type.Optional(Nullable(DateTimeField())),
    autocreate_on: Type.Optional(Nullable(DateTimeField())),
    autocreate_before_seconds: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    created_by: Type.Optional(ObjectIdField()),
    last_updated_by: Type.Optional(ObjectIdField()),
    items: Type.Optional(Type.Array(TemplateItem)),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: RUNDOWNS_PRIVILEGE, PATCH: RUNDOWNS_PRIVILEGE, DELETE: RUNDOWNS_PRIVILEGE },
  readOnlyFields: ["scheduled_on", "autocreate_on", "created_by", "last_updated_by"],
  // Routed under its show by `templates_routes.ts`.
  internal: true,
  indexes: [
    { name: "show", keys: { show: 1 } },
    { name: "autocreate_on", keys: { autocreate_on: 1 } },
  ],
});
