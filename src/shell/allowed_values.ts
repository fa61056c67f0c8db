/**
 * `GET /api/allowed_values` (Superdesk's `superdesk/allowed_values.py`): for every routed
 * resource, each top-level field limited to a list of values (Superdesk's `allowed`: our
 * schemas' unions of literals and enums, of the field or of its list's items) as
 * `{_id: "<resource>.<field>", items: [...]}`, values as strings; the client filters options by
 * them. A service whose allowed values are known only at run time (search providers' registered
 * types) adds them through `allowedValues()`; a field with no allowed value is left out, as
 * Superdesk leaves out an empty `allowed`.
 */
import { Type } from "@sinclair/typebox";
import { ComputedListService } from "../resources/computed_list_service.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";

/** A service that knows allowed values its schema cannot hold. */
export interface AllowedValuesSource {
  /** Field → its allowed values. */
  allowedValues(): Record<string, readonly string[]>;
}

/** The `allowed_values` definition: a read-only list. */
export const allowedValuesResource = defineResource({
  name: "allowed_values",
  schema: Type.Object({ items: Type.Array(Type.String()) }),
  itemMethods: [],
});

/** Lists the allowed values of every routed resource's fields. */
export class AllowedValuesService extends ComputedListService {
  constructor(ctx: ServiceContext) {
    super(allowedValuesResource, ctx);
  }

  protected override items(): Doc[] {
    const items: Doc[] = [];
    for (const service of this.ctx.registry.services()) {
      const { definition } = service;
      if (definition.internal) continue;
      const fields = new Map<string, readonly string[]>();
      const properties = (definition.schema as { properties?: Record<string, unknown> })
        .properties ?? {};
      for (const [field, schema] of Object.entries(properties)) {
        const values = allowedOf(schema);
        if (values) fields.set(field, values);
      }
      for (const [field, values] of Object.entries(runtimeValues(service))) {
        if (values.length > 0) fields.set(field, values);
        else fields.delete(field);
      }
      for (const [field, values] of fields) {
        items.push({ _id: `${definition.name}.${field}`, items: [...values] });
      }
    }
    return items;
  }
}

/** The literals a field schema is limited to (of its items for a list), if it is. */
function allowedOf(schema: unknown): string[] | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const { anyOf, enum: listed, type, items } = schema as Doc;
  if (type === "array") return allowedOf(items);
  if (Array.isArray(listed) && listed.length > 0) return listed.map(String);
  if (!Array.isArray(anyOf)) return undefined;
  const values: string[] = [];
  for (const member of anyOf as Doc[]) {
    if (member?.type === "null") continue;
    if (member === null || typeof member !== "object" || !("const" in member)) return undefined;
    values.push(String(member.const));
  }
  return values.length > 0 ? values : undefined;
}

function runtimeValues(service: ResourceService): Record<string, readonly string[]> {
  const source = service as Partial<AllowedValuesSource>;
  return typeof source.allowedValues === "function" ? source.allowedValues() : {};
}
