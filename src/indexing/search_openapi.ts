/** The API reference's description of `GET /search` (`src/http/search_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { LINK } from "../http/openapi/resource_schemas.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const query = (name: string, description: string, schema: unknown = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

/** The path item of Superdesk's federated search. */
export const SEARCH_PATHS: OpenApiPaths = {
  "/search": {
    get: {
      tags: ["Search"],
      operationId: "search",
      summary: "Search several resources at once",
      description: "Superdesk's search: an Elasticsearch query (`source`) over the search-backed " +
        "resources named in `repo`, each with the caller's visibility filter applied.",
      parameters: [
        query("repo", "Comma-separated resources, e.g. `archive`; all search-backed ones if empty"),
        query(
          "source",
          'An Elasticsearch request body as JSON, e.g. `{"query": {...}, "size": 10}`',
        ),
        query("q", "A query_string query"),
        query("df", "Default field of `q`"),
        query("default_operator", "`AND` (default) or `OR` for `q`"),
        query("page", "Page number, from 1", { type: "integer", minimum: 1 }),
        query("max_results", "Page size", { type: "integer", minimum: 1 }),
        query("projections", 'Fields to return, as a JSON list, e.g. `["headline"]`'),
        query("aggregations", "`1` (any value but `0` or `false`): include aggregations"),
        query("es_highlight", "`1` (any value but `0` or `false`): include highlights"),
      ],
      responses: {
        "200": {
          description: "Hits from every resource, with their `_type`",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  _items: { type: "array", items: { type: "object" } },
                  _meta: { $ref: "#/components/schemas/ListMeta" },
                  _links: { type: "object", additionalProperties: LINK },
                  _aggregations: { type: "object" },
                },
                required: ["_items"],
              },
            },
          },
        },
        // A resource in `repo` the caller may not search.
        ...errorResponses(403),
      },
    },
  },
  "/search/{id}": {
    get: {
      tags: ["Search"],
      operationId: "searchItemById",
      summary: "Get an item by id wherever it is",
      description: "The item with that id from the first repository holding it that the caller " +
        "may see (`repo`, else ingest, archive, published by its item's id, archived).",
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        query("repo", "Comma-separated resources to look in, in order"),
      ],
      responses: {
        "200": {
          description: "The item, as its resource shows it",
          ...jsonContent({ type: "object" }),
        },
        ...errorResponses(400, 403, 404),
      },
    },
  },
};
