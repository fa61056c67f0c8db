/**
 * The API reference's description of `POST /api/prepopulate` and `POST /api/restore_record`
 * (`prepopulate_routes.ts`).
 */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { profileNames } from "./sample_profile.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

/** A public testing-mode reset: JSON body `schema`, 201 with Eve's envelope when done. */
function resetPath(
  operationId: string,
  { summary, description, schema }: { summary: string; description: string; schema: object },
) {
  return {
    post: {
      tags: ["Testing"],
      operationId,
      summary,
      description,
      security: [],
      requestBody: jsonContent(schema),
      responses: {
        "201": { description: "Done: Eve's envelope of the id `OK`" },
        ...errorResponses(400, 409, 503),
      },
    },
  };
}

/** Path items of the prepopulate and restore_record routes (testing mode only). */
export const PREPOPULATE_PATHS: OpenApiPaths = {
  "/prepopulate": resetPath("prepopulate", {
    summary: "Erase the data and load sample data (SUPERDESK_TESTING only)",
    description: "Erases every document, search entry and waiting task unless `remove_first` " +
      "is false, then loads app:initialize_data's reference data, the test user and the " +
      "profile's sample data. Other requests meanwhile get 503 with Retry-After.",
    schema: {
      type: "object",
      properties: {
        remove_first: { type: "boolean", default: true },
        profile: { type: "string", enum: profileNames() },
      },
      additionalProperties: false,
    },
  }),
  "/restore_record": resetPath("restore_record", {
    summary: "Erase the data and restore a record (SUPERDESK_TESTING only)",
    description: "Reads the record `name` from STORAGE_RECORD_DIR and its base dump from " +
      "STORAGE_DUMP_DIR (Superdesk's dump format), erases everything, restores the dump, " +
      "applies the record's events and rebuilds the search indexes. An unknown name or a " +
      "corrupt file is a 400 and nothing is erased. Other requests meanwhile get 503.",
    schema: {
      type: "object",
      properties: { name: { type: "string", pattern: "^[\\w-][\\w.-]*$" } },
      required: ["name"],
      additionalProperties: false,
    },
  }),
};
