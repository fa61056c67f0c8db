/**
 * The `highlights` resource (Superdesk's highlights and summary lists): a named list on some
 * desks that writers mark items for, with an optional highlights template and how far back
 * items are collected (`auto_insert`); and `marked_for_highlights`, the action that marks or
 * unmarks an item.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { HIGHLIGHTS_PRIVILEGE, MARK_FOR_HIGHLIGHTS_PRIVILEGE } from "./privileges.ts";
import { keyField, UNIQUE_KEY_FIELD, uniqueKey } from "./unique_key.ts";

/** The periods `auto_insert` may take: the last 1 to 24 hours, today or this week. */
export const AUTO_INSERT_PERIODS = [
  ...Array.from({ length: 24 }, (_, hour) => `now-${hour + 1}h`),
  "now/d",
  "now/w",
];

/** The highlights schema. */
export const highlightSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  template: Type.Optional(Nullable(Type.Union([ObjectIdField(), Type.Literal("")]))),
  desks: Type.Optional(Type.Array(ObjectIdField())),
  auto_insert: Type.Optional(Type.Union(AUTO_INSERT_PERIODS.map((value) => Type.Literal(value)))),
  groups: Type.Optional(Type.Array(Type.String())),
}, { additionalProperties: false });

/** The `highlights` definition. */
export const highlightsResource = defineResource({
  name: "highlights",
  schema: highlightSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: HIGHLIGHTS_PRIVILEGE,
    PATCH: HIGHLIGHTS_PRIVILEGE,
    DELETE: HIGHLIGHTS_PRIVILEGE,
  },
  datasource: { defaultSort: [["name", 1]] },
  hiddenFields: [UNIQUE_KEY_FIELD],
  derivedFields: (doc) => keyField(uniqueKey(doc.name)),
  indexes: [{ name: "name_key", keys: { [UNIQUE_KEY_FIELD]: 1 }, unique: true, sparse: true }],
  relations: { template: { resource: "content_templates", embeddable: true } },
});

/** The marking action: toggle each of `highlights` on item `marked_item`. */
export const markedForHighlightsSchema = Type.Object({
  highlights: Type.Union([Type.Array(ObjectIdField()), ObjectIdField()]),
  marked_item: Type.String({ minLength: 1 }),
}, { additionalProperties: false });

/** The `marked_for_highlights` definition (POST only; nothing is stored). */
export const markedForHighlightsResource = defineResource({
  name: "marked_for_highlights",
  schema: markedForHighlightsSchema,
  resourceMethods: ["POST"],
  itemMethods: [],
  privileges: { POST: MARK_FOR_HIGHLIGHTS_PRIVILEGE },
});
