/**
 * The `routing_schemes` resource (Superdesk's `apps/rules/routing_rules.py`): named lists of
 * rules, each with a handler, an optional content filter, actions (fetch to desks and stages,
 * publish from them, exit, preserve the desk) and an optional schedule (days of the week, hours,
 * time zone). Needs the `routing_rules` privilege to change.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../../resources/schema/fields.ts";
import { ROUTING_RULES_PRIVILEGE } from "../privileges.ts";

const Ref = () => Type.Optional(Nullable(ObjectIdField()));
const destination = (extra: Record<string, ReturnType<typeof Type.Optional>> = {}) =>
  Type.Object({
    desk: Ref(),
    stage: Ref(),
    macro: Type.Optional(Nullable(Type.String())),
    ...extra,
  }, { additionalProperties: false });

/** One rule; unknown fields are refused with Superdesk's message by the service. */
export const ruleSchema = Type.Object({
  name: Type.Optional(Nullable(Type.String())),
  handler: Type.Optional(Type.String()),
  filter: Ref(),
  actions: Type.Optional(Nullable(Type.Object({
    fetch: Type.Optional(Nullable(Type.Array(destination()))),
    publish: Type.Optional(Nullable(Type.Array(destination({
      target_subscribers: Type.Optional(Nullable(Type.Array(Type.Unknown()))),
      target_types: Type.Optional(Nullable(Type.Array(Type.Unknown()))),
    })))),
    exit: Type.Optional(Type.Boolean()),
    preserve_desk: Type.Optional(Type.Boolean()),
    extra: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
  }, { additionalProperties: false }))),
  schedule: Type.Optional(Nullable(Type.Object({
    day_of_week: Type.Optional(Type.Array(Type.String())),
    hour_of_day_from: Type.Optional(Nullable(Type.String())),
    hour_of_day_to: Type.Optional(Nullable(Type.String())),
    time_zone: Type.Optional(Type.String()),
    _allDay: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }))),
}, { additionalProperties: true });

/** The `routing_schemes` definition. */
export const routingSchemesResource = defineResource({
  name: "routing_schemes",
  schema: Type.Object({
    name: Type.String({ minLength: 1 }),
    rules: Type.Optional(Type.Array(ruleSchema)),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: ROUTING_RULES_PRIVILEGE,
    PATCH: ROUTING_RULES_PRIVILEGE,
    DELETE: ROUTING_RULES_PRIVILEGE,
  },
  uniqueFields: ["name"],
  indexes: [{ name: "rules_filter", keys: { "rules.filter": 1 } }],
});
