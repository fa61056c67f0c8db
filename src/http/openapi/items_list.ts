/**
 * The OpenAPI pieces of a route answering a page of items outside the generated resource paths
 * (`/links`, `/saved_searches/{id}/items`): its paging parameters and its 200 answer.
 */
import type { Json } from "./resource_schemas.ts";

/** `page` and `max_results`, as those routes take them. */
export const PAGE_PARAMETERS: Json[] = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
  { name: "max_results", in: "query", schema: { type: "integer", minimum: 1 } },
];

/** A 200 answer holding `_items`, described as `description`. */
export function itemsListResponse(description: string): Json {
  return {
    description,
    content: {
      "application/json": {
        schema: {
          type: "object",
          properties: { _items: { type: "array", items: { type: "object" } } },
          required: ["_items"],
        },
      },
    },
  };
}
