/**
 * The `vocabularies` resource (Superdesk's `superdesk/vocabularies`): controlled vocabularies
 * (categories, genre, urgency ...) and custom fields (`field_type`), keyed by a readable id.
 * Soft-deleted, so a deleted id cannot be reused by accident. Writes need `vocabularies`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable } from "../resources/schema/fields.ts";
import { VOCABULARIES_PRIVILEGE } from "./privileges.ts";

/** Vocabulary ids: letters, digits, `-` and `_`. */
export const VOCABULARY_ID_PATTERN = "^[a-zA-Z0-9-_]+$";

const Dict = () => Type.Record(Type.String(), Type.Unknown());
const Text = () => Type.Optional(Nullable(Type.String()));

/** One entry of a vocabulary: `name` and `qcode` by convention, anything else allowed. */
const VocabularyItem = Type.Object({ name: Type.Optional(Nullable(Type.String())) }, {
  additionalProperties: true,
});

/** The vocabulary schema (Superdesk's fields; unknown ones are refused). */
export const vocabularySchema = Type.Object({
  display_name: Type.String(),
  description: Type.Optional(Type.String()),
  helper_text: Type.Optional(Type.String({ maxLength: 120 })),
  tags: Type.Optional(Type.Array(Type.Object({ text: Type.Optional(Type.String()) }))),
  popup_width: Type.Optional(Nullable(Type.Integer())),
  type: Type.Union([Type.Literal("manageable"), Type.Literal("unmanageable")]),
  items: Type.Array(VocabularyItem),
  selection_type: Type.Optional(Nullable(Type.Union(
    ["single selection", "multi selection", "do not show"].map((value) => Type.Literal(value)),
  ))),
  read_only: Type.Optional(Nullable(Type.Boolean())),
  schema_field: Text(),
  dependent: Type.Optional(Type.Union([Type.Boolean(), Type.Integer()])),
  service: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  priority: Type.Optional(Type.Integer()),
  unique_field: Text(),
  schema: Type.Optional(Dict()),
  field_type: Text(),
  field_options: Type.Optional(Dict()),
  init_version: Type.Optional(Type.Integer()),
  preffered_items: Type.Optional(Type.Boolean()),
  disable_entire_category_selection: Type.Optional(Type.Boolean()),
  date_shortcuts: Type.Optional(Nullable(Type.Array(Type.Object({
    value: Type.Integer(),
    term: Type.String(),
    label: Type.String(),
  })))),
  custom_field_type: Text(),
  custom_field_config: Type.Optional(Nullable(Dict())),
  translations: Type.Optional(Type.Object({ display_name: Type.Optional(Dict()) })),
}, { additionalProperties: false });

/** The `vocabularies` definition. */
export const vocabulariesResource = defineResource({
  name: "vocabularies",
  schema: vocabularySchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: VOCABULARIES_PRIVILEGE,
    PATCH: VOCABULARIES_PRIVILEGE,
    DELETE: VOCABULARIES_PRIVILEGE,
  },
  itemUrl: "[-_\\w]+",
  softDelete: true,
  notifications: false,
  paginationLimit: 500,
  indexes: [{ name: "field_type", keys: { field_type: 1 } }],
});
