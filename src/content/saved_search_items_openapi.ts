/** The API reference's description of a saved search's items (`saved_search_items_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import { itemsListResponse, PAGE_PARAMETERS } from "../http/openapi/items_list.ts";
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
        ...PAGE_PARAMETERS,
      ],
      responses: {
        "200": itemsListResponse("The items found, in the search envelope"),
        ...errorResponses(400, 401, 404),
      },
    },
  },
};
