/**
 * The `products` resource (Superdesk's `apps/products`): a named selection of content for
 * subscribers — codes sent along, a content filter (blocking or permitting), a geo restriction
 * matched against an item's target regions, and whether it is for direct or API delivery.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { PRODUCTS_PRIVILEGE } from "./privileges.ts";

/** Superdesk's product types. */
export const PRODUCT_TYPES = ["direct", "api", "both"] as const;

/** The product schema. */
export const productSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Nullable(Type.String())),
  codes: Type.Optional(Nullable(Type.String())),
  content_filter: Type.Optional(Nullable(Type.Object({
    filter_id: Type.Optional(Nullable(ObjectIdField())),
    filter_type: Type.Optional(Type.Union([Type.Literal("blocking"), Type.Literal("permitting")])),
  }, { additionalProperties: false }))),
  geo_restrictions: Type.Optional(Nullable(Type.String())),
  product_type: Type.Optional(Type.Union(PRODUCT_TYPES.map((value) => Type.Literal(value)))),
  init_version: Type.Optional(Type.Integer()),
}, { additionalProperties: false });

/** The `products` definition. */
export const productsResource = defineResource({
  name: "products",
  schema: productSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: PRODUCTS_PRIVILEGE, PATCH: PRODUCTS_PRIVILEGE, DELETE: PRODUCTS_PRIVILEGE },
  datasource: { defaultSort: [["name", 1]] },
  uniqueFields: ["name"],
  relations: { "content_filter.filter_id": { resource: "content_filters" } },
});
