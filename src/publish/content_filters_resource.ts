/**
 * The `content_filters` and `filter_conditions` resources (Superdesk's `apps/content_filters`):
 * a filter condition tests one field of an item (`field`, `operator`, `value`); a content filter
 * is an OR of statements, each an AND of filter conditions (`fc`) and other content filters
 * (`pf`). Global content filters apply to every subscriber that does not opt out.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";
import { FILTER_OPERATORS } from "./filter_condition_match.ts";
import { CONTENT_FILTERS_PRIVILEGE } from "./privileges.ts";

const PRIVILEGES = {
  POST: CONTENT_FILTERS_PRIVILEGE,
  PATCH: CONTENT_FILTERS_PRIVILEGE,
  DELETE: CONTENT_FILTERS_PRIVILEGE,
};

/**
 * The filter condition schema; `field` is checked against the fields of the time (the default
 * ones and the manageable vocabularies, `filter_condition_parameters.ts`) by the service.
 */
export const filterConditionSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  field: Type.String({ minLength: 1 }),
  operator: Type.Union(FILTER_OPERATORS.map((value) => Type.Literal(value))),
  value: Type.String({ minLength: 1 }),
}, { additionalProperties: false });

/** The `filter_conditions` definition. */
export const filterConditionsResource = defineResource({
  name: "filter_conditions",
  schema: filterConditionSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: PRIVILEGES,
  datasource: { defaultSort: [["name", 1]] },
  uniqueFields: ["name"],
});

/** The content filter schema. */
export const contentFilterSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  content_filter: Type.Optional(Type.Array(Type.Object({
    expression: Type.Optional(Type.Object({
      fc: Type.Optional(Type.Array(ObjectIdField())),
      pf: Type.Optional(Type.Array(ObjectIdField())),
    }, { additionalProperties: false })),
  }, { additionalProperties: false }))),
  is_global: Type.Optional(Type.Boolean()),
  is_archived_filter: Type.Optional(Type.Boolean()),
  api_block: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** The `content_filters` definition. */
export const contentFiltersResource = defineResource({
  name: "content_filters",
  schema: contentFilterSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: PRIVILEGES,
  datasource: { defaultSort: [["name", 1]] },
  uniqueFields: ["name"],
});
