/**
 * The API reference's description of the content API's consumer endpoint (`consumer_routes.ts`).
 * Error statuses its shape implies are added by the document (`error_responses.ts`).
 */
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { FILTER_CLAUSES } from "./capi_filter.ts";
import { INTERNAL_FIELDS } from "./internal_fields.ts";
import { MAX_FILTER_CLAUSES, MAX_QUERY_CHARS, MAX_QUERY_WORDS } from "./query_cost.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

/** The bounds `q` and `filter` share (`query_cost.ts`). */
const COST = `\`q\` and \`filter\` together hold at most ${MAX_QUERY_WORDS} words and ` +
  `${MAX_QUERY_CHARS} characters of query text and ${MAX_FILTER_CLAUSES} clauses (else a 400)`;

const AUTH = "Authenticated by a subscriber token (`POST /subscriber_token`) as " +
  "`Authorization: Bearer <token>` (or `Token <token>`, `Basic base64(<token>:)`, the bare " +
  "token), not a session: no token or an unknown or expired one answers 401, a token of a " +
  "subscriber that is inactive or has no api products 403.";

const ITEM = {
  type: "object",
  description: "A ninjs item: `uri` instead of `_id`, only the associations published to " +
    "the subscriber",
  properties: { uri: { type: "string" }, version: { type: "string" }, type: { type: "string" } },
  required: ["uri"],
  additionalProperties: true,
};

const FIELDS = ["include_fields", "exclude_fields"].map((name) => ({
  name,
  in: "query",
  description: "Comma-separated fields to keep (`include_fields`) or drop (`exclude_fields`)",
  schema: { type: "string" },
}));

const query = (name: string, description: string) => ({
  name,
  in: "query",
  description,
  schema: { type: "string" },
});

/** Path items of the consumer routes. */
export const CONTENT_API_PATHS: OpenApiPaths = {
  "/contentapi/items": {
    get: {
      tags: ["Content API"],
      operationId: "listContentApiItems",
      summary: "List a subscriber's content API items",
      description: "The items published to the token's subscriber through its api products, " +
        "newest first (`versioncreated`). `where`, `sort`, `q` and `filter` naming one of the " +
        `store's own fields (${INTERNAL_FIELDS.map((f) => `\`${f}\``).join(", ")}) are a 400. ` +
        AUTH,
      security: [],
      parameters: [
        { $ref: "#/components/parameters/where" },
        { $ref: "#/components/parameters/sort" },
        { $ref: "#/components/parameters/page" },
        { $ref: "#/components/parameters/max_results" },
        query("q", `Full text over the item's public fields (a lenient \`query_string\`); ${COST}`),
        query("default_operator", "How the words of `q` combine: `OR` (default) or `AND`"),
        query(
          "filter",
          "Search clauses (one or a JSON list) every item must match, of these kinds: " +
            FILTER_CLAUSES.map((name) => `\`${name}\``).join(", ") + `; ${COST}`,
        ),
        query("start_date", "Items versioned on or after this day (`YYYY-MM-DD`, UTC)"),
        query("end_date", "Items versioned on or before this day (`YYYY-MM-DD`, UTC)"),
        ...["service", "subject", "genre", "urgency", "priority", "item_source"].map((name) =>
          query(name, "A value or a JSON list of values the item must have")
        ),
        query("type", "Allowed, as in Superdesk; filters nothing"),
        ...FIELDS,
      ],
      responses: {
        "200": {
          description: "A page of items",
          ...jsonContent({
            type: "object",
            properties: {
              _items: { type: "array", items: ITEM },
              _meta: { $ref: "#/components/schemas/ListMeta" },
              _links: { type: "object" },
            },
            required: ["_items"],
          }),
        },
        "401": { $ref: "#/components/responses/Unauthorized" },
        "403": { $ref: "#/components/responses/Forbidden" },
      },
    },
  },
  "/contentapi/items/{id}": {
    get: {
      tags: ["Content API"],
      operationId: "getContentApiItem",
      summary: "Get a subscriber's content API item",
      description: `An item published to the token's subscriber. ${AUTH}`,
      security: [],
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        ...FIELDS,
      ],
      responses: {
        "200": { description: "The item", ...jsonContent(ITEM) },
        "401": { $ref: "#/components/responses/Unauthorized" },
        "403": { $ref: "#/components/responses/Forbidden" },
      },
    },
  },
};
