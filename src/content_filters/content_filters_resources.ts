/**
 * The `filter_conditions` and `content_filters` resources (Superdesk's `apps/content_filters`):
 * a condition is a field, an operator and a value; a content filter is statements of condition
 * and nested-filter ids. Names are unique ignoring case; a condition or filter still used by a
 * content filter cannot be deleted (403). Routing schemes use them; publishing will too.
 */
import { Type } from "@sinclair/typebox";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import type { Doc } from "../storage/document_store.ts";
import { assertUniqueName } from "../newsroom/unique_name.ts";
import { FILTER_OPERATORS } from "./filter_condition_match.ts";

/** The privilege Superdesk names for managing content filters. */
export const CONTENT_FILTERS_PRIVILEGE = "content_filters";

const privileges = {
  POST: CONTENT_FILTERS_PRIVILEGE,
  PATCH: CONTENT_FILTERS_PRIVILEGE,
  DELETE: CONTENT_FILTERS_PRIVILEGE,
};

/** `filter_conditions`. */
export const filterConditionsResource = defineResource({
  name: "filter_conditions",
  schema: Type.Object({
    name: Type.String({ minLength: 1 }),
    field: Type.String({ minLength: 1 }),
    operator: Type.Union(FILTER_OPERATORS.map((operator) => Type.Literal(operator))),
    value: Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges,
  uniqueFields: ["name"],
});

/** `content_filters`. */
export const contentFiltersResource = defineResource({
  name: "content_filters",
  schema: Type.Object({
    name: Type.String({ minLength: 1 }),
    content_filter: Type.Array(Type.Object({
      expression: Type.Object({
        fc: Type.Optional(Type.Array(ObjectIdField())),
        pf: Type.Optional(Type.Array(ObjectIdField())),
      }, { additionalProperties: false }),
    }, { additionalProperties: false })),
    is_global: Type.Optional(Type.Boolean()),
    is_archived_filter: Type.Optional(Type.Boolean()),
    api_block: Type.Optional(Type.Boolean()),
    description: Type.Optional(Nullable(Type.String())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges,
  uniqueFields: ["name"],
});

/** Unique names, and no deletion of a condition a filter uses. */
export class FilterConditionsService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) await assertUniqueName(this.collection, doc.name);
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
  }

  protected override async onDelete(doc: Doc) {
    const users = await this.ctx.registry.service("content_filters")
      .findOne({ "content_filter.expression.fc": doc._id });
    if (users) {
      throw new ForbiddenError(`Filter condition is referenced in content filter: ${users.name}`);
    }
  }
}

/** Unique names, statements that name something, no deletion while referenced. */
export class ContentFiltersService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      checkStatements(doc.content_filter);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    if ("content_filter" in updates) checkStatements(updates.content_filter);
  }

  protected override async onDelete(doc: Doc) {
    const nesting = await this.findOne({ "content_filter.expression.pf": doc._id });
    if (nesting) throw new ForbiddenError(`Content filter is referenced in: ${nesting.name}`);
    if (this.ctx.registry.has("routing_schemes")) {
      const scheme = await this.ctx.registry.service("routing_schemes")
        .findOne({ "rules.filter": doc._id });
      if (scheme) {
        throw new ForbiddenError(`Content filter is used by routing scheme: ${scheme.name}`);
      }
    }
  }
}

function checkStatements(statements: unknown) {
  const list = Array.isArray(statements) ? statements as Doc[] : [];
  list.forEach((statement, index) => {
    const expression = (statement.expression ?? {}) as Doc;
    const count = ((expression.fc as unknown[]) ?? []).length +
      ((expression.pf as unknown[]) ?? []).length;
    if (count === 0) {
      throw new ValidationError({
        content_filter: `Filter statement ${index + 1} does not have a filter condition`,
      });
    }
  });
}
