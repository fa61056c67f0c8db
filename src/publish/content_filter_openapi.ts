/**
 * The API reference's description of `content_filter_routes.ts`: testing a content filter and
 * the filter condition parameters. (`GET /subscribers?filter_condition=` shares the generated
 * `GET /subscribers` entry.) Error statuses their shape implies are added by the document.
 */
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const TAGS = ["Publishing"];

const TEST = {
  type: "object",
  properties: {
    filter_id: { type: "string", description: "A stored content filter" },
    filter: { type: "object", description: "A content filter given in full" },
    article_id: { type: "string", description: "The item to test (archive, then ingest)" },
    return_matching: {
      type: "boolean",
      description: "Without `article_id`: the archive items that match (default) or not",
    },
  },
};

/** The paths. */
export const CONTENT_FILTER_PATHS: OpenApiPaths = {
  "/content_filters/test": {
    post: {
      tags: TAGS,
      operationId: "testContentFilter",
      summary: "Test a content filter",
      description: "Whether the item `article_id` matches the filter (`match_results` true or " +
        "false), or without it the 200 newest archive items the caller can see that match " +
        "(`return_matching` true) or do not. A list of tests is answered as a list.",
      requestBody: {
        required: true,
        ...jsonContent({ oneOf: [TEST, { type: "array", items: TEST }] }),
      },
      responses: {
        "201": {
          description: "The test with its `match_results`",
          ...jsonContent({
            type: "object",
            properties: {
              match_results: {
                oneOf: [{ type: "boolean" }, { type: "array", items: { type: "object" } }],
              },
              _items: { type: "array", items: { type: "object" } },
              _status: { const: "OK" },
            },
          }),
        },
      },
    },
  },
  "/filter_conditions/parameters": {
    get: {
      tags: TAGS,
      operationId: "listFilterConditionParameters",
      summary: "List what filter conditions may test",
      description: "Every field a filter condition may name, with its operators and, for " +
        "fields with a fixed set of values, those values and the key a condition's value names.",
      responses: {
        "200": {
          description: "The fields",
          ...jsonContent({
            type: "object",
            properties: {
              _items: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    field: { type: "string" },
                    label: { type: "string" },
                    operators: { type: "array", items: { type: "string" } },
                    values: { type: "array", items: { type: "object" } },
                    value_field: { type: "string" },
                  },
                  required: ["field", "operators"],
                },
              },
              _meta: { type: "object", properties: { total: { type: "integer" } } },
            },
            required: ["_items"],
          }),
        },
      },
    },
  },
};
