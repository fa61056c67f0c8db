/** The API reference's description of a saved search's items (`saved_search_items_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { tagName } from "../http/openapi/resource_paths.ts";
import { savedSearchesResource } from "./saved_searches_resource.ts";

/** Path items of the saved search items route. */
export const SAVED_SEARCH_ITEMS_PATHS: OpenApiPaths = {
  "/saved_searches/{id}/items": {
    get: {
      tags: [tagName(savedSearchesResource)],
      operationId: "listSavedSearchItems",
      summary: "Run a saved search",
      description: "The items the caller's (or a global) saved search finds in its `repo`, " +
        "with the visibility and paging of `/search`.",
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
        { name: "max_results", in: "query", schema: { type: "integer", minimum: 1 } },
      ],
      responses: {
        "200": {
          description: "The items found, in the search envelope",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { _items: { type: "array", items: { type: "object" } } },
                required: ["_items"],
              },
            },
          },
        },
        ...errorResponses(400, 401, 404),
      },
    },
  },
};
