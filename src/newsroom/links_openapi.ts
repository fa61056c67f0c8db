/** The API reference's description of `GET /links` (`links_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import { itemsListResponse, PAGE_PARAMETERS } from "../http/openapi/items_list.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";

/** Path items of the links route. */
export const LINKS_PATHS: OpenApiPaths = {
  "/links": {
    get: {
      tags: ["Content items"],
      operationId: "listItemLinks",
      summary: "List the content items that embed an item",
      description: 'Archive items whose `refs` name the item: `where={"guid": g, "uri": u}` ' +
        "matches a ref's `uri` (u, else g), `_id` or `guid` (g). Never-saved items are left out; " +
        "`page` and `max_results` page the list.",
      parameters: [
        { name: "where", in: "query", required: true, schema: { type: "string" } },
        ...PAGE_PARAMETERS,
      ],
      responses: {
        "200": itemsListResponse("The items, in the archive's list envelope"),
        ...errorResponses(400, 401),
      },
    },
  },
};
