/** The API reference's description of `search_providers_proxy` (`search_providers_proxy.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { LINK } from "../http/openapi/resource_schemas.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const query = (name: string, description: string, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema: { type: "string" },
});
const REPO = "A search provider's id, or comma-separated repositories (`archive`, ...) to search";
const TO_ARCHIVE = {
  type: "object",
  properties: {
    guid: { type: "string", description: "The provider's item" },
    desk: { type: "string" },
    stage: { type: "string" },
  },
  required: ["guid", "desk"],
};

const PROVIDER_FAILED = {
  description: "The search provider's app failed",
  ...jsonContent({ $ref: "#/components/schemas/Error" }),
};

/** Path item of the proxy. */
export const SEARCH_PROVIDERS_PROXY_PATHS: OpenApiPaths = {
  "/search_providers_proxy": {
    get: {
      tags: ["Search"],
      operationId: "searchProvidersProxySearch",
      summary: "Search a search provider (or repositories)",
      description: "With a provider's id in `repo`: the items its type finds for `source`, " +
        "with `_type: externalsource` and `fetch_endpoint`; otherwise a search of the " +
        "repositories named, as `GET /search`.",
      parameters: [
        query("repo", REPO, true),
        query("source", "An Elasticsearch request body as JSON"),
        query("params", "Provider-specific parameters as a JSON object"),
      ],
      responses: {
        "200": {
          description: "The items found",
          ...jsonContent({
            type: "object",
            properties: {
              _items: { type: "array", items: { type: "object" } },
              _meta: { $ref: "#/components/schemas/ListMeta" },
              _links: { type: "object", additionalProperties: LINK },
            },
            required: ["_items"],
          }),
        },
        "502": PROVIDER_FAILED,
        ...errorResponses(403),
      },
    },
    post: {
      tags: ["Search"],
      operationId: "searchProvidersProxyArchive",
      summary: "Archive a search provider's item on a desk",
      description: "Fetches `guid` from the provider `repo` names and stores it in the archive " +
        "on `desk` (and `stage`), as a fetch from ingest. Requires `archive`.",
      parameters: [query("repo", "The search provider's id", true)],
      requestBody: {
        required: true,
        ...jsonContent({ oneOf: [TO_ARCHIVE, { type: "array", items: TO_ARCHIVE, minItems: 1 }] }),
      },
      responses: {
        "201": {
          description: "The archive item (or `{_status, _items}` for a list)",
          ...jsonContent({ type: "object" }),
        },
        "502": PROVIDER_FAILED,
        ...errorResponses(403),
      },
    },
  },
};
